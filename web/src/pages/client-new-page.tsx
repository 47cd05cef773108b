// /support/clients/new (peer educators, social workers): the questions a UIC is derived from
// (sex, year of birth, the mother's, the father's and the person's own given name; only letters
// are kept, never the names), the code previewed by POST /api/uic as the answers settle, a
// warning listing the clients of the unit already holding it with "Đây là người khác", then
// "Đăng ký" and the person's page, where recording consent is offered at once. The answers live
// in this component's state only: never in the address, storage or logs.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { CheckboxField, FormMessage, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { UnitPicker } from '../components/unit-picker';
import { setFlash } from '../flash';
import { OUTBOX_PATH } from '../offline/paths';
import { saveOffline, summaryOf } from '../offline/save';
import { useApi, useDebounced, usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { navigate } from '../router';
import { createClient, previewUic, type Sex } from '../support/api';
import { SupportTabs } from '../support/components';
import { EMPTY_UIC_FORM, clientHref, uicRequest, validateUicForm, type UicErrors, type UicForm } from '../support/support';

export interface ClientNewPageProps {
  session: Session;
  lang: Lang;
}

const SEXES: readonly Sex[] = ['F', 'M', 'K'];

export function ClientNewPage({ session, lang }: ClientNewPageProps) {
  usePageTitle(t('support.new.title'));
  const [form, setForm] = useState<UicForm>(EMPTY_UIC_FORM);
  const [unit, setUnit] = useState<string>(session.user.unit_code);
  const [isOther, setOther] = useState(false);
  const [errors, setErrors] = useState<UicErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [needConfirm, setNeedConfirm] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const names = useUnitNames(unit ? [unit] : []);
  const today = new Date();
  const request = uicRequest(form, unit, today);
  const asked = useDebounced(request ? JSON.stringify(request) : '', 350);
  const preview = useApi((signal) => (asked ? previewUic(JSON.parse(asked) as NonNullable<typeof request>, signal) : null), [asked]);
  const isCurrent = asked !== '' && asked === (request ? JSON.stringify(request) : '');
  const existing = isCurrent ? (preview.data?.existing ?? []) : [];

  const edit = (change: Partial<UicForm>) => {
    setForm({ ...form, ...change });
    setOther(false);
    setNeedConfirm(false);
  };

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    const found = validateUicForm(form, unit, today, lang);
    setErrors(found);
    setFailure(null);
    const body = uicRequest(form, unit, today);
    if (Object.keys(found).length > 0 || !body) return;
    if (existing.length > 0 && !isOther) {
      setNeedConfirm(true);
      return;
    }
    const answers = { ...body };
    delete answers.unit;
    setSaving(true);
    const request = { id: crypto.randomUUID(), unit, answers, confirm_new_person: isOther || undefined };
    try {
      const created = await createClient(request);
      setFlash(clientHref(created.id), 'support.created');
      navigate(clientHref(created.id));
    } catch (caught) {
      // No network: the registration (answers sealed on the device) waits in the outbox, with the
      // id made here, which later queued calls for this person use as well.
      if (await saveOffline(caught, { method: 'POST', path: '/api/clients', body: request, summary: summaryOf('offline.kind.client', unit, clientHref(request.id)) })) {
        setFlash(OUTBOX_PATH, 'offline.savedOnDevice');
        navigate(OUTBOX_PATH);
        return;
      }
      const error = caught instanceof ApiError ? caught : networkError();
      if (error.code === 'uic_collision') {
        setNeedConfirm(true);
        preview.reload();
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="page support">
      <h1 class="page__title" tabIndex={-1}>
        {t('support.new.title')}
      </h1>
      <SupportTabs role={session.user.role} current="new" />
      <p class="muted">{t('support.new.intro')}</p>
      <form class="form support-form" onSubmit={(event) => void onSubmit(event)} noValidate autoComplete="off">
        <UnitPicker
          id="client-unit"
          label={t('support.unit')}
          value={unit ? { code: unit, name: names[unit] ?? unit } : null}
          onChange={(picked) => {
            setUnit(picked?.code ?? '');
            setOther(false);
          }}
          lang={lang}
          error={errors.unit}
        />
        <fieldset class={errors.sex ? 'field fieldset field--invalid' : 'field fieldset'} aria-describedby={errors.sex ? 'client-sex-error' : undefined}>
          <legend class="field__label">{t('support.sex')}</legend>
          <div class="support-choices">
            {SEXES.map((sex) => (
              <label key={sex} class={form.sex === sex ? 'support-choice is-chosen' : 'support-choice'}>
                <input type="radio" name="client-sex" value={sex} checked={form.sex === sex} onChange={() => edit({ sex })} />
                {t(`support.sex.${sex}`)}
              </label>
            ))}
          </div>
          {errors.sex && (
            <p id="client-sex-error" class="field__error">
              {errors.sex}
            </p>
          )}
        </fieldset>
        <TextField
          id="client-birth-year"
          label={t('support.birthYear')}
          value={form.birthYear}
          onInput={(birthYear) => edit({ birthYear })}
          inputMode="numeric"
          maxLength={4}
          hint={t('support.birthYearHint')}
          error={errors.birth_year}
          autoComplete="off"
        />
        <p class="support-names-hint">{t('support.nameHint')}</p>
        <TextField id="client-mother" label={t('support.motherName')} value={form.motherName} onInput={(motherName) => edit({ motherName })} maxLength={100} autoComplete="off" />
        <TextField id="client-father" label={t('support.fatherName')} value={form.fatherName} onInput={(fatherName) => edit({ fatherName })} maxLength={100} autoComplete="off" />
        <TextField id="client-given" label={t('support.givenName')} value={form.givenName} onInput={(givenName) => edit({ givenName })} maxLength={100} autoComplete="off" />

        <div class="support-preview" role="status" aria-live="polite">
          {!request && <span class="muted">{t('support.previewWaiting')}</span>}
          {request && (!isCurrent || preview.isLoading) && <span class="muted">{t('support.previewLoading')}</span>}
          {request && isCurrent && !preview.isLoading && preview.data && (
            <>
              <span class="support-preview__label">{t('support.preview')}</span> <strong class="support-preview__code">{preview.data.uic}</strong>
            </>
          )}
          {request && isCurrent && preview.error && <span class="field__error">{preview.error.localized(lang)}</span>}
        </div>

        {existing.length > 0 && (
          <div class="notice notice--info support-collision" role="alert">
            <p class="notice__title">{t('support.collision.title')}</p>
            <p>{t('support.collision.intro')}</p>
            <ul>
              {existing.map((c) => (
                <li key={c.id}>
                  <Link href={clientHref(c.id)}>{t('support.collision.open', { code: c.uic })}</Link>
                </li>
              ))}
            </ul>
            <CheckboxField id="client-other" label={t('support.collision.confirm')} checked={isOther} onChange={setOther} hint={t('support.collision.confirmHint')} />
          </div>
        )}
        {needConfirm && !isOther && <FormMessage kind="error">{t('support.collision.needConfirm')}</FormMessage>}
        {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
        <div class="actions">
          <button type="submit" class="button button--primary support-big" disabled={isSaving}>
            {isSaving ? t('support.creating') : t('support.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
