// The printable form of one consent (Decree 13/2023/NĐ-CP): the client's code, never a name; what
// the person agreed to in plain words, the notice version, the method and the date; the person's
// rights; and the signature blocks. "In phiếu" prints it on A4 without the app around it.

import type { ApiError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { getClient, listConsents, listProviders } from '../support/api';
import { codeLabel, useCodeList } from '../support/components';
import { clientHref } from '../support/support';

export interface ConsentPrintPageProps {
  clientId: string;
  consentId: string;
  lang: Lang;
}

export function ConsentPrintPage({ clientId, consentId, lang }: ConsentPrintPageProps) {
  usePageTitle(t('support.consentForm.pageTitle'));
  const client = useApi((signal) => getClient(clientId, signal), [clientId]);
  const consents = useApi((signal) => listConsents(clientId, signal), [clientId]);
  const providers = useApi((signal) => (client.data ? listProviders({ unit: client.data.unit }, signal) : null), [client.data?.unit ?? '']);
  const methods = useCodeList('consent_method');
  const needs = useCodeList('support_need');
  const error: ApiError | null = client.error ?? consents.error;
  if (error) return <ErrorNotice error={error} lang={lang} onRetry={() => { client.reload(); consents.reload(); }} />;
  if (!client.data || !consents.data) return <p class="loading">{t('app.loading')}</p>;
  const consent = consents.data.items.find((c) => c.id === consentId && !c.is_withdrawal);
  const back = (
    <Link href={clientHref(clientId)} class="button no-print">
      {t('support.consentForm.back')}
    </Link>
  );
  if (!consent) {
    return (
      <section class="page">
        <p>{t('support.consentForm.notFound')}</p>
        {back}
      </section>
    );
  }
  const withdrawal = consents.data.items.find((w) => w.is_withdrawal && w.withdraws === consent.id);
  const provider = consent.provider_id
    ? (providers.data?.items.find((p) => p.id === consent.provider_id)?.name ?? consent.provider_id)
    : '';
  const given = consent.given_on ?? '';
  const [year, month, day] = given.split('-');
  return (
    <section class="page consent-form">
      <div class="actions no-print">
        {back}
        <button type="button" class="button button--primary" onClick={() => window.print()}>
          {t('support.consent.print')}
        </button>
      </div>
      <header class="consent-form__head">
        <p class="consent-form__nation">{t('support.consentForm.nation')}</p>
        <p class="consent-form__motto">{t('support.consentForm.motto')}</p>
        <h1 class="consent-form__title">{t('support.consentForm.title')}</h1>
        <p class="consent-form__basis">{t('support.consentForm.basis')}</p>
      </header>
      {withdrawal?.withdrawn_on && (
        <p class="support-warning">{t('support.consentForm.withdrawn', { date: formatDate(withdrawal.withdrawn_on, lang) })}</p>
      )}
      <dl class="consent-form__facts">
        <dt>{t('support.consentForm.code')}</dt>
        <dd class="support-code">{client.data.uic}</dd>
        <dt>{t('support.purpose')}</dt>
        <dd>{t(`support.purpose.${consent.purpose}` as MessageKey)}</dd>
        {provider && (
          <>
            <dt>{t('support.consent.provider')}</dt>
            <dd>{provider}</dd>
          </>
        )}
        {consent.service && (
          <>
            <dt>{t('support.consent.service')}</dt>
            <dd>{codeLabel(needs, consent.service, lang)}</dd>
          </>
        )}
        <dt>{t('support.consent.notice')}</dt>
        <dd>{consent.notice_version}</dd>
        <dt>{t('support.consent.method')}</dt>
        <dd>{codeLabel(methods, consent.method, lang)}</dd>
        <dt>{t('support.consent.givenOn')}</dt>
        <dd>{given ? formatDate(given, lang) : ''}</dd>
        <dt>{t('support.consentForm.recordedAt')}</dt>
        <dd>{consent.recorded_at ? formatDate(consent.recorded_at.slice(0, 10), lang) : ''}</dd>
      </dl>
      <p class="consent-form__statement">{t(`support.consentForm.purposeText.${consent.purpose}` as MessageKey)}</p>
      <p class="consent-form__rights">{t('support.consentForm.rights')}</p>
      <p class="consent-form__place">{t('support.consentForm.place', { day: day ?? '', month: month ?? '', year: year ?? '' })}</p>
      <div class="consent-form__signatures">
        <div>
          <p class="consent-form__role">{t('support.consentForm.person')}</p>
          <p class="muted">{t('support.consentForm.personSign')}</p>
        </div>
        <div>
          <p class="consent-form__role">{t('support.consentForm.recorder')}</p>
          <p class="muted">{t('support.consentForm.recorderSign')}</p>
        </div>
      </div>
    </section>
  );
}
