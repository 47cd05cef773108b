// /dashboard/<target>: one target for a unit and period (value, target, status, a larger trend)
// and the ranking of the units directly below (GET /api/indicators?target=&children=true): a
// horizontal bar per unit, coloured by its status, the same on a map when there are boundaries
// for them (issue 10: the districts), and as a table. A unit (its bar, region or name) opens the
// same view one level down (province → district → commune), by changing the unit in the address;
// the units above, up to the user's own, lead back up. Names, levels and the units above are
// those of the tree the reply is on (its `tree`: the period's own, or the version chosen).

import { useMemo } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { getIndicators, getUnitOn } from '../dashboard/api';
import { Chart } from '../dashboard/chart';
import { rankingHeight, rankingOption, rankingRowIndex, type RankingRow } from '../dashboard/chart-options';
import { DashboardFilters, IndicatorCard, StatusBadge, useDashboardView } from '../dashboard/components';
import { countsShort, formatValue, rankChildren, rankNumbers } from '../dashboard/format';
import { ChildrenMap } from '../dashboard/map';
import { dashboardHref, periodLabel, reachablePath, type DashboardState } from '../dashboard/state';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { navigate } from '../router';

export interface DashboardTargetPageProps {
  target: string;
  search: string;
  session: Session;
  lang: Lang;
}

export function DashboardTargetPage({ target, search, session, lang }: DashboardTargetPageProps) {
  const title = t('dashboard.rankingOf', { target });
  usePageTitle(title);
  const view = useDashboardView(search, session, { target });
  const { state, plan } = view;
  const indicators = useApi(
    (signal) => (state ? getIndicators({ ...state, target, children: true }, signal) : null),
    [state?.plan, state?.unit, state?.period, state?.tree, target],
  );
  // The unit as it is on the reply's tree: once the reply says which.
  const treeUsed = indicators.data?.tree;
  const hasReply = indicators.data !== null;
  const unit = useApi((signal) => (state && hasReply ? getUnitOn(state.unit, treeUsed, signal) : null), [state?.unit, treeUsed, hasReply]);
  const item = indicators.data?.items.find((i) => i.id === target) ?? null;
  const childNames = Object.fromEntries((unit.data?.children ?? []).map((c) => [c.code, c.name]));
  // Named one by one (on today's tree) only when the unit's own children on the reply's tree do not name them.
  const missing = unit.isLoading ? [] : (item?.children ?? []).map((c) => c.unit).filter((code) => !childNames[code]);
  const names = { ...useUnitNames(state ? [state.unit, ...missing] : missing), ...childNames };
  const nameOf = (code: string) => names[code] ?? (unit.data?.code === code ? unit.data.name : code);
  const unitName = state ? nameOf(state.unit) : '';
  const isForbidden = indicators.error?.status === 403;
  const error = view.error ?? (isForbidden ? null : indicators.error);

  const rows: RankingRow[] = item ? rankChildren(item.children ?? [], item.comparison).map((v) => ({ unit: v.unit, name: nameOf(v.unit), value: v })) : [];
  const ranks = rankNumbers(rows.map((r) => r.value));
  const rowsKey = rows.map((r) => `${r.unit}:${r.name}:${r.value.value}`).join('|');
  const narrow = typeof window !== 'undefined' && window.innerWidth < 520;
  const option = useMemo(() => (item ? rankingOption(rows, item, lang, { narrow }) : null), [item, rowsKey, lang, narrow]);
  const at = (next: DashboardState) => dashboardHref(next, { target });
  const up = state && unit.data ? reachablePath(unit.data.path, session.user.unit_code) : [];

  return (
    <section class="page page--wide dashboard dashboard-target">
      {state && (
        <p class="back-link no-print">
          <Link href={dashboardHref(state)}>{t('dashboard.back')}</Link>
        </p>
      )}
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {title}
        </h1>
        {state && item && !item.is_client_derived && (
          <div class="page__actions no-print">
            <Link href={dashboardHref(state, { target, records: true })} class="button">
              {t('dashboard.records')}
            </Link>
          </div>
        )}
      </div>
      {view.plans && view.plans.length === 0 && <FormMessage kind="info">{t('dashboard.noPlan')}</FormMessage>}
      {view.plans && plan && state && (
        <DashboardFilters plans={view.plans} versions={view.versions} plan={plan} state={state} treeUsed={treeUsed} unitName={unitName} lang={lang} onChange={(next) => navigate(at(next))} />
      )}
      {state && up.length > 0 && (
        <nav class="breadcrumb dashboard-path no-print" aria-label={t('dashboard.unitPath')}>
          <ol class="breadcrumb__list">
            {up.map((entry) => (
              <li key={entry.code} class="breadcrumb__item">
                <Link href={at({ ...state, unit: entry.code })}>{entry.name}</Link>
              </li>
            ))}
            <li class="breadcrumb__item">
              <span aria-current="page">{unitName}</span>
            </li>
          </ol>
        </nav>
      )}
      {isForbidden && <FormMessage kind="info">{t('dashboard.forbidden')}</FormMessage>}
      {error && <ErrorNotice error={error} lang={lang} onRetry={view.error ? view.reload : indicators.reload} />}
      {!error && !isForbidden && !indicators.data && (!view.plans || view.plans.length > 0) && <p class="loading">{t('app.loading')}</p>}
      {!error && indicators.data && !item && <FormMessage kind="info">{t('dashboard.unknownTarget', { target })}</FormMessage>}
      {!error && state && item && (
        <div class={indicators.isLoading ? 'is-busy' : undefined} aria-busy={indicators.isLoading}>
          <h2 class="dashboard__caption">{t('dashboard.caption', { unit: unitName, period: periodLabel(item.current.period, lang) })}</h2>
          {view.versions.length > 1 && treeUsed && <p class="muted dashboard__tree">{t('dashboard.tree.used', { date: formatDate(treeUsed, lang) })}</p>}
          <IndicatorCard item={item} state={state} lang={lang} variant="headline" />
          <h2 class="section-title dashboard-children__title">{t('dashboard.children.title', { unit: unitName })}</h2>
          {rows.length === 0 ? (
            <p class="muted">{t('dashboard.children.none')}</p>
          ) : (
            <>
              <p class="muted no-print">{t('dashboard.children.hint')}</p>
              <div class="dashboard-visuals">
                {option && (
                  <div class="card dashboard-ranking">
                    <Chart
                      option={option}
                      height={rankingHeight(rows.length)}
                      class="chart--ranking"
                      onItemClick={(index) => {
                        const row = rows[rankingRowIndex(index, rows.length)];
                        if (row) navigate(at({ ...state, unit: row.unit }));
                      }}
                    />
                  </div>
                )}
                <ChildrenMap
                  rows={rows}
                  level={unit.isLoading ? null : unit.data?.children[0]?.level ?? null}
                  tree={treeUsed}
                  versions={view.versions}
                  target={item.id}
                  kind={item.value}
                  lang={lang}
                  onOpen={(code) => navigate(at({ ...state, unit: code }))}
                />
              </div>
              <div class="table-wrap">
                <table class="data-table dashboard-children">
                  <caption class="visually-hidden">{t('dashboard.children.title', { unit: unitName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="dashboard-children__rank">{t('dashboard.children.rank')}</th>
                      <th scope="col">{t('dashboard.children.unit')}</th>
                      <th scope="col" class="dashboard-children__num">{t('dashboard.children.value')}</th>
                      <th scope="col">{t('dashboard.children.counts')}</th>
                      <th scope="col">{t('dashboard.children.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, index) => (
                      <tr key={row.unit} data-unit={row.unit}>
                        <td data-label={t('dashboard.children.rank')} class="dashboard-children__rank">
                          <span>{ranks[index] ?? '–'}</span>
                        </td>
                        <td data-label={t('dashboard.children.unit')} class="dashboard-children__unit">
                          <Link href={at({ ...state, unit: row.unit })} title={t('dashboard.children.open', { unit: row.name })}>
                            {row.name}
                          </Link>
                        </td>
                        <td data-label={t('dashboard.children.value')} class="dashboard-children__num">
                          <span>{formatValue(row.value.value, item.value, lang)}</span>
                        </td>
                        <td data-label={t('dashboard.children.counts')}>
                          <span>{countsShort(item.value, row.value, lang)}</span>
                        </td>
                        <td data-label={t('dashboard.children.status')}>
                          <StatusBadge status={row.value.status} lang={lang} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
