// The referrals block of a person's page (pages/client-page.tsx): referrals to a provider for a
// service, a refusal for want of consent shown under the field with a button to record that
// consent there and then, each referral's due state and its outcome (received, or not and why).
// Offline, a referral and an outcome wait in the outbox (offline/save.ts).

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { CodeItem } from '../api/records';
import { ErrorNotice } from './error-notice';
import { FormMessage, SaveCancel, SelectField, TextField } from './form-fields';
import { saveOffline } from '../offline/save';
import { useApi } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { addReferral, listProviders, recordOutcome, type Client, type Consent, type Outcome, type Provider, type Referral } from '../support/api';
import { ConsentForm, asApiError, codeLabel, codeOptions, fieldErrors, useCodeList } from '../support/components';
import { clientHref, dueLabel, dueState, dueTone, isoDay } from '../support/support';

export interface ReferralsBlockProps {
  client: Client;
  lang: Lang;
  canWork: boolean;
  needs: readonly CodeItem[];
  providers: readonly Provider[];
  consents: readonly Consent[];
  defaultNotice: string;
  referrals: readonly Referral[] | null;
  error: ApiError | null;
  onConsent: () => void;
  onSaved: (key: MessageKey) => void;
}

export function ReferralsBlock(props: ReferralsBlockProps) {
  const { client, lang, canWork, needs, referrals } = props;
  const [isOpen, setOpen] = useState(false);
  const [service, setService] = useState('');
  const [providerId, setProviderId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isConsentOpen, setConsentOpen] = useState(false);
  const offering = useApi((signal) => (isOpen && service ? listProviders({ unit: client.unit, service }, signal) : null), [isOpen, client.unit, service]);
  const offered = (offering.data?.items ?? []).filter((p) => p.is_active);
  const chosenProvider = offered.some((p) => p.id === providerId) ? providerId : '';
  const providerName = (pid: string) => props.providers.find((p) => p.id === pid)?.name ?? offered.find((p) => p.id === pid)?.name ?? pid;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    const found: Record<string, string> = {};
    if (!service) found.service = t('support.err.required', undefined, lang);
    if (!chosenProvider) found.provider_id = t('support.err.required', undefined, lang);
    setErrors(found);
    setFailure(null);
    setConsentOpen(false);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const body = { provider_id: chosenProvider, service };
    try {
      await addReferral(client.id, body);
      setOpen(false);
      setService('');
      setProviderId('');
      props.onSaved('support.referral.saved');
    } catch (caught) {
      // No network: the referral waits in the outbox (offline/save.ts); the server gives its id.
      const summary = { kindVi: t('offline.kind.referral', undefined, 'vi'), kindEn: t('offline.kind.referral', undefined, 'en'), detail: `${client.uic} · ${codeLabel(needs, service, lang)} · ${providerName(chosenProvider)}`, href: clientHref(client.id) };
      if (await saveOffline(caught, { method: 'POST', path: `/api/clients/${encodeURIComponent(client.id)}/referrals`, body, summary, localId: crypto.randomUUID() })) {
        setOpen(false);
        setService('');
        setProviderId('');
        props.onSaved('offline.savedOnDevice');
        return;
      }
      const e = asApiError(caught);
      const fields = fieldErrors(e, lang);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="support-block" aria-labelledby="referrals-title">
      <h2 id="referrals-title" class="support-section-title">
        {t('support.referrals')}
      </h2>
      {props.error && <ErrorNotice error={props.error} lang={lang} />}
      {referrals && referrals.length === 0 && <p class="muted">{t('support.referral.none')}</p>}
      {referrals && referrals.length > 0 && (
        <ul class="support-items">
          {[...referrals]
            .sort((a, b) => b.referred_on.localeCompare(a.referred_on))
            .map((r) => (
              <ReferralItem key={r.id} clientId={client.id} referral={r} lang={lang} canWork={canWork} serviceName={codeLabel(needs, r.service, lang)} providerName={providerName(r.provider_id)} onSaved={() => props.onSaved('support.outcome.saved')} />
            ))}
        </ul>
      )}
      {canWork && !isOpen && (
        <button type="button" class="button support-big" onClick={() => setOpen(true)}>
          {t('support.referral.add')}
        </button>
      )}
      {canWork && isOpen && (
        <form class="form support-form card" onSubmit={(event) => void onSubmit(event)} noValidate>
          <SelectField
            id="referral-service"
            label={t('support.referral.service')}
            value={service}
            onChange={(value) => {
              setService(value);
              setErrors({});
              setConsentOpen(false);
            }}
            error={errors.service}
            options={[{ value: '', label: t('support.referral.pick') }, ...codeOptions(needs, lang)]}
          />
          <SelectField
            id="referral-provider"
            label={t('support.referral.provider')}
            value={chosenProvider}
            onChange={(value) => {
              setProviderId(value);
              setErrors({});
              setConsentOpen(false);
            }}
            disabled={!service}
            hint={service && offering.data && offered.length === 0 ? t('support.referral.noProviders') : undefined}
            error={errors.provider_id}
            options={[{ value: '', label: t('support.referral.pick') }, ...offered.map((p) => ({ value: p.id, label: p.name }))]}
          />
          {errors.consent && (
            <div class="field field--invalid support-consent-needed">
              <p id="referral-consent-error" class="field__error" role="alert">
                {errors.consent}
              </p>
              {!isConsentOpen && (
                <button type="button" class="button button--primary" onClick={() => setConsentOpen(true)}>
                  {t('support.referral.recordConsent')}
                </button>
              )}
            </div>
          )}
          {isConsentOpen && (
            <ConsentForm
              idPrefix="referral-consent"
              clientId={client.id}
              lang={lang}
              purpose="referral"
              providerId={chosenProvider}
              service={service}
              providers={offered}
              services={needs}
              defaultNotice={props.defaultNotice}
              onSaved={() => {
                setConsentOpen(false);
                setErrors({});
                props.onConsent();
              }}
              onCancel={() => setConsentOpen(false)}
            />
          )}
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          {!isConsentOpen && (
            <SaveCancel isSaving={isSaving} label={t('support.referral.save')} onCancel={() => setOpen(false)} />
          )}
        </form>
      )}
    </section>
  );
}

interface ReferralItemProps {
  clientId: string;
  referral: Referral;
  lang: Lang;
  canWork: boolean;
  serviceName: string;
  providerName: string;
  onSaved: () => void;
}

function ReferralItem({ clientId, referral, lang, canWork, serviceName, providerName, onSaved }: ReferralItemProps) {
  const reasons = useCodeList('referral_reason');
  const [isOpen, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>('received');
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(isoDay(new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const state = dueState(referral, new Date());

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    if (outcome === 'not_received' && !reason) {
      setErrors({ reason: t('support.err.reason', undefined, lang) });
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    const body = { version: referral.version, outcome, outcome_on: on, ...(outcome === 'not_received' ? { reason } : {}) };
    try {
      await recordOutcome(clientId, referral.id, body);
      setOpen(false);
      onSaved();
    } catch (caught) {
      // No network: the outcome (with the version read) waits in the outbox.
      const summary = { kindVi: t('offline.kind.outcome', undefined, 'vi'), kindEn: t('offline.kind.outcome', undefined, 'en'), detail: `${serviceName} · ${providerName}`, href: clientHref(clientId) };
      if (await saveOffline(caught, { method: 'PATCH', path: `/api/clients/${encodeURIComponent(clientId)}/referrals/${encodeURIComponent(referral.id)}`, body, summary })) {
        setOpen(false);
        onSaved();
        return;
      }
      const e = asApiError(caught);
      setFailure(e);
      setErrors(fieldErrors(e, lang));
    } finally {
      setSaving(false);
    }
  }

  const idp = `outcome-${referral.id}`;
  return (
    <li class="support-item support-referral">
      <div class="support-item__head">
        <strong>{serviceName}</strong>
        <span class={`badge badge--${dueTone(state)}`}>{dueLabel(state, lang)}</span>
      </div>
      <p>
        {t('support.referral.to')}: {providerName}
      </p>
      <p class="muted">
        {t('support.referral.referredOn')} {formatDate(referral.referred_on, lang)} · {t('support.referral.dueOn')} {formatDate(referral.due_on, lang)}
      </p>
      {referral.outcome && (
        <p class="support-outcome">
          {t('support.outcome')}: {t(`support.outcome.${referral.outcome}`)}
          {referral.outcome_on ? ` ${t('support.outcome.on', { date: formatDate(referral.outcome_on, lang) })}` : ''}
          {referral.reason ? ` · ${codeLabel(reasons, referral.reason, lang)}` : ''}
        </p>
      )}
      {canWork && !referral.outcome && !isOpen && (
        <button type="button" class="button support-big" onClick={() => setOpen(true)}>
          {t('support.outcome.record')}
        </button>
      )}
      {isOpen && (
        <form class="form support-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset class="field fieldset">
            <legend class="field__label">{t('support.outcome')}</legend>
            <div class="support-choices">
              {(['received', 'not_received'] as const).map((value) => (
                <label key={value} class={outcome === value ? 'support-choice is-chosen' : 'support-choice'}>
                  <input type="radio" name={`${idp}-outcome`} value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
                  {t(`support.outcome.${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {outcome === 'not_received' && (
            <SelectField
              id={`${idp}-reason`}
              label={t('support.outcome.reason')}
              value={reason}
              onChange={setReason}
              error={errors.reason}
              options={[{ value: '', label: t('support.referral.pick') }, ...codeOptions(reasons, lang)]}
            />
          )}
          <TextField id={`${idp}-on`} type="date" label={t('support.consent.givenOn')} value={on} onInput={setOn} error={errors.outcome_on} />
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <SaveCancel isSaving={isSaving} label={t('support.outcome.save')} onCancel={() => setOpen(false)} />
        </form>
      )}
    </li>
  );
}

// ---- contact ---------------------------------------------------------------------------------
