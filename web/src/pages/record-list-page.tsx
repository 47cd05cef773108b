// /communication/<type>: the records of one kind within the user's scope, newest date first,
// filtered by unit (and the units below it), period or dates, text and the kind's code fields;
// the filters and the page live in the address. A table from 760 px, a card per record below.
// "Xuất CSV" downloads the records the filters select; "Nhập từ tệp" and "Thêm mới" lead on
// (for the roles that may write records of the type). Establishments get a risk level column
// when the role may read their inspection status (GET /api/establishment-status).

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { listEstablishmentStatus } from '../api/establishment-status';
import { exportRecords, listRecords, type RecordType } from '../api/records';
import { canWriteRecords } from '../auth/guards';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { Pager } from '../components/pager';
import { RecordValue, namesNeeded, type ValueContext } from '../components/record-value';
import { UnitPicker } from '../components/unit-picker';
import { takeFlash } from '../flash';
import { pageFromSearch } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { useAssignedAccounts, useCodeLists, useReferencedRecords, useUnitNames } from '../lookups';
import {
  describePeriod,
  filterErrors,
  filterQuery,
  hasFilters,
  listQuery,
  recordFiltersFrom,
  recordsHref,
  type RecordFilters,
} from '../records/filters';
import { STATUS_PATH, riskLabel, riskTone, statusById } from '../records/establishment-status';
import { importHref, newRecordHref, recordHref, rememberListSearch, typeHref } from '../records/paths';
import { codeOptions, dateLabel, labelOf, listColumns, titleField } from '../records/values';
import { navigate, updateQuery } from '../router';

export const RECORDS_PAGE_SIZE = 20;

export interface RecordListPageProps {
  base: string;
  type: RecordType;
  search: string;
  types: readonly RecordType[];
  session: Session;
  lang: Lang;
}

function isWide(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 760px)').matches;
}

/** Saves a Blob as a file through a temporary link (nothing leaves the page). */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** An establishment's risk level as a coloured badge; "—" when the status list does not name it. */
function RiskBadge({ level, lang }: { level: string | undefined; lang: Lang }) {
  if (!level) return <span class="muted">—</span>;
  return <span class={`badge badge--${riskTone(level)} status-risk`}>{riskLabel(level, lang)}</span>;
}

export function RecordListPage({ base, type, types, search, session, lang }: RecordListPageProps) {
  const title = labelOf(type, lang);
  usePageTitle(title);
  const listPath = typeHref(base, type.path);
  const filters = recordFiltersFrom(search, type);
  const filterKey = JSON.stringify(filterQuery(filters, type));
  const page = pageFromSearch(search);
  const [draft, setDraft] = useState<RecordFilters>(filters);
  const [isOpen, setOpen] = useState(() => isWide() || hasFilters(filters, type));
  const [flash] = useState(() => takeFlash(listPath));
  const [isExporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const codes = useCodeLists(type);

  // Back, Forward and links bring their own filters.
  useEffect(() => setDraft(filters), [filterKey]);
  useEffect(() => rememberListSearch(type.path, search), [type.path, search]);

  const list = useApi((signal) => listRecords(type, listQuery(filters, type, page, RECORDS_PAGE_SIZE), signal), [type.path, filterKey, page]);
  // Establishments: their risk level, loaded once for the list's unit and matched by id; a role
  // that may not read inspections (403) or any other failure simply shows no column.
  const [statusYear] = useState(() => new Date().getFullYear());
  const statuses = useApi(
    (signal) => (type.path === STATUS_PATH ? listEstablishmentStatus(filters.unit || undefined, statusYear, signal) : null),
    [type.path, filters.unit, statusYear],
  );
  const risks = statuses.data && !statuses.error ? statusById(statuses.data.items) : null;
  const items = list.data?.items ?? [];
  const needed = namesNeeded(type, types, items);
  const names = useUnitNames([...needed.units, ...(draft.unit ? [draft.unit] : [])]);
  const referenced = useReferencedRecords(needed.refs);
  const accounts = useAssignedAccounts(type.path, needed.accountUnits);
  const ctx: ValueContext = { base, types, codes, names, referenced, accounts, lang };

  const errors = filterErrors(draft, lang);
  const active = Object.keys(filterQuery(filters, type)).length;
  const codeFields = type.fields.filter((f) => f.kind === 'code');
  const columns = listColumns(type);
  const main = titleField(type);
  const periodText = describePeriod(draft.period, lang);

  async function onExport() {
    if (isExporting) return;
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await exportRecords(type, filterQuery(filters, type));
      saveBlob(blob, filename ?? `${type.path}.csv`);
    } catch (caught) {
      setExportError(caught instanceof ApiError ? caught : networkError());
    } finally {
      setExporting(false);
    }
  }

  const setCode = (name: string) => (value: string) => setDraft({ ...draft, codes: { ...draft.codes, [name]: value } });

  return (
    <section class="page page--wide">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {title}
        </h1>
        <div class="page__actions">
          {canWriteRecords(session.user.role, type.resource) && (
            <>
              <Link href={newRecordHref(base, type.path)} class="button button--primary">
                {t('records.add')}
              </Link>
              <Link href={importHref(base, type.path)} class="button">
                {t('records.import')}
              </Link>
            </>
          )}
          <button type="button" class="button" disabled={isExporting} onClick={onExport}>
            {isExporting ? t('records.exporting') : t('records.export')}
          </button>
        </div>
      </div>
      {flash && <FormMessage kind="success">{t(flash)}</FormMessage>}
      {exportError && <FormMessage kind="error">{exportError.localized(lang)}</FormMessage>}

      <details class="filters-box" open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary class="filters-box__summary">{active > 0 ? t('records.filtersActive', { n: active }) : t('records.filters')}</summary>
        <form
          class="filters filters--records"
          role="search"
          aria-label={t('records.filters')}
          onSubmit={(event) => {
            event.preventDefault();
            if (Object.keys(errors).length === 0) navigate(recordsHref(listPath, type, draft));
          }}
        >
          <UnitPicker
            id="filter-unit"
            label={t('records.filterUnit')}
            hint={t('records.filterUnitHint')}
            value={draft.unit ? { code: draft.unit, name: names[draft.unit] ?? draft.unit } : null}
            onChange={(unit) => setDraft({ ...draft, unit: unit?.code ?? '' })}
            lang={lang}
          />
          <TextField
            id="filter-period"
            label={t('records.period')}
            hint={periodText ?? t('records.periodHint')}
            value={draft.period}
            onInput={(value) => setDraft({ ...draft, period: value })}
            placeholder="2023Q2"
            maxLength={10}
            isVerbatim
            error={errors.period}
          />
          <TextField id="filter-from" type="date" label={t('records.from')} value={draft.from} onInput={(value) => setDraft({ ...draft, from: value })} />
          <TextField id="filter-to" type="date" label={t('records.to')} value={draft.to} onInput={(value) => setDraft({ ...draft, to: value })} error={errors.to} />
          <TextField id="filter-q" type="search" label={t('records.search')} value={draft.q} onInput={(value) => setDraft({ ...draft, q: value })} maxLength={100} />
          {codeFields.map((field) => {
            const current = draft.codes[field.name] ?? '';
            return (
              <SelectField
                key={field.name}
                id={`filter-${field.name}`}
                label={labelOf(field, lang)}
                value={current}
                onChange={setCode(field.name)}
                options={[
                  { value: '', label: t('records.any') },
                  ...codeOptions(field.code_list ? codes[field.code_list] : undefined, lang, current ? [current] : []),
                ]}
              />
            );
          })}
          <div class="filters__actions">
            <button type="submit" class="button button--primary">
              {t('records.apply')}
            </button>
            {active > 0 && (
              <button type="button" class="button" onClick={() => navigate(listPath)}>
                {t('records.clear')}
              </button>
            )}
          </div>
        </form>
      </details>

      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && (
        <>
          <p class="list-status muted" role="status">
            {list.isLoading ? t('app.loading') : t('records.count', { n: list.data.total })}
          </p>
          {items.length === 0 ? (
            <div class="card">
              <p class="muted">{active > 0 ? t('records.noneFiltered') : t('records.none')}</p>
            </div>
          ) : (
            <div class={list.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
              <table class="data-table records-table">
                <caption class="visually-hidden">{t('records.tableCaption', { type: title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{dateLabel(type, lang)}</th>
                    <th scope="col">{t('records.unit')}</th>
                    {columns.map((field) => (
                      <th scope="col" key={field.name}>
                        {labelOf(field, lang)}
                      </th>
                    ))}
                    {risks && <th scope="col">{t('records.status.column')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((record) => {
                    const href = recordHref(base, type.path, record.id);
                    const date = formatDate(record.date, lang);
                    return (
                      <tr key={record.id}>
                        <td data-label={dateLabel(type, lang)}>
                          <Link href={href} class="records-table__open" aria-label={t('records.openRecord', { date })}>
                            {date}
                          </Link>
                        </td>
                        <td data-label={t('records.unit')}>{names[record.unit] ?? record.unit}</td>
                        {columns.map((field) => (
                          <td data-label={labelOf(field, lang)} key={field.name}>
                            {field === main && typeof record[field.name] === 'string' && record[field.name] ? (
                              <Link href={href}>{String(record[field.name])}</Link>
                            ) : (
                              <RecordValue type={type} name={field.name} record={record} ctx={ctx} isLinked={false} />
                            )}
                          </td>
                        ))}
                        {risks && (
                          <td data-label={t('records.status.column')}>
                            <RiskBadge level={risks.get(record.id)?.risk_level} lang={lang} />
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            page={page}
            limit={RECORDS_PAGE_SIZE}
            total={list.data.total}
            label={t('paging.label')}
            onPage={(next) => updateQuery({ page: next > 1 ? next : null }, { push: true })}
          />
        </>
      )}
    </section>
  );
}
