// "Tạo đợt báo cáo": the form of a new reporting round (province officers): kind, period, due
// date, the units that must report (every unit of a level below, or chosen codes) and the plan
// whose targets pre-fill the reports. Checked here first, then by the server, whose field errors
// show under the fields in the user's language; a round made leads to its page.

import { useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { setFlash } from '../flash';
import { fieldErrors } from '../forms';
import { useApi } from '../hooks';
import { t, type Lang } from '../i18n';
import { navigate } from '../router';
import { createRound, listIndicatorPlans, type RoundKind } from './api';
import { ROUND_KINDS, formField, newRoundBody, roundHref, suggestedPeriod, validateNewRound, vietnamToday, type NewRoundForm } from './report';

const SHOWN_FIELDS = ['name', 'kind', 'period', 'due_on', 'level', 'units', 'plan'];

export function RoundNewForm({ session, lang, onCancel }: { session: Session; lang: Lang; onCancel: () => void }) {
  const today = vietnamToday();
  const [form, setForm] = useState<NewRoundForm>(() => ({
    name: '',
    kind: 'six_month',
    period: suggestedPeriod('six_month', today),
    dueOn: '',
    who: 'level',
    level: 'district',
    unitsText: '',
    plan: '',
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const sending = useRef(false);
  const plans = useApi((signal) => listIndicatorPlans(signal), []);

  const server: Record<string, string> = {};
  for (const [name, message] of Object.entries(fieldErrors(failure, lang))) server[formField(name)] ??= message;
  const errors = { ...server, ...local };
  const isShown = (name: string) => SHOWN_FIELDS.includes(formField(name));
  const otherError = failure && !(failure.fields.length > 0 && failure.fields.every((f) => isShown(f.field))) ? failure : null;

  function change(patch: Partial<NewRoundForm>, ...fields: string[]) {
    setForm((f) => ({ ...f, ...patch }));
    if (fields.some((name) => local[name] || server[name])) {
      setLocal((l) => {
        const next = { ...l };
        for (const name of fields) delete next[name];
        return next;
      });
      setFailure(null);
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (sending.current) return;
    setFailure(null);
    const found = validateNewRound(form, lang);
    setLocal(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`round-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    sending.current = true;
    setBusy(true);
    try {
      const round = await createRound(newRoundBody(form, session.user.unit_code, lang));
      setFlash(roundHref(round.id), 'reporting.created');
      navigate(roundHref(round.id));
    } catch (caught) {
      setFailure(caught instanceof ApiError ? caught : networkError());
      setBusy(false);
    } finally {
      sending.current = false;
    }
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div class="card reporting-new">
      <h2 class="reporting-section-title">{t('reporting.newTitle')}</h2>
      {hasErrors && !otherError && <FormMessage kind="error">{t('reporting.fixBelow')}</FormMessage>}
      {otherError && <ErrorNotice error={otherError} lang={lang} />}
      <form class="form reporting-new__form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <SelectField
          id="round-kind"
          label={t('reporting.field.kind')}
          value={form.kind}
          onChange={(value) => {
            const kind = value as RoundKind;
            change({ kind, period: suggestedPeriod(kind, today) }, 'kind', 'period');
          }}
          options={ROUND_KINDS.map((kind) => ({ value: kind, label: t(`reporting.kind.${kind}`) }))}
          error={errors.kind}
        />
        <TextField
          id="round-period"
          label={t('reporting.field.period')}
          value={form.period}
          onInput={(period) => change({ period }, 'period')}
          hint={t(`reporting.field.periodHint.${form.kind}`)}
          error={errors.period}
          isVerbatim
          maxLength={20}
        />
        <TextField id="round-due_on" type="date" label={t('reporting.field.due')} value={form.dueOn} onInput={(dueOn) => change({ dueOn }, 'due_on')} error={errors.due_on} class="input--date" />
        <SelectField
          id="round-who"
          label={t('reporting.field.who')}
          value={form.who}
          onChange={(value) => change({ who: value === 'units' ? 'units' : 'level' }, 'level', 'units')}
          options={[
            { value: 'level', label: t('reporting.field.who.level') },
            { value: 'units', label: t('reporting.field.who.units') },
          ]}
        />
        {form.who === 'level' ? (
          <SelectField
            id="round-level"
            label={t('reporting.field.level')}
            value={form.level}
            onChange={(level) => change({ level }, 'level')}
            options={[
              { value: 'district', label: t('reporting.level.district') },
              { value: 'commune', label: t('reporting.level.commune') },
            ]}
            error={errors.level}
          />
        ) : (
          <TextField
            id="round-units"
            label={t('reporting.field.units')}
            value={form.unitsText}
            onInput={(unitsText) => change({ unitsText }, 'units')}
            hint={t('reporting.field.unitsHint')}
            error={errors.units}
            inputMode="numeric"
            isVerbatim
          />
        )}
        <SelectField
          id="round-plan"
          label={t('reporting.field.plan')}
          value={form.plan}
          onChange={(plan) => change({ plan }, 'plan')}
          options={[
            { value: '', label: t('reporting.field.planDefault') },
            ...(plans.data ?? []).map((plan) => ({ value: plan.id, label: lang === 'vi' ? plan.name_vi || plan.id : plan.name_en || plan.name_vi || plan.id })),
          ]}
          error={errors.plan}
        />
        <TextField
          id="round-name"
          label={t('reporting.field.name')}
          value={form.name}
          onInput={(name) => change({ name }, 'name')}
          hint={t('reporting.field.nameHint')}
          error={errors.name}
          maxLength={300}
        />
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {isBusy ? t('reporting.creating') : t('reporting.create')}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            {t('reporting.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
