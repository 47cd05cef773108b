// /support/clients/<id>: one person supported, by id (the code shows on the page, never in the
// address or the document title). Code, unit, assigned workers; consents (record keeping,
// referral to a provider and/or service, contact) with notice version and method, withdrawal;
// needs assessments; referrals (a refusal for want of consent is shown under the field with a
// button to record that consent there and then), their outcome; the contact block only when the
// server returns it (fetched each time, never kept); incidents of violence (codes only); the
// groups the person belongs to (components/client-groups-section.tsx).

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import type { CodeItem } from '../api/records';
import { ClientGroupsSection } from '../components/client-groups-section';
import { ErrorNotice } from '../components/error-notice';
import { CheckGroupField, FormMessage, SelectField, TextAreaField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { saveOffline } from '../offline/save';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { useUnitNames } from '../lookups';
import {
  addAssessment,
  addIncident,
  addReferral,
  getClient,
  getContact,
  listAssessments,
  listConsents,
  listIncidents,
  listProviders,
  listReferrals,
  putContact,
  recordOutcome,
  withdrawConsent,
  type Client,
  type Consent,
  type Contact,
  type Outcome,
  type Provider,
  type Referral,
} from '../support/api';
import { ConsentForm, SupportTabs, codeLabel, codeOptions, useCodeList } from '../support/components';
import { CLIENTS_PATH, clientHref, consentHref, dueLabel, dueState, dueTone, eligibleWithin, hasConsent, isoDay, supportActions } from '../support/support';

export interface ClientPageProps {
  id: string;
  session: Session;
  lang: Lang;
}

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : networkError();
}

function fieldErrors(error: ApiError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields) out[f.field] = error.fieldMessage(f.field, lang) ?? '';
  return out;
}

export function ClientPage({ id, session, lang }: ClientPageProps) {
  usePageTitle(t('support.client.pageTitle'));
  const actions = supportActions(session.user.role);
  const loaded = useApi((signal) => getClient(id, signal), [id]);
  const consents = useApi((signal) => listConsents(id, signal), [id]);
  const assessments = useApi((signal) => listAssessments(id, signal), [id]);
  const referrals = useApi((signal) => listReferrals(id, signal), [id]);
  const incidents = useApi((signal) => listIncidents(id, signal), [id]);
  const [contactTick, setContactTick] = useState(0);
  const contact = useApi((signal) => (actions.contact ? getContact(id, signal) : null), [id, contactTick]);
  const client = loaded.data;
  const providers = useApi((signal) => (client ? listProviders({ unit: client.unit }, signal) : null), [client?.unit ?? '']);
  const needs = useCodeList('support_need');
  const names = useUnitNames(client ? [client.unit] : []);
  const [flash, setFlashState] = useState<MessageKey | null>(() => takeFlash(clientHref(id)));
  const [isConsentOpen, setConsentOpen] = useState(flash === 'support.created');

  if (loaded.error) return <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />;
  if (!client) return <p class="loading">{t('app.loading')}</p>;

  const consentList = consents.data?.items ?? [];
  const providerList = providers.data?.items ?? [];
  const canWork = actions.work && !client.is_erased;
  const isAssigned = client.assigned.includes(session.user.id);
  const others = client.assigned.filter((a) => a !== session.user.id).length;
  const defaultNotice = [...consentList].reverse().find((c) => !c.is_withdrawal)?.notice_version ?? '';
  const say = (key: MessageKey) => setFlashState(key);

  return (
    <section class="page support">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('support.client.title', { code: client.uic })}
        </h1>
        <div class="page__actions">
          <Link href={CLIENTS_PATH} class="button">
            {t('support.back')}
          </Link>
        </div>
      </div>
      <SupportTabs role={session.user.role} current={null} />
      {flash && <FormMessage kind="success">{t(flash)}</FormMessage>}
      {client.is_erased && <FormMessage kind="info">{t('support.client.erased')}</FormMessage>}

      <dl class="facts support-facts">
        <div class="facts__row">
          <dt>{t('support.col.code')}</dt>
          <dd class="support-code">{client.uic}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('support.col.unit')}</dt>
          <dd>{names[client.unit] ? `${names[client.unit]} (${client.unit})` : client.unit}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('support.client.assigned')}</dt>
          <dd>{[isAssigned ? t('support.client.you') : '', others > 0 ? t('support.client.others', { n: others }) : ''].filter(Boolean).join(', ')}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('support.client.sexBirth')}</dt>
          <dd>
            {client.sex === 'M' || client.sex === 'F' || client.sex === 'K' ? t(`support.sex.${client.sex}`) : client.sex}
            {client.birth_year ? `, ${client.birth_year}` : ''}
          </dd>
        </div>
        <div class="facts__row">
          <dt>{t('support.col.registered')}</dt>
          <dd>{formatDate(client.registered_on, lang)}</dd>
        </div>
      </dl>

      <section class="support-block" aria-labelledby="consents-title">
        <h2 id="consents-title" class="support-section-title">
          {t('support.consents')}
        </h2>
        {consents.error && <ErrorNotice error={consents.error} lang={lang} onRetry={consents.reload} />}
        {consents.data && !hasConsent(consentList, 'record_keeping') && <p class="support-warning">{t('support.consent.recordMissing')}</p>}
        <ConsentList consents={consentList} providers={providerList} needs={needs} lang={lang} canWithdraw={canWork} clientId={client.id} onChanged={() => {
          consents.reload();
          setContactTick((n) => n + 1);
          say('support.consent.withdrawDone');
        }} />
        {canWork && !isConsentOpen && (
          <button type="button" class="button support-big" onClick={() => setConsentOpen(true)}>
            {t('support.consent.add')}
          </button>
        )}
        {canWork && isConsentOpen && (
          <ConsentForm
            idPrefix="consent"
            clientId={client.id}
            lang={lang}
            providers={providerList}
            services={needs}
            defaultNotice={defaultNotice}
            onSaved={() => {
              setConsentOpen(false);
              consents.reload();
              setContactTick((n) => n + 1);
              say('support.consent.saved');
            }}
            onCancel={() => setConsentOpen(false)}
          />
        )}
      </section>

      <NeedsBlock clientId={client.id} lang={lang} canWork={canWork} needs={needs} assessments={assessments.data?.items ?? null} error={assessments.error} onSaved={() => {
        assessments.reload();
        say('support.needs.saved');
      }} />

      <ReferralsBlock
        client={client}
        lang={lang}
        canWork={canWork}
        needs={needs}
        providers={providerList}
        consents={consentList}
        defaultNotice={defaultNotice}
        referrals={referrals.data?.items ?? null}
        error={referrals.error}
        onConsent={() => {
          consents.reload();
          say('support.consent.saved');
        }}
        onSaved={(key) => {
          referrals.reload();
          say(key);
        }}
      />

      {actions.contact && (
        <ContactBlock
          clientId={client.id}
          lang={lang}
          contact={contact.data}
          canAdd={canWork && isAssigned && contact.error?.status === 404 && hasConsent(consentList, 'contact')}
          onSaved={() => {
            setContactTick((n) => n + 1);
            say('support.contact.saved');
          }}
        />
      )}

      <IncidentsBlock clientId={client.id} lang={lang} canWork={canWork} needs={needs} incidents={incidents.data?.items ?? null} error={incidents.error} onSaved={() => {
        incidents.reload();
        say('support.incident.saved');
      }} />

      <ClientGroupsSection clientId={client.id} lang={lang} />
    </section>
  );
}

// ---- consents --------------------------------------------------------------------------------

interface ConsentListProps {
  clientId: string;
  consents: readonly Consent[];
  providers: readonly Provider[];
  needs: readonly CodeItem[];
  lang: Lang;
  canWithdraw: boolean;
  onChanged: () => void;
}

function ConsentList({ clientId, consents, providers, needs, lang, canWithdraw, onChanged }: ConsentListProps) {
  const methods = useCodeList('consent_method');
  const [asking, setAsking] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const given = consents.filter((c) => !c.is_withdrawal);
  if (given.length === 0) return <p class="muted">{t('support.consent.none')}</p>;

  async function withdraw(consentId: string) {
    setBusy(true);
    setFailure(null);
    try {
      await withdrawConsent(clientId, consentId);
      setAsking(null);
      onChanged();
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ul class="support-items">
      {given.map((c) => {
        const withdrawal = consents.find((w) => w.is_withdrawal && w.withdraws === c.id);
        const scope = [
          c.provider_id ? (providers.find((p) => p.id === c.provider_id)?.name ?? c.provider_id) : '',
          c.service ? codeLabel(needs, c.service, lang) : '',
        ].filter(Boolean);
        return (
          <li key={c.id} class="support-item">
            <div class="support-item__head">
              <strong>{t(`support.purpose.${c.purpose}`)}</strong>
              <span class={c.is_current ? 'badge badge--ok' : 'badge badge--off'}>{c.is_current ? t('support.consent.current') : t('support.consent.withdrawn')}</span>
            </div>
            {scope.length > 0 && <p>{scope.join(' · ')}</p>}
            <p class="muted">
              {t('support.consent.givenOn')} {c.given_on ? formatDate(c.given_on, lang) : ''} · {t('support.consent.notice')} {c.notice_version} · {t('support.consent.method')}: {codeLabel(methods, c.method, lang)}
            </p>
            {withdrawal?.withdrawn_on && <p class="muted">{t('support.consent.withdrawalOf', { date: formatDate(withdrawal.withdrawn_on, lang) })}</p>}
            <Link href={consentHref(clientId, c.id)} class="button">
              {t('support.consent.print')}
            </Link>
            {canWithdraw && c.is_current && asking !== c.id && (
              <button type="button" class="button" onClick={() => setAsking(c.id)}>
                {t('support.consent.withdraw')}
              </button>
            )}
            {asking === c.id && (
              <div class="support-confirm">
                <p>{t('support.consent.withdrawConfirm')}</p>
                {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
                <div class="actions">
                  <button type="button" class="button button--danger" disabled={isBusy} onClick={() => void withdraw(c.id)}>
                    {t('support.consent.withdraw')}
                  </button>
                  <button type="button" class="button" onClick={() => setAsking(null)}>
                    {t('form.cancel')}
                  </button>
                </div>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// ---- needs -----------------------------------------------------------------------------------

interface NeedsBlockProps {
  clientId: string;
  lang: Lang;
  canWork: boolean;
  needs: readonly CodeItem[];
  assessments: readonly { id: string; assessed_on: string; needs: string[]; eligible: string[] }[] | null;
  error: ApiError | null;
  onSaved: () => void;
}

function NeedsBlock({ clientId, lang, canWork, needs, assessments, error, onSaved }: NeedsBlockProps) {
  const [isOpen, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [eligible, setEligible] = useState<string[]>([]);
  const [on, setOn] = useState(isoDay(new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const latest = assessments && assessments.length > 0 ? [...assessments].sort((a, b) => b.assessed_on.localeCompare(a.assessed_on))[0] : undefined;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    if (chosen.length === 0) {
      setErrors({ needs: t('support.err.pick', undefined, lang) });
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      await addAssessment(clientId, { assessed_on: on, needs: chosen, eligible: eligibleWithin(chosen, eligible) });
      setOpen(false);
      setChosen([]);
      setEligible([]);
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
    <section class="support-block" aria-labelledby="needs-title">
      <h2 id="needs-title" class="support-section-title">
        {t('support.needs')}
      </h2>
      {error && <ErrorNotice error={error} lang={lang} />}
      {assessments && !latest && <p class="muted">{t('support.needs.none')}</p>}
      {latest && (
        <div class="support-item">
          <p class="muted">{t('support.needs.latest', { date: formatDate(latest.assessed_on, lang) })}</p>
          <ul class="badges support-needs">
            {latest.needs.map((code) => (
              <li key={code} class={latest.eligible.includes(code) ? 'badge badge--ok' : 'badge badge--off'}>
                {codeLabel(needs, code, lang)}
                {latest.eligible.includes(code) ? ` ✓ ${t('support.needs.eligible')}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {canWork && !isOpen && (
        <button type="button" class="button support-big" onClick={() => setOpen(true)}>
          {t('support.needs.add')}
        </button>
      )}
      {canWork && isOpen && (
        <form class="form support-form card" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField id="needs-date" type="date" label={t('support.needs.date')} value={on} onInput={setOn} error={errors.assessed_on} />
          <CheckGroupField
            id="needs-needs"
            label={t('support.needs.needs')}
            values={chosen}
            onChange={(next) => {
              setChosen(next);
              setEligible(eligibleWithin(next, eligible));
            }}
            options={codeOptions(needs, lang)}
            error={errors.needs}
          />
          {chosen.length > 0 && (
            <CheckGroupField
              id="needs-eligible"
              label={t('support.needs.eligible')}
              values={eligible}
              onChange={setEligible}
              options={codeOptions(needs, lang).filter((o) => chosen.includes(o.value))}
              hint={t('support.needs.eligibleHint')}
              error={errors.eligible}
            />
          )}
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={isSaving}>
              {isSaving ? t('form.saving') : t('support.needs.save')}
            </button>
            <button type="button" class="button" onClick={() => setOpen(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

// ---- referrals -------------------------------------------------------------------------------

interface ReferralsBlockProps {
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

function ReferralsBlock(props: ReferralsBlockProps) {
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
            <div class="actions">
              <button type="submit" class="button button--primary" disabled={isSaving}>
                {isSaving ? t('form.saving') : t('support.referral.save')}
              </button>
              <button type="button" class="button" onClick={() => setOpen(false)}>
                {t('form.cancel')}
              </button>
            </div>
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
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={isSaving}>
              {isSaving ? t('form.saving') : t('support.outcome.save')}
            </button>
            <button type="button" class="button" onClick={() => setOpen(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

// ---- contact ---------------------------------------------------------------------------------

interface ContactBlockProps {
  clientId: string;
  lang: Lang;
  contact: Contact | null;
  canAdd: boolean;
  onSaved: () => void;
}

/** Shown only when the server returned the contact (or it may be added); nothing is kept. */
function ContactBlock({ clientId, lang, contact, canAdd, onSaved }: ContactBlockProps) {
  const [draft, setDraft] = useState<Contact | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  if (!contact && !canAdd && !draft) return null;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!draft || isSaving) return;
    setFailure(null);
    setSaving(true);
    try {
      await putContact(clientId, { nickname: draft.nickname || null, phone: draft.phone || null, note: draft.note || null });
      setDraft(null);
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
    <section class="support-block" aria-labelledby="contact-title">
      <h2 id="contact-title" class="support-section-title">
        {t('support.contact')}
      </h2>
      <p class="muted">{t('support.contact.private')}</p>
      {contact && !draft && (
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('support.contact.nickname')}</dt>
            <dd>{contact.nickname ?? ''}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('support.contact.phone')}</dt>
            <dd>{contact.phone ?? ''}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('support.contact.note')}</dt>
            <dd>{contact.note ?? ''}</dd>
          </div>
        </dl>
      )}
      {!draft && (
        <button type="button" class="button support-big" onClick={() => setDraft(contact ?? { nickname: '', phone: '', note: '' })}>
          {contact ? t('support.contact.edit') : t('support.contact.add')}
        </button>
      )}
      {draft && (
        <form class="form support-form card" onSubmit={(event) => void onSubmit(event)} noValidate autoComplete="off">
          <TextField id="contact-nickname" label={t('support.contact.nickname')} value={draft.nickname ?? ''} onInput={(nickname) => setDraft({ ...draft, nickname })} error={errors.nickname} maxLength={100} autoComplete="off" />
          <TextField id="contact-phone" label={t('support.contact.phone')} value={draft.phone ?? ''} onInput={(phone) => setDraft({ ...draft, phone })} error={errors.phone} maxLength={30} autoComplete="off" isVerbatim />
          <TextAreaField id="contact-note" label={t('support.contact.note')} value={draft.note ?? ''} onInput={(note) => setDraft({ ...draft, note })} error={errors.note} maxLength={500} rows={2} />
          {errors.consent && <p class="field__error">{t('support.contact.needConsent')}</p>}
          {failure && !errors.consent && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={isSaving}>
              {isSaving ? t('form.saving') : t('support.contact.save')}
            </button>
            <button type="button" class="button" onClick={() => setDraft(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

// ---- incidents -------------------------------------------------------------------------------

interface IncidentsBlockProps {
  clientId: string;
  lang: Lang;
  canWork: boolean;
  needs: readonly CodeItem[];
  incidents: readonly { id: string; kind: string; occurred_on: string; place_type: string; services_offered: string[]; services_accepted: string[] }[] | null;
  error: ApiError | null;
  onSaved: () => void;
}

function IncidentsBlock({ clientId, lang, canWork, needs, incidents, error, onSaved }: IncidentsBlockProps) {
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
          <CheckGroupField
            id="incident-offered"
            label={t('support.incident.offered')}
            values={offered}
            onChange={(next) => {
              setOffered(next);
              setAccepted(eligibleWithin(next, accepted));
            }}
            options={codeOptions(needs, lang)}
            error={errors.services_offered}
          />
          {offered.length > 0 && (
            <CheckGroupField
              id="incident-accepted"
              label={t('support.incident.accepted')}
              values={accepted}
              onChange={setAccepted}
              options={codeOptions(needs, lang).filter((o) => offered.includes(o.value))}
              hint={t('support.incident.acceptedHint')}
              error={errors.services_accepted}
            />
          )}
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={isSaving}>
              {isSaving ? t('form.saving') : t('support.incident.save')}
            </button>
            <button type="button" class="button" onClick={() => setOpen(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
