// /support/clients/<id>: one person supported, by id (the code shows on the page, never in the
// address or the document title). Code, unit, assigned workers; consents (record keeping,
// referral to a provider and/or service, contact) with notice version and method, withdrawal;
// needs assessments; referrals and their outcome (components/client-referrals.tsx); the contact block only when the
// server returns it (fetched each time, never kept); incidents of violence (codes only:
// components/client-incidents.tsx); the
// groups the person belongs to (components/client-groups-section.tsx).

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError } from '../api/client';
import type { CodeItem } from '../api/records';
import { ClientGroupsSection } from '../components/client-groups-section';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SaveCancel, TextAreaField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { useUnitNames } from '../lookups';
import {
  addAssessment,
  getClient,
  getContact,
  listAssessments,
  listConsents,
  listIncidents,
  listProviders,
  listReferrals,
  putContact,
  withdrawConsent,
  type Consent,
  type Contact,
  type Provider,
} from '../support/api';
import { IncidentsBlock } from '../components/client-incidents';
import { ReferralsBlock } from '../components/client-referrals';
import { asApiError, codeLabel, codeOptions, CodesAndSubset, ConsentForm, fieldErrors, SupportTabs, useCodeList } from '../support/components';
import { CLIENTS_PATH, clientHref, consentHref, eligibleWithin, hasConsent, isoDay, supportActions } from '../support/support';

export interface ClientPageProps {
  id: string;
  session: Session;
  lang: Lang;
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
          <CodesAndSubset
            id="needs-needs"
            label={t('support.needs.needs')}
            values={chosen}
            error={errors.needs}
            subsetId="needs-eligible"
            subsetLabel={t('support.needs.eligible')}
            subsetHint={t('support.needs.eligibleHint')}
            subset={eligible}
            subsetError={errors.eligible}
            options={codeOptions(needs, lang)}
            onChange={(next, subset) => {
              setChosen(next);
              setEligible(subset);
            }}
          />
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <SaveCancel isSaving={isSaving} label={t('support.needs.save')} onCancel={() => setOpen(false)} />
        </form>
      )}
    </section>
  );
}

// ---- referrals -------------------------------------------------------------------------------

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
          <SaveCancel isSaving={isSaving} label={t('support.contact.save')} onCancel={() => setDraft(null)} />
        </form>
      )}
    </section>
  );
}

// ---- incidents -------------------------------------------------------------------------------
