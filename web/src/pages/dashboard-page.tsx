// /dashboard "Tổng quan" (issue 7): every target of the plan for a unit and a period, as cards
// (value, target, counts, status badge, trend), with how many targets have each status. The
// plan, unit and period are in the address (written in when left out), so that a view can be
// shared, and so is the tree of units when one is chosen (issue 10); a card opens the ranking of
// the units below and the records behind the value. It prints on A4 without the navigation
// (styles/dashboard.css). A role that does not read aggregates is told so plainly.

import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { getIndicators, getUnitOn, indicatorFileHref } from '../dashboard/api';
import { printAllCharts } from '../dashboard/chart';
import { DashboardFilters, IndicatorCard, StatusBadge, useDashboardView } from '../dashboard/components';
import { statusCounts } from '../dashboard/format';
import { dashboardHref, periodLabel } from '../dashboard/state';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { navigate } from '../router';

export interface DashboardPageProps {
  search: string;
  session: Session;
  lang: Lang;
}

export function DashboardPage({ search, session, lang }: DashboardPageProps) {
  usePageTitle(t('dashboard.title'));
  const view = useDashboardView(search, session);
  const { state, plan } = view;
  const indicators = useApi((signal) => (state ? getIndicators(state, signal) : null), [state?.plan, state?.unit, state?.period, state?.tree]);
  const data = indicators.data;
  // The unit's name on the reply's tree (a district closed since has no name on today's).
  const unitOnTree = useApi((signal) => (state && data ? getUnitOn(state.unit, data.tree, signal) : null), [state?.unit, data?.tree, data !== null]);
  const names = useUnitNames(state ? [state.unit] : []);
  const nameOf = (code: string) => (unitOnTree.data?.code === code ? unitOnTree.data.name : names[code] ?? code);
  const unitName = state ? nameOf(state.unit) : '';
  const isForbidden = indicators.error?.status === 403;
  const error = view.error ?? (isForbidden ? null : indicators.error);

  async function print() {
    await printAllCharts();
    window.print();
  }

  return (
    <section class="page page--wide dashboard">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('dashboard.title')}
        </h1>
        {data && (
          <div class="page__actions no-print">
            {state && (
              <a class="button" href={indicatorFileHref('export', state)} download>
                {t('dashboard.download.xlsx')}
              </a>
            )}
            {state && (
              <a class="button" href={indicatorFileHref('report', state)} download>
                {t('dashboard.download.docx')}
              </a>
            )}
            <button type="button" class="button" onClick={() => void print()}>
              {t('dashboard.print')}
            </button>
          </div>
        )}
      </div>
      <p class="page__intro muted">{plan ? (lang === 'vi' ? plan.name_vi : plan.name_en || plan.name_vi) : t('dashboard.intro')}</p>
      {view.plans && view.plans.length === 0 && <FormMessage kind="info">{t('dashboard.noPlan')}</FormMessage>}
      {view.plans && plan && state && (
        <DashboardFilters plans={view.plans} versions={view.versions} plan={plan} state={state} treeUsed={data?.tree} unitName={unitName} lang={lang} onChange={(next) => navigate(dashboardHref(next))} />
      )}
      {isForbidden && <FormMessage kind="info">{t('dashboard.forbidden')}</FormMessage>}
      {error && <ErrorNotice error={error} lang={lang} onRetry={view.error ? view.reload : indicators.reload} />}
      {!error && !isForbidden && !data && (!view.plans || view.plans.length > 0) && <p class="loading">{t('app.loading')}</p>}
      {!error && !isForbidden && data && state && (
        <div class={indicators.isLoading ? 'is-busy' : undefined} aria-busy={indicators.isLoading}>
          <h2 class="dashboard__caption">{t('dashboard.caption', { unit: nameOf(data.unit), period: periodLabel(data.period, lang) })}</h2>
          <p class="muted dashboard__asof">
            {t('dashboard.asOf', { date: formatDate(data.items[0]?.current.as_of ?? data.to, lang) })}
            {view.versions.length > 1 && data.tree && ` ${t('dashboard.tree.used', { date: formatDate(data.tree, lang) })}`}
          </p>
          <ul class="dashboard-summary" aria-label={t('dashboard.summary')}>
            {statusCounts(data.items.map((item) => item.current)).map(({ status, count }) => (
              <li key={status} class="dashboard-summary__item">
                <StatusBadge status={status} lang={lang} />
                <strong class="dashboard-summary__count">{count}</strong>
              </li>
            ))}
          </ul>
          <ul class="indicator-grid" aria-label={t('dashboard.cards')}>
            {data.items.map((item) => (
              <li key={item.id}>
                <IndicatorCard item={item} state={state} lang={lang} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
