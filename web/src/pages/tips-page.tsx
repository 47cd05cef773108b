// /tips: the tips of the user's scope (an inspector: those assigned to them), filtered by status,
// kind, deadline (overdue, due soon) and period, kept in the address; the T8 summary of the year
// above; "Tiếp nhận tin báo" for the roles that receive tips. ?assignee=<id> shows one person's
// tips (the notifications link).

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { canReceiveTips } from '../auth/guards';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { Pager } from '../components/pager';
import { takeFlash } from '../flash';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, formatNumber, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { updateQuery } from '../router';
import { listTips, tipSummary, type TipSummary } from '../tips/api';
import { useAssigneeNames, useTipCodeLists } from '../tips/lookups';
import {
  NEW_TIP_PATH,
  PAGE_SIZE,
  TIPS_PATH,
  TIP_STATUSES,
  codeLabel,
  filtersFromSearch,
  filtersToQuery,
  onTimeRate,
  statusLabel,
  summaryPeriod,
  summaryRows,
  timelinessLabel,
  timelinessTone,
  tipHref,
} from '../tips/tip';
import { formatDateTime, shortId } from '../format';

export interface TipsPageProps {
  search: string;
  session: Session;
  lang: Lang;
}

export function TipsPage({ search, session, lang }: TipsPageProps) {
  usePageTitle(t('tips.title'));
  const filters = filtersFromSearch(search);
  const [period, setPeriod] = useState(filters.period);
  useEffect(() => setPeriod(filters.period), [filters.period]);
  const [flash] = useState(() => takeFlash(TIPS_PATH));
  const codes = useTipCodeLists();
  const query = filtersToQuery(filters);
  const list = useApi((signal) => listTips(query, signal), [JSON.stringify(query)]);
  const year = summaryPeriod(filters, new Date());
  const summary = useApi((signal) => tipSummary({ period: year }, signal), [year]);
  const items = list.data?.items ?? [];
  const names = useAssigneeNames(
    items.map((tip) => tip.unit),
    session,
  );
  const unitNames = useUnitNames(items.map((tip) => tip.unit));
  const set = (name: string, value: string) => updateQuery({ [name]: value, page: null }, { push: true });
  const any = { value: '', label: t('tips.filter.any') };

  return (
    <section class="page page--wide tips">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('tips.title')}
        </h1>
        {canReceiveTips(session.user.role) && (
          <div class="page__actions">
            <Link href={NEW_TIP_PATH} class="button button--primary">
              {t('tips.new')}
            </Link>
          </div>
        )}
      </div>
      <p class="muted">{t('tips.intro')}</p>
      {flash && <FormMessage kind="success">{t(flash)}</FormMessage>}

      {summary.data && <SummaryBox summary={summary.data} year={year} lang={lang} />}

      <form
        class="tips-filters"
        onSubmit={(event) => {
          event.preventDefault();
          set('period', period.trim());
        }}
      >
        <FilterSelect id="tips-status" label={t('tips.filter.status')} value={filters.status} onChange={(v) => set('status', v)} options={[any, ...TIP_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))]} />
        <FilterSelect
          id="tips-kind"
          label={t('tips.filter.kind')}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          options={[any, ...codes.kind.map((c) => ({ value: c.code, label: codeLabel(codes.kind, c.code, lang) }))]}
        />
        <FilterSelect
          id="tips-due"
          label={t('tips.filter.due')}
          value={filters.due}
          onChange={(v) => set('due', v)}
          options={[any, { value: 'overdue', label: t('tips.filter.overdue') }, { value: 'due_soon', label: t('tips.filter.dueSoon') }]}
        />
        <div class="field tips-filters__period">
          <label class="field__label" for="tips-period">
            {t('tips.filter.period')}
          </label>
          <input id="tips-period" class="input" value={period} placeholder="2026 / 2026-05" inputMode="numeric" onInput={(e) => setPeriod(e.currentTarget.value)} />
        </div>
        <div class="tips-filters__actions">
          <button type="submit" class="button">
            {t('tips.filter.apply')}
          </button>
          {(filters.status || filters.kind || filters.due || filters.period || filters.assignee) && (
            <Link href={TIPS_PATH} class="button">
              {t('tips.filter.clear')}
            </Link>
          )}
        </div>
      </form>
      {filters.assignee && filters.assignee === session.user.id && (
        <p class="muted">
          {t('tips.mine')} <Link href={TIPS_PATH}>{t('tips.showAll')}</Link>
        </p>
      )}

      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && items.length === 0 && (
        <div class="card">
          <p class="muted">{t('tips.none')}</p>
        </div>
      )}
      {!list.error && items.length > 0 && (
        <div class={list.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
          <table class="data-table tips-table">
            <caption class="visually-hidden">{t('tips.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tips.col.received')}</th>
                <th scope="col">{t('tips.col.kind')}</th>
                <th scope="col">{t('tips.col.channel')}</th>
                <th scope="col">{t('tips.col.unit')}</th>
                <th scope="col">{t('tips.col.status')}</th>
                <th scope="col">{t('tips.col.assignee')}</th>
                <th scope="col">{t('tips.col.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tip) => (
                <tr key={tip.id}>
                  <td data-label={t('tips.col.received')}>
                    <Link href={tipHref(tip.id)} title={formatDateTime(tip.received_at, lang)}>
                      {formatDate(tip.received_on, lang)}
                    </Link>
                  </td>
                  <td data-label={t('tips.col.kind')}>{codeLabel(codes.kind, tip.kind, lang)}</td>
                  <td data-label={t('tips.col.channel')}>{codeLabel(codes.channel, tip.channel, lang)}</td>
                  <td data-label={t('tips.col.unit')}>{unitNames[tip.unit] ?? tip.unit}</td>
                  <td data-label={t('tips.col.status')}>{statusLabel(tip.status, lang)}</td>
                  <td data-label={t('tips.col.assignee')}>{tip.assignee ? names[tip.assignee] ?? shortId(tip.assignee) : ''}</td>
                  <td data-label={t('tips.col.deadline')}>
                    <span class="tips-deadline">
                      {tip.deadline ? formatDate(tip.deadline, lang) : ''}
                      {tip.timeliness && <span class={`badge badge--${timelinessTone(tip.timeliness)}`}>{timelinessLabel(tip.timeliness, lang)}</span>}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={filters.page} limit={PAGE_SIZE} total={list.data.total} onPage={(page) => updateQuery({ page: page > 1 ? page : null }, { push: true })} label={t('tips.tableCaption')} />}
    </section>
  );
}


function FilterSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select id={id} class="input select" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function SummaryBox({ summary, year, lang }: { summary: TipSummary; year: string; lang: Lang }) {
  const rate = onTimeRate(summary.totals);
  return (
    <section class="card tips-summary" aria-labelledby="tips-summary-title">
      <h2 class="tips-summary__title" id="tips-summary-title">
        {t('tips.summary.title', { year })}
      </h2>
      <dl class="tips-summary__grid">
        {summaryRows(summary.totals, lang).map((row) => (
          <div class={`tips-summary__cell tips-summary__cell--${row.tone}`} key={row.key} data-key={row.key}>
            <dt>{row.label}</dt>
            <dd>{formatNumber(row.value, lang)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted tips-summary__note">
        {rate !== null && <span>{t('tips.summary.rate', { rate })} · </span>}
        {t('tips.summary.caption', { year, asOf: !summary.as_of ? '' : /^\d{4}-\d{2}-\d{2}$/.test(summary.as_of) ? formatDate(summary.as_of, lang) : formatDateTime(summary.as_of, lang) })}
      </p>
    </section>
  );
}
