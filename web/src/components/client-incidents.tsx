// The incidents block of a person's page (pages/client-page.tsx): incidents of gender-based
// violence, codes only (kind, date, place type, services offered and accepted; nothing about the
// perpetrator), listed and recorded by those who work with the person.

import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import type { CodeItem } from '../api/records';
import { ErrorNotice } from './error-notice';
import { FormMessage, SaveCancel, SelectField, TextField } from './form-fields';
import { formatDate, t, type Lang } from '../i18n';
import { addIncident } from '../support/api';
import { asApiError, codeLabel, codeOptions, CodesAndSubset, fieldErrors, useCodeList } from '../support/components';
import { eligibleWithin, isoDay } from '../support/support';

export interface IncidentsBlockProps {
  clientId: string;
  lang: Lang;
  canWork: boolean;
  needs: readonly CodeItem[];
  incidents: readonly { id: string; kind: string; occurred_on: string; place_type: string; services_offered: string[]; services_accepted: string[] }[] | null;
  error: ApiError | null;
  onSaved: () => void;
}

export function IncidentsBlock({ clientId, lang, canWork, needs, incidents, error, onSaved }: IncidentsBlockProps) {
  const kinds = useCodeList('gbv_kind');
  const places = useCodeList('gbv_place');
  const [isOpen, setOpen] = useState(false);
  const [kind, setKind] = useState('');
  const [place, setPlace] = useState('');
  const [on, setOn] = useState(isoDay(new Date()));
  const [offered, setOffered] = useState<string[]>([]);
  const [accepted, setAccepted] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('support.err.required', undefined, lang);
    if (!place) found.place_type = t('support.err.required', undefined, lang);
    if (!on) found.occurred_on = t('support.err.required', undefined, lang);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await addIncident(clientId, { kind, occurred_on: on, place_type: place, services_offered: offered, services_accepted: eligibleWithin(offered, accepted) });
      setOpen(false);
      setKind('');
      setPlace('');
      setOffered([]);
      setAccepted([]);
      onSaved();
    } catch (caught) {
      const e = asApiError(caught);
      setFailure(e);
      setErrors(fieldErrors(e, lang));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="support-block" aria-labelledby="incidents-title">
      <h2 id="incidents-title" class="support-section-title">
        {t('support.incidents')}
      </h2>
      {error && <ErrorNotice error={error} lang={lang} />}
      {incidents && incidents.length === 0 && <p class="muted">{t('support.incident.none')}</p>}
      {incidents && incidents.length > 0 && (
        <ul class="support-items">
          {incidents.map((i) => (
            <li key={i.id} class="support-item">
              <div class="support-item__head">
                <strong>{codeLabel(kinds, i.kind, lang)}</strong>
                <span class="muted">{formatDate(i.occurred_on, lang)}</span>
              </div>
              <p>
                {t('support.incident.place')}: {codeLabel(places, i.place_type, lang)}
              </p>
              {i.services_offered.length > 0 && (
                <p class="muted">
                  {t('support.incident.offered')}: {i.services_offered.map((c) => codeLabel(needs, c, lang)).join(', ')}
                </p>
              )}
              {i.services_accepted.length > 0 && (
                <p class="muted">
                  {t('support.incident.accepted')}: {i.services_accepted.map((c) => codeLabel(needs, c, lang)).join(', ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWork && !isOpen && (
        <button type="button" class="button support-big" onClick={() => setOpen(true)}>
          {t('support.incident.add')}
        </button>
      )}
      {canWork && isOpen && (
        <form class="form support-form card" onSubmit={(event) => void onSubmit(event)} noValidate>
          <p class="muted">{t('support.incident.intro')}</p>
          <SelectField id="incident-kind" label={t('support.incident.kind')} value={kind} onChange={setKind} error={errors.kind} options={[{ value: '', label: t('support.referral.pick') }, ...codeOptions(kinds, lang)]} />
          <TextField id="incident-date" type="date" label={t('support.incident.date')} value={on} onInput={setOn} error={errors.occurred_on} />
          <SelectField id="incident-place" label={t('support.incident.place')} value={place} onChange={setPlace} error={errors.place_type} options={[{ value: '', label: t('support.referral.pick') }, ...codeOptions(places, lang)]} />
          <CodesAndSubset
            id="incident-offered"
            label={t('support.incident.offered')}
            values={offered}
            error={errors.services_offered}
            subsetId="incident-accepted"
            subsetLabel={t('support.incident.accepted')}
            subsetHint={t('support.incident.acceptedHint')}
            subset={accepted}
            subsetError={errors.services_accepted}
            options={codeOptions(needs, lang)}
            onChange={(next, subset) => {
              setOffered(next);
              setAccepted(subset);
            }}
          />
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <SaveCancel isSaving={isSaving} label={t('support.incident.save')} onCancel={() => setOpen(false)} />
        </form>
      )}
    </section>
  );
}
