// /tips/new (intake and province officers): the receiving unit, channel, kind, time of receipt
// (now by default), content, an optional establishment and place, and whether the person stays
// anonymous. The denouncer's identity (intake officers only) is hidden for an anonymous tip and
// says that it is stored encrypted, apart, and read only by intake officers. The client's id makes
// a second press of "Lưu" create nothing more.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { canReadDenouncer } from '../auth/guards';
import { CheckboxField, FormMessage, SelectField, TextAreaField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { RecordPicker } from '../components/record-picker';
import { UnitPicker } from '../components/unit-picker';
import { setFlash } from '../flash';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { referenceKey, useRecordTypes, useReferencedRecords, useUnitNames } from '../lookups';
import { navigate } from '../router';
import { createTip } from '../tips/api';
import { useTipCodeLists } from '../tips/lookups';
import { MAX_CONTENT, TIPS_PATH, codeLabel, initialTipForm, serverErrors, tipHref, toCreateRequest, validateTipForm, type TipErrors, type TipForm } from '../tips/tip';

export interface TipNewPageProps {
  session: Session;
  lang: Lang;
}

const ESTABLISHMENT = ['establishment'];

export function TipNewPage({ session, lang }: TipNewPageProps) {
  usePageTitle(t('tips.newTitle'));
  const [form, setForm] = useState<TipForm>(() => initialTipForm(session.user.unit_code, new Date()));
  const [id] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<TipErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const codes = useTipCodeLists();
  const names = useUnitNames(form.unit ? [form.unit] : []);
  const types = useRecordTypes(ESTABLISHMENT);
  const establishmentType = types.data?.find((type) => type.resource === 'establishment');
  const refs = useReferencedRecords(establishmentType && form.establishmentId ? [{ type: establishmentType, id: form.establishmentId }] : []);
  const withDenouncer = canReadDenouncer(session.user.role);
  const edit = (change: Partial<TipForm>) => setForm({ ...form, ...change });
  const choose = { value: '', label: t('tips.field.choose') };

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    const found = validateTipForm(form, new Date(), lang);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const tip = await createTip(toCreateRequest(form, id, withDenouncer));
      setFlash(tipHref(tip.id), 'tips.saved');
      navigate(tipHref(tip.id));
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError();
      setFailure(error);
      setErrors(serverErrors(error.fields, lang));
      setSaving(false);
    }
  }

  const field = (key: keyof TipForm) => (value: string) => edit({ [key]: value } as Partial<TipForm>);
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <section class="page tips">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('tips.newTitle')}
        </h1>
        <div class="page__actions">
          <Link href={TIPS_PATH} class="button">
            {t('tips.back')}
          </Link>
        </div>
      </div>
      <form class="form tips-form" noValidate onSubmit={onSubmit}>
        <UnitPicker
          id="tip-unit"
          label={t('tips.field.unit')}
          value={form.unit ? { code: form.unit, name: names[form.unit] ?? form.unit } : null}
          onChange={(unit) => edit({ unit: unit?.code ?? '' })}
          lang={lang}
          error={errors.unit}
        />
        <SelectField
          id="tip-channel"
          label={t('tips.field.channel')}
          value={form.channel}
          onChange={field('channel')}
          options={[choose, ...codes.channel.filter((c) => c.is_active).map((c) => ({ value: c.code, label: codeLabel(codes.channel, c.code, lang) }))]}
          error={errors.channel}
        />
        <SelectField
          id="tip-kind"
          label={t('tips.field.kind')}
          value={form.kind}
          onChange={field('kind')}
          options={[choose, ...codes.kind.filter((c) => c.is_active).map((c) => ({ value: c.code, label: codeLabel(codes.kind, c.code, lang) }))]}
          error={errors.kind}
        />
        <div class={errors.received_at ? 'field field--invalid' : 'field'}>
          <label class="field__label" for="tip-received-at">
            {t('tips.field.receivedAt')}
          </label>
          <input
            id="tip-received-at"
            class="input"
            type="datetime-local"
            value={form.receivedAt}
            aria-invalid={errors.received_at ? true : undefined}
            aria-describedby={errors.received_at ? 'tip-received-at-error' : undefined}
            onInput={(e) => edit({ receivedAt: e.currentTarget.value })}
          />
          {errors.received_at && (
            <p id="tip-received-at-error" class="field__error">
              {errors.received_at}
            </p>
          )}
        </div>
        <TextAreaField id="tip-content" label={t('tips.field.content')} value={form.content} onInput={field('content')} maxLength={MAX_CONTENT} rows={6} error={errors.content} />
        <RecordPicker
          id="tip-establishment"
          label={t('tips.field.establishment')}
          type={establishmentType}
          value={form.establishmentId}
          record={establishmentType && form.establishmentId ? refs[referenceKey(establishmentType, form.establishmentId)] : undefined}
          onChange={(establishmentId) => edit({ establishmentId })}
          lang={lang}
          error={errors.establishment_id}
        />
        <TextField id="tip-place" label={t('tips.field.place')} value={form.place} onInput={field('place')} maxLength={300} error={errors.place} />
        <CheckboxField id="tip-anonymous" label={t('tips.field.anonymous')} checked={form.isAnonymous} onChange={(isAnonymous) => edit({ isAnonymous })} />
        {withDenouncer && !form.isAnonymous && (
          <fieldset class="tips-denouncer">
            <legend class="tips-denouncer__legend">{t('tips.denouncer.title')}</legend>
            <p class="notice notice--info tips-denouncer__note">{t('tips.denouncer.note')}</p>
            {errors.denouncer && <FormMessage kind="error">{errors.denouncer}</FormMessage>}
            <TextField id="tip-denouncer-name" label={t('tips.denouncer.name')} value={form.name} onInput={field('name')} maxLength={200} autoComplete="off" error={errors['denouncer.name']} />
            <TextField
              id="tip-denouncer-id"
              label={t('tips.denouncer.idNumber')}
              value={form.idNumber}
              onInput={field('idNumber')}
              maxLength={20}
              autoComplete="off"
              isVerbatim
              error={errors['denouncer.id_number']}
            />
            <TextField id="tip-denouncer-address" label={t('tips.denouncer.address')} value={form.address} onInput={field('address')} maxLength={300} autoComplete="off" error={errors['denouncer.address']} />
            <TextField id="tip-denouncer-phone" label={t('tips.denouncer.phone')} value={form.phone} onInput={field('phone')} maxLength={20} autoComplete="off" inputMode="numeric" error={errors['denouncer.phone']} />
            <TextField id="tip-denouncer-email" label={t('tips.denouncer.email')} value={form.email} onInput={field('email')} maxLength={200} autoComplete="off" isVerbatim error={errors['denouncer.email']} />
          </fieldset>
        )}
        {(failure || hasErrors) && <FormMessage kind="error">{failure && !hasErrors ? failure.localized(lang) : t('tips.err.fix')}</FormMessage>}
        <div class="tips-actions">
          <button type="submit" class="button button--primary" disabled={isSaving}>
            {isSaving ? t('tips.saving') : t('tips.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
