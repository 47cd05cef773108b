// /support "Ngày làm việc của tôi" (peer educators, social workers): how many people I support,
// my referrals past their due date and those still awaiting an outcome, each a big link to the
// person's page (by id; the code shows in the link text only). Province officers get the list.

import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { dueReferrals, listClients, type Referral } from '../support/api';
import { SupportTabs, codeLabel, useCodeList } from '../support/components';
import { CLIENTS_PATH, NEW_CLIENT_PATH, clientHref, dueLabel, dueState, dueTone, supportActions } from '../support/support';

export interface SupportDayPageProps {
  session: Session;
  lang: Lang;
}

const CLIENT_LIMIT = 500;

export function SupportDayPage({ session, lang }: SupportDayPageProps) {
  usePageTitle(t('support.myDay'));
  const actions = supportActions(session.user.role);
  const clients = useApi((signal) => (actions.work ? listClients({ limit: CLIENT_LIMIT }, signal) : null), [actions.work]);
  const overdue = useApi((signal) => (actions.work ? dueReferrals('overdue', signal) : null), [actions.work]);
  const open = useApi((signal) => (actions.work ? dueReferrals('open', signal) : null), [actions.work]);
  const needs = useCodeList('support_need');

  if (!actions.work) {
    return (
      <section class="page support">
        <h1 class="page__title" tabIndex={-1}>
          {t('nav.support')}
        </h1>
        <SupportTabs role={session.user.role} current={null} />
        <p class="muted">{t('support.notWorker')}</p>
        {actions.list && (
          <Link href={CLIENTS_PATH} class="button support-big">
            {t('support.clients')}
          </Link>
        )}
      </section>
    );
  }

  const codes = new Map((clients.data?.items ?? []).map((c) => [c.id, c.uic]));
  const overdueIds = new Set((overdue.data?.items ?? []).map((r) => r.id));
  const waiting = (open.data?.items ?? []).filter((r) => !overdueIds.has(r.id));
  const today = new Date();

  function list(items: readonly Referral[], empty: string) {
    if (items.length === 0) return <p class="muted">{empty}</p>;
    return (
      <ul class="support-due">
        {items.map((referral) => {
          const state = dueState(referral, today);
          return (
            <li key={referral.id}>
              <Link href={clientHref(referral.client_id)} class="support-due__link">
                <span class="support-due__who">
                  {t('support.referralOf', { code: codes.get(referral.client_id) ?? '…', service: codeLabel(needs, referral.service, lang) })}
                </span>
                <span class="support-due__when">
                  <span class={`badge badge--${dueTone(state)}`}>{dueLabel(state, lang)}</span>{' '}
                  <span class="muted">
                    {t('support.referral.dueOn')} {formatDate(referral.due_on, lang)}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    );
  }

  const failure = clients.error ?? overdue.error ?? open.error;
  return (
    <section class="page support">
      <h1 class="page__title" tabIndex={-1}>
        {t('support.myDay')}
      </h1>
      <SupportTabs role={session.user.role} current="day" />
      {failure && (
        <ErrorNotice
          error={failure}
          lang={lang}
          onRetry={() => {
            clients.reload();
            overdue.reload();
            open.reload();
          }}
        />
      )}
      <div class="support-stats">
        <Link href={CLIENTS_PATH} class="support-stat">
          <span class="support-stat__label">{t('support.myClients')}</span>
          <span class="support-stat__value">{clients.data ? t('support.myClientsCount', { n: clients.data.total }) : '…'}</span>
        </Link>
        <Link href={NEW_CLIENT_PATH} class="support-stat support-stat--action">
          <span class="support-stat__value">+ {t('support.register')}</span>
        </Link>
      </div>
      <h2 class="support-section-title">
        {t('support.overdueTitle')} {overdue.data ? <span class="badge badge--danger">{overdue.data.items.length}</span> : null}
      </h2>
      {overdue.data ? list(overdue.data.items, t('support.noOverdue')) : !overdue.error && <p class="loading">{t('app.loading')}</p>}
      <h2 class="support-section-title">{t('support.openTitle')}</h2>
      {open.data ? list(waiting, t('support.noOpen')) : !open.error && <p class="loading">{t('app.loading')}</p>}
    </section>
  );
}
