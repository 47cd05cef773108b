// /support/groups/summary "Nhóm đồng đẳng — tổng hợp" (target T13): for a unit (default the
// user's) and a year (default this one), both kept in the address, a row per unit directly below
// it and the total: groups, groups that met, members (counts of 1–4 as "<5", as the server sends
// them), activities, participants, condoms, lubricant, leaflets and referrals made
// (GET /api/peer-groups/summary?unit=&year=). A unit's name opens its own summary. On a phone
// the table becomes one card per unit. A 403 (a peer educator, who reads only its own groups)
// says so plainly.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField } from '../components/form-fields';
import { Link } from '../components/link';
import { UnitPicker } from '../components/unit-picker';
import { useApi, usePageTitle } from '../hooks';
import { formatNumber, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { navigate } from '../router';
import { SupportTabs } from '../support/components';
import { peerSummary, type PeerSummaryRow } from '../support/groups-api';
import { GROUPS_LIST_PATH, SUMMARY_COLUMNS, summaryCell, summaryChoice, summaryHref, summaryYears, type SummaryChoice } from '../support/groups';

export interface PeerGroupsSummaryPageProps {
  search: string;
  session: Session;
  lang: Lang;
}

export function PeerGroupsSummaryPage({ search, session, lang }: PeerGroupsSummaryPageProps) {
  usePageTitle(t('groups.summary.title'));
  const [today] = useState(() => new Date());
  const home = session.user.unit_code;
  const choice = summaryChoice(search, home, today);
  const summary = useApi((signal) => peerSummary({ unit: choice.unit, year: choice.year }, signal), [choice.unit, choice.year]);
  const data = summary.data;
  const names = useUnitNames([choice.unit, ...(data?.items.map((row) => row.unit) ?? [])]);
  const [isPicking, setPicking] = useState(false);
  const go = (next: SummaryChoice, push = false) => navigate(summaryHref(next, home, today), { replace: !push });
  const nameOf = (code: string) => names[code] ?? code;
  const isForbidden = summary.error?.status === 403;
  const format = (n: number) => formatNumber(n, lang);

  function row(r: PeerSummaryRow, isTotal: boolean) {
    const unitCell = isTotal ? (
      <strong>{t('groups.summary.total', { unit: nameOf(r.unit) })}</strong>
    ) : (
      <Link href={summaryHref({ unit: r.unit, year: choice.year }, home, today)} title={t('groups.summary.openUnit', { unit: nameOf(r.unit) })}>
        {nameOf(r.unit)}
      </Link>
    );
    return (
      <tr key={isTotal ? 'total' : r.unit} class={isTotal ? 'peer-summary__total' : undefined} data-unit={r.unit}>
        <td data-label={t('groups.summary.unit')} class="peer-summary__unit">
          {unitCell}
        </td>
        {SUMMARY_COLUMNS.map((column) => (
          <td key={column.key} data-label={t(column.label)} data-key={column.key} class="peer-summary__num">
            <span>{summaryCell(r, column.key, format)}</span>
          </td>
        ))}
      </tr>
    );
  }

  return (
    <section class="page page--wide support peer-summary">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('groups.summary.title')}
        </h1>
        <div class="page__actions">
          <Link href={GROUPS_LIST_PATH} class="button">
            {t('groups.summary.list')}
          </Link>
        </div>
      </div>
      <SupportTabs role={session.user.role} current="summary" />
      <p class="page__intro muted">{t('groups.summary.intro')}</p>
      <div class="filters peer-summary__filters">
        <UnitPicker
          id="summary-unit"
          label={t('groups.summary.unit')}
          value={isPicking ? null : { code: choice.unit, name: nameOf(choice.unit) }}
          onChange={(unit) => {
            setPicking(unit === null);
            if (unit) go({ ...choice, unit: unit.code });
          }}
          lang={lang}
        />
        <SelectField
          id="summary-year"
          label={t('groups.summary.year')}
          value={String(choice.year)}
          onChange={(value) => go({ ...choice, year: Number(value) })}
          options={summaryYears(today, choice.year).map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      {isForbidden && <FormMessage kind="info">{t('groups.summary.forbidden')}</FormMessage>}
      {summary.error && !isForbidden && <ErrorNotice error={summary.error} lang={lang} onRetry={summary.reload} />}
      {!summary.error && !data && <p class="loading">{t('app.loading')}</p>}
      {!summary.error && data && (
        <div class={summary.isLoading ? 'is-busy' : undefined} aria-busy={summary.isLoading}>
          <h2 class="support-section-title">{t('groups.summary.caption', { year: String(data.year) })}</h2>
          {data.items.length === 0 && <p class="muted">{t('groups.summary.noChildren')}</p>}
          <div class="table-wrap">
            <table class="data-table peer-summary__table">
              <caption class="visually-hidden">{t('groups.summary.caption', { year: String(data.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('groups.summary.unit')}</th>
                  {SUMMARY_COLUMNS.map((column) => (
                    <th scope="col" key={column.key} class="peer-summary__num">
                      {t(column.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => row(r, false))}
                {row(data.total, true)}
              </tbody>
            </table>
          </div>
          <p class="muted peer-summary__note">{t('groups.summary.small')}</p>
        </div>
      )}
    </section>
  );
}
