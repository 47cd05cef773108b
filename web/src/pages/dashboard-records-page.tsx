// /dashboard/<target>/records: the records counted in a target's value for a unit and period
// (GET /api/indicators/{target}/records), newest first, 25 a page (page in the address), each
// opening its own page: tips under /tips, the record types under the area that shows them
// (records/paths.ts). Records the user may not read are only counted. A target counted from
// clients lists nothing: the server answers 403 "counts_only", said here plainly.

import type { Session } from '../api/auth';
import { loadRecordTypes } from '../api/records';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { Pager } from '../components/pager';
import { getIndicatorRecords } from '../dashboard/api';
import { DashboardFilters, useDashboardView } from '../dashboard/components';
import { recordPageHref, recordTypeLabel, targetName } from '../dashboard/format';
import { dashboardHref, periodLabel, type DashboardState } from '../dashboard/state';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { navigate } from '../router';

/** 25 a page: each record's unit is named by a call of its own (lookups.ts), once per page load. */
const PAGE_SIZE = 25;

export interface DashboardRecordsPageProps {
  target: string;
  search: string;
  session: Session;
  lang: Lang;
}

export function DashboardRecordsPage({ target, search, session, lang }: DashboardRecordsPageProps) {
  const title = t('dashboard.recordsOf', { target });
  usePageTitle(title);
  const view = useDashboardView(search, session, { target, records: true });
  const { state, plan, page } = view;
  const records = useApi(
    (signal) => (state ? getIndicatorRecords(target, { ...state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal) : null),
    [state?.plan, state?.unit, state?.period, state?.tree, target, page],
  );
  const types = useApi(() => loadRecordTypes(), []);
  const items = records.data?.items ?? [];
  const names = useUnitNames([...(state ? [state.unit] : []), ...items.map((r) => r.unit)]);
  const nameOf = (code: string) => names[code] ?? code;
  const planTarget = plan?.targets.find((tg) => tg.id === target) ?? null;
  const isCountsOnly = records.error?.status === 403 && (records.error.code === 'counts_only' || planTarget?.is_client_derived === true);
  const isForbidden = records.error?.status === 403 && !isCountsOnly;
  const error = view.error ?? (records.error?.status === 403 ? null : records.error);
  const at = (next: DashboardState, p = 1) => dashboardHref(next, { target, records: true, page: p });

  return (
    <section class="page page--wide dashboard dashboard-records">
      {state && (
        <p class="back-link no-print">
          <Link href={dashboardHref(state, { target })}>{t('dashboard.backToTarget', { target })}</Link>
        </p>
      )}
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {planTarget && <p class="page__intro muted">{targetName(planTarget, lang)}</p>}
      {view.plans && view.plans.length === 0 && <FormMessage kind="info">{t('dashboard.noPlan')}</FormMessage>}
      {view.plans && plan && state && (
        <DashboardFilters plans={view.plans} versions={view.versions} plan={plan} state={state} treeUsed={records.data?.tree} unitName={nameOf(state.unit)} lang={lang} onChange={(next) => navigate(at(next))} />
      )}
      {isCountsOnly && <FormMessage kind="info">{t('dashboard.records.countsOnly')}</FormMessage>}
      {isForbidden && <FormMessage kind="info">{t('dashboard.forbidden')}</FormMessage>}
      {error && <ErrorNotice error={error} lang={lang} onRetry={view.error ? view.reload : records.reload} />}
      {!error && !records.error && !records.data && (!view.plans || view.plans.length > 0) && <p class="loading">{t('app.loading')}</p>}
      {!error && state && records.data && (
        <div class={records.isLoading ? 'is-busy' : undefined} aria-busy={records.isLoading}>
          <p class="dashboard-records__intro">
            {t('dashboard.records.intro', { target, unit: nameOf(state.unit), period: periodLabel(state.period, lang) })}{' '}
            <strong>{t('dashboard.records.total', { n: records.data.total })}</strong>
          </p>
          {records.data.not_shown > 0 && <FormMessage kind="info">{t('dashboard.records.notShown', { n: records.data.not_shown })}</FormMessage>}
          {records.data.total === 0 ? (
            <p class="muted">{t('dashboard.records.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="data-table dashboard-records__table">
                <caption class="visually-hidden">{t('dashboard.records.caption', { target })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.records.date')}</th>
                    <th scope="col">{t('dashboard.records.type')}</th>
                    <th scope="col">{t('dashboard.records.unit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((record) => {
                    const type = recordTypeLabel(record.path, types.data ?? [], lang);
                    const date = formatDate(record.date, lang);
                    const href = recordPageHref(record, types.data ?? [], session.user.role);
                    return (
                      <tr key={`${record.path}/${record.id}`} data-record={record.id}>
                        <td data-label={t('dashboard.records.date')}>
                          <span>{date}</span>
                        </td>
                        <td data-label={t('dashboard.records.type')}>
                          {href ? (
                            <Link href={href} aria-label={t('dashboard.records.open', { type, date })}>
                              {type}
                            </Link>
                          ) : (
                            <span title={t('dashboard.records.noPage')}>{type}</span>
                          )}
                        </td>
                        <td data-label={t('dashboard.records.unit')}>
                          <span>{nameOf(record.unit)}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} limit={PAGE_SIZE} total={records.data.total} onPage={(p) => navigate(at(state, p))} label={t('paging.label')} />
        </div>
      )}
    </section>
  );
}
