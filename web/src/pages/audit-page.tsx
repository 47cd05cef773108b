// /admin/audit (data-protection officer): the audit log, newest first, filtered by actor, action,
// entity, outcome and dates, all kept in the address; and "Kiểm tra chuỗi", which walks the hash
// chain on the server (GET /api/audit/verify) and says whether it is whole or where it breaks.

import { useEffect, useState } from 'preact/hooks';
import { listAudit, verifyAudit, type AuditEntry, type AuditVerification } from '../api/audit';
import { ApiError, networkError } from '../api/client';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { Pager } from '../components/pager';
import { formatDateTime, localDayEnd, localDayStart, pageFromSearch } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatNumber, t, type Lang, type MessageKey } from '../i18n';
import { roleLabel, useRoles } from '../lookups';
import { navigate, updateQuery } from '../router';

export const AUDIT_PAGE_SIZE = 50;

export const AUDIT_FILTERS = ['actor', 'action', 'entity', 'outcome', 'from', 'to'] as const;
export type AuditFilterName = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Record<AuditFilterName, string>;

/** The filters written in the address; dates must be YYYY-MM-DD, anything else is dropped. */
export function auditFiltersFrom(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const filters = {} as AuditFilters;
  for (const name of AUDIT_FILTERS) filters[name] = (params.get(name) ?? '').trim();
  for (const name of ['from', 'to'] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(filters[name])) filters[name] = '';
  return filters;
}

/** The address for `filters` (page 1): "/admin/audit?action=login&from=2026-11-01". */
export function auditHref(filters: Partial<AuditFilters>): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return `/admin/audit${text ? `?${text}` : ''}`;
}

const ACTIONS: Record<string, MessageKey> = {
  login: 'audit.action.login',
  logout: 'audit.action.logout',
  deny: 'audit.action.deny',
  read: 'audit.action.read',
  create: 'audit.action.create',
  update: 'audit.action.update',
  close: 'audit.action.close',
  disable: 'audit.action.disable',
  password_change: 'audit.action.passwordChange',
  password_reset: 'audit.action.passwordReset',
  totp_enrol_start: 'audit.action.totpEnrolStart',
  totp_enrol: 'audit.action.totpEnrol',
  recovery_code_used: 'audit.action.recoveryCodeUsed',
};

const ENTITIES: Record<string, MessageKey> = {
  account: 'audit.entity.account',
  unit: 'audit.entity.unit',
  audit: 'audit.entity.audit',
  csrf: 'audit.entity.csrf',
};

const OUTCOMES: Record<string, MessageKey> = {
  ok: 'audit.outcome.ok',
  failed: 'audit.outcome.failed',
  failed_totp: 'audit.outcome.failedTotp',
  denied: 'audit.outcome.denied',
  throttled: 'audit.outcome.throttled',
  disabled: 'audit.outcome.disabled',
};

function label(table: Record<string, MessageKey>, id: string): string {
  const key = table[id];
  return key ? t(key) : id;
}

function options(table: Record<string, MessageKey>, current: string, anyLabel: string) {
  const ids = Object.keys(table);
  if (current && !ids.includes(current)) ids.push(current);
  return [{ value: '', label: anyLabel }, ...ids.map((id) => ({ value: id, label: label(table, id) }))];
}

const OUTCOME_CLASS: Record<string, string> = {
  ok: 'badge badge--ok',
  denied: 'badge badge--danger',
  throttled: 'badge badge--danger',
};

function actorText(entry: AuditEntry, session: Session): string {
  if (entry.actor === session.user.id) return t('audit.you', { username: session.user.username });
  if (entry.actor_username) return entry.actor_username;
  if (entry.actor === 'anonymous') return t('audit.anonymous');
  if (entry.actor === 'cli') return t('audit.cli');
  return entry.actor.length > 13 ? `${entry.actor.slice(0, 8)}…` : entry.actor;
}

function VerifyPanel({ lang }: { lang: Lang }) {
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAudit());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : networkError());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card verify" aria-labelledby="verify-title">
      <div class="verify__head">
        <div>
          <h2 id="verify-title" class="card__title">
            {t('audit.verifyTitle')}
          </h2>
          <p class="muted">{t('audit.verifyText')}</p>
        </div>
        <button type="button" class="button button--primary" disabled={isBusy} onClick={verify}>
          {isBusy ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {error && <FormMessage kind="error">{error.localized(lang)}</FormMessage>}
      {result?.ok && (
        <FormMessage kind="success">
          <p class="notice__title">{t('audit.chainOk')}</p>
          <p>{t('audit.chainOkText', { n: result.entries })}</p>
          <p class="mono hash" title={result.head_hash}>
            {t('audit.head', { hash: result.head_hash.slice(0, 16) })}
          </p>
        </FormMessage>
      )}
      {result && !result.ok && (
        <FormMessage kind="error">
          <p class="notice__title">{t('audit.chainBroken', { seq: formatNumber(result.first_bad_seq) })}</p>
          <p>{result.problem}</p>
          <p>{t('audit.chainBrokenText', { n: result.entries })}</p>
        </FormMessage>
      )}
    </section>
  );
}

export function AuditPage({ search, session, lang }: { search: string; session: Session; lang: Lang }) {
  usePageTitle(t('audit.title'));
  const filters = auditFiltersFrom(search);
  const page = pageFromSearch(search);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const roles = useRoles();
  const filterKey = JSON.stringify(filters);

  // Back, Forward and links bring their own filters.
  useEffect(() => setDraft(filters), [filterKey]);

  const list = useApi(
    (signal) =>
      listAudit(
        {
          actor: filters.actor,
          action: filters.action,
          entity: filters.entity,
          outcome: filters.outcome,
          from: filters.from ? localDayStart(filters.from) ?? undefined : undefined,
          to: filters.to ? localDayEnd(filters.to) ?? undefined : undefined,
          limit: AUDIT_PAGE_SIZE,
          offset: (page - 1) * AUDIT_PAGE_SIZE,
        },
        signal,
      ),
    [filterKey, page],
  );

  const set = (name: AuditFilterName) => (value: string) => setDraft({ ...draft, [name]: value });
  const hasFilters = AUDIT_FILTERS.some((name) => filters[name] !== '');
  const dateError = draft.from && draft.to && draft.from > draft.to ? t('audit.error.dates') : undefined;

  return (
    <section class="page page--wide">
      <h1 class="page__title" tabIndex={-1}>
        {t('audit.title')}
      </h1>
      <VerifyPanel lang={lang} />

      <form
        class="filters filters--audit"
        role="search"
        aria-label={t('audit.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          if (!dateError) navigate(auditHref(draft));
        }}
      >
        <TextField id="audit-actor" label={t('audit.actor')} hint={t('audit.actorHint')} value={draft.actor} onInput={set('actor')} isVerbatim maxLength={64} />
        <SelectField id="audit-action" label={t('audit.action')} value={draft.action} onChange={set('action')} options={options(ACTIONS, draft.action, t('audit.any'))} />
        <SelectField id="audit-entity" label={t('audit.entity')} value={draft.entity} onChange={set('entity')} options={options(ENTITIES, draft.entity, t('audit.any'))} />
        <SelectField id="audit-outcome" label={t('audit.outcome')} value={draft.outcome} onChange={set('outcome')} options={options(OUTCOMES, draft.outcome, t('audit.any'))} />
        <TextField id="audit-from" type="date" label={t('audit.from')} value={draft.from} onInput={set('from')} />
        <TextField id="audit-to" type="date" label={t('audit.to')} value={draft.to} onInput={set('to')} error={dateError} />
        <div class="filters__actions">
          <button type="submit" class="button button--primary">
            {t('audit.apply')}
          </button>
          {hasFilters && (
            <button type="button" class="button" onClick={() => navigate('/admin/audit')}>
              {t('audit.clear')}
            </button>
          )}
        </div>
      </form>

      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && (
        <>
          <p class="list-status muted" role="status">
            {list.isLoading ? t('app.loading') : t('audit.count', { n: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <div class="card">
              <p class="muted">{t('audit.none')}</p>
            </div>
          ) : (
            <div class={list.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
              <table class="data-table audit-table">
                <caption class="visually-hidden">{t('audit.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entity')}</th>
                    <th scope="col">{t('audit.outcome')}</th>
                    <th scope="col">{t('audit.seq')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((entry) => (
                    <tr key={entry.seq}>
                      <td data-label={t('audit.at')}>{formatDateTime(entry.at, lang)}</td>
                      <td data-label={t('audit.actor')}>
                        <button
                          type="button"
                          class="link-button"
                          title={entry.actor}
                          aria-label={t('audit.filterActor', { actor: actorText(entry, session) })}
                          onClick={() => navigate(auditHref({ ...filters, actor: entry.actor }))}
                        >
                          {actorText(entry, session)}
                        </button>
                        {entry.role && <span class="cell-sub">{roleLabel(roles, entry.role, lang)}</span>}
                      </td>
                      <td data-label={t('audit.action')}>{label(ACTIONS, entry.action)}</td>
                      <td data-label={t('audit.entity')}>
                        {label(ENTITIES, entry.entity)}
                        {entry.entity_id && (
                          <span class="cell-sub mono" title={entry.entity_id}>
                            {entry.entity_id.length > 24 ? `${entry.entity_id.slice(0, 8)}…` : entry.entity_id}
                          </span>
                        )}
                      </td>
                      <td data-label={t('audit.outcome')}>
                        <span class={OUTCOME_CLASS[entry.outcome] ?? 'badge badge--warn'}>{label(OUTCOMES, entry.outcome)}</span>
                      </td>
                      <td data-label={t('audit.seq')} class="mono">
                        {entry.seq}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            page={page}
            limit={AUDIT_PAGE_SIZE}
            total={list.data.total}
            label={t('paging.label')}
            onPage={(next) => updateQuery({ page: next > 1 ? next : null }, { push: true })}
          />
        </>
      )}
    </section>
  );
}
