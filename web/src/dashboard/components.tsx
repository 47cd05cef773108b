// The parts the dashboard's pages share: the plan, unit, period and tree of the view (from the
// address, with the defaults written back into it so that the view can be shared), the filters
// that change them, a status badge, and a target's card (value, target, counts, status, trend).

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import type { ApiError } from '../api/client';
import { SelectField } from '../components/form-fields';
import { Link } from '../components/link';
import { UnitPicker } from '../components/unit-picker';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { navigate } from '../router';
import { loadIndicatorPlans, loadUnitVersions, type IndicatorItem, type IndicatorPlan, type UnitVersion } from './api';
import { Chart } from './chart';
import { trendOption } from './chart-options';
import { countsText, expectedText, formatValue, statusClass, statusLabel, targetName, targetNote, targetText } from './format';
import {
  combinePeriod,
  dashboardHref,
  isCompleteQuery,
  partChoice,
  partChoices,
  parsePeriod,
  readDashboardQuery,
  resolveState,
  trendLabel,
  yearChoice,
  yearChoices,
  type DashboardState,
} from './state';
import { treeChoice, treeChoices, withPeriod } from './trees';

let plansOnce: Promise<IndicatorPlan[]> | null = null;

/** The plans, once per page load (they change only when the server restarts). */
function loadPlansOnce(): Promise<IndicatorPlan[]> {
  if (!plansOnce) {
    plansOnce = loadIndicatorPlans();
    plansOnce.catch(() => {
      plansOnce = null;
    });
  }
  return plansOnce;
}

let versionsOnce: Promise<UnitVersion[]> | null = null;

/** The versions of the tree of units, once per page load; none when they cannot be had. */
function loadVersionsOnce(): Promise<UnitVersion[]> {
  if (!versionsOnce) {
    versionsOnce = loadUnitVersions().catch((failure: unknown) => {
      console.warn(failure);
      versionsOnce = null;
      return [];
    });
  }
  return versionsOnce;
}

export interface DashboardView {
  plans: IndicatorPlan[] | null;
  /** The versions of the tree of units, oldest first (none until loaded, or from an older server). */
  versions: UnitVersion[];
  plan: IndicatorPlan | null;
  /** Null while the plans load, or when none is loaded. */
  state: DashboardState | null;
  page: number;
  error: ApiError | null;
  reload: () => void;
}

/**
 * The view of the address: the plans, and the plan, unit and period chosen (or their defaults,
 * which then replace the address without a new history entry, so that it can be shared).
 */
export function useDashboardView(search: string, session: Session, view: { target?: string; records?: boolean } = {}): DashboardView {
  const [today] = useState(() => new Date());
  const plans = useApi(() => loadPlansOnce(), []);
  const versions = useApi(() => loadVersionsOnce(), []);
  const query = readDashboardQuery(search);
  const state = plans.data ? resolveState(query, plans.data, session.user.unit_code, today) : null;
  const plan = plans.data?.find((p) => p.id === state?.plan) ?? null;
  const href = state ? dashboardHref(state, { ...view, page: query.page }) : null;
  const isComplete = isCompleteQuery(query);
  useEffect(() => {
    if (href && !isComplete) navigate(href, { replace: true });
  }, [href, isComplete]);
  return { plans: plans.data, versions: versions.data ?? [], plan, state, page: query.page, error: plans.error, reload: plans.reload };
}

export interface FiltersProps {
  plans: readonly IndicatorPlan[];
  versions: readonly UnitVersion[];
  plan: IndicatorPlan;
  state: DashboardState;
  /** The first day of the tree the shown reply is on (the server's choice when the address makes none). */
  treeUsed?: string;
  unitName: string;
  lang: Lang;
  onChange: (next: DashboardState) => void;
}

/** Plan (when there are several), unit, year (or the whole plan), quarter and tree (when there are several). */
export function DashboardFilters({ plans, versions, plan, state, treeUsed, unitName, lang, onChange }: FiltersProps) {
  const [isPicking, setPicking] = useState(false);
  const isWholePlan = parsePeriod(state.period)?.kind === 'plan';
  const today = isoDay(new Date());
  const tree = treeChoice(state, treeUsed, versions, today);
  const trees = treeChoices(versions, state.period, tree, today, lang);
  return (
    <div class="filters dashboard-filters no-print">
      {plans.length > 1 && (
        <SelectField
          id="dashboard-plan"
          label={t('dashboard.plan')}
          value={state.plan}
          onChange={(value) => onChange({ ...state, plan: value })}
          options={plans.map((p) => ({ value: p.id, label: lang === 'vi' ? p.name_vi : p.name_en || p.name_vi }))}
        />
      )}
      <UnitPicker
        id="dashboard-unit"
        label={t('dashboard.unit')}
        value={isPicking ? null : { code: state.unit, name: unitName }}
        onChange={(unit) => {
          setPicking(unit === null);
          if (unit) onChange({ ...state, unit: unit.code });
        }}
        lang={lang}
      />
      <div class="dashboard-filters__period">
        <SelectField
          id="dashboard-year"
          label={t('dashboard.year')}
          value={yearChoice(state.period)}
          onChange={(value) => onChange(withPeriod(state, combinePeriod(value, partChoice(state.period)), versions, today))}
          options={yearChoices(plan, state.period, lang)}
        />
        <SelectField
          id="dashboard-part"
          label={t('dashboard.part')}
          value={partChoice(state.period)}
          disabled={isWholePlan}
          onChange={(value) => onChange(withPeriod(state, combinePeriod(yearChoice(state.period), value), versions, today))}
          options={partChoices(state.period, lang)}
        />
      </div>
      {trees.length > 0 && (
        <SelectField id="dashboard-tree" label={t('dashboard.tree')} value={tree} onChange={(value) => onChange({ ...state, tree: value })} options={trees} />
      )}
    </div>
  );
}

/** A day as the server writes it ("2026-11-29"), in the browser's time zone. */
function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function StatusBadge({ status, lang }: { status: string; lang: Lang }) {
  return <span class={statusClass(status)}>{statusLabel(status, lang)}</span>;
}

export interface IndicatorCardProps {
  item: IndicatorItem;
  state: DashboardState;
  lang: Lang;
  /** "card" in the overview's grid (with links to the ranking and the records); "headline" atop a target's page. */
  variant?: 'card' | 'headline';
}

export function IndicatorCard({ item, state, lang, variant = 'card' }: IndicatorCardProps) {
  const option = useMemo(() => trendOption(item, lang), [item, lang]);
  const value = item.current;
  const target = targetText(item, lang);
  const counts = countsText(item.value, value, lang);
  const expected = expectedText(item, value, lang);
  const note = targetNote(item, lang);
  const headingId = `indicator-${item.id}`;
  const Heading = variant === 'card' ? 'h3' : 'h2';
  const trendText = t('dashboard.trendOf', {
    target: item.id,
    points: item.trend.map((p) => t('dashboard.trendPoint', { period: trendLabel(p.period, lang), value: formatValue(p.value, item.value, lang) }, lang)).join('; '),
  });
  return (
    <article class={`indicator indicator--${variant}`} data-target={item.id} data-status={value.status} aria-labelledby={headingId}>
      <div class="indicator__head">
        <span class="indicator__id">{item.id}</span>
        <StatusBadge status={value.status} lang={lang} />
      </div>
      <Heading class="indicator__name" id={headingId}>
        <span class="visually-hidden">{item.id}. </span>
        {targetName(item, lang)}
      </Heading>
      <p class="indicator__value">
        <span class="visually-hidden">{t('dashboard.value')}: </span>
        {formatValue(value.value, item.value, lang)}
      </p>
      <p class="indicator__target">{t('dashboard.targetLabel', { text: item.goal_at_plan_end ? t('dashboard.goalAtEnd', { text: target }) : target })}</p>
      {expected && <p class="indicator__expected">{expected}</p>}
      {counts && <p class="indicator__counts">{counts}</p>}
      {variant === 'headline' && note && <p class="indicator__note muted">{note}</p>}
      {variant === 'headline' && <p class="indicator__asof muted">{t('dashboard.asOf', { date: formatDate(value.as_of, lang) })}</p>}
      <Chart option={option} height={variant === 'card' ? 96 : 160} class="chart--trend" />
      <p class="visually-hidden">{trendText}</p>
      {variant === 'card' && (
        <p class="indicator__links no-print">
          <Link href={dashboardHref(state, { target: item.id })} aria-label={t('dashboard.rankingOf', { target: item.id })}>
            {t('dashboard.ranking')}
          </Link>
          {item.is_client_derived ? (
            <span class="muted">{t('dashboard.countsOnly')}</span>
          ) : (
            <Link href={dashboardHref(state, { target: item.id, records: true })} aria-label={t('dashboard.recordsOf', { target: item.id })}>
              {t('dashboard.records')}
            </Link>
          )}
        </p>
      )}
    </article>
  );
}
