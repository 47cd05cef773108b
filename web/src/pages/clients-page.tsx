// /support/clients "Người được hỗ trợ": the clients the user reaches, by UIC, unit and date of
// registration (workers: those assigned to them; province officers: the unit's, pseudonymous).
// Paged through ?page=; no search by code in the address (a UIC never goes into a URL).

import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Pager } from '../components/pager';
import { pageFromSearch } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { updateQuery } from '../router';
import { listClients } from '../support/api';
import { SupportTabs } from '../support/components';
import { NEW_CLIENT_PATH, clientHref, supportActions } from '../support/support';

export interface ClientsPageProps {
  search: string;
  session: Session;
  lang: Lang;
}

const LIMIT = 50;

export function ClientsPage({ search, session, lang }: ClientsPageProps) {
  usePageTitle(t('support.clients'));
  const page = pageFromSearch(search);
  const actions = supportActions(session.user.role);
  const list = useApi((signal) => listClients({ limit: LIMIT, offset: (page - 1) * LIMIT }, signal), [page]);
  const items = list.data?.items ?? [];
  const names = useUnitNames(items.map((c) => c.unit));

  return (
    <section class="page page--wide support">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('support.clients')}
        </h1>
        {actions.work && (
          <div class="page__actions">
            <Link href={NEW_CLIENT_PATH} class="button button--primary">
              {t('support.register')}
            </Link>
          </div>
        )}
      </div>
      <SupportTabs role={session.user.role} current="clients" />
      <p class="muted">{t('support.pseudonymous')}</p>
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {list.data && items.length === 0 && <p class="muted">{t('support.noClients')}</p>}
      {items.length > 0 && (
        <ul class={list.isLoading ? 'support-clients is-busy' : 'support-clients'} aria-label={t('support.clientsCaption')}>
          {items.map((c) => (
            <li key={c.id}>
              <Link href={clientHref(c.id)} class="support-client">
                <span class="support-client__code">{c.uic}</span>
                <span class="support-client__meta muted">
                  {names[c.unit] ?? c.unit} · {t('support.col.registered')} {formatDate(c.registered_on, lang)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <Pager page={page} limit={LIMIT} total={list.data.total} onPage={(p) => updateQuery({ page: p > 1 ? p : null }, { push: true })} label={t('paging.label')} />
      )}
    </section>
  );
}
