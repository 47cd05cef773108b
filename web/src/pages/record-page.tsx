// /communication/<type>/<id>: one record: its values, who made and last changed it, its history
// (every version with what it changed, who and when), and the way to change or delete it. A
// delete asks first and sends the version read; if someone changed the record meanwhile
// (409 stale_version) nothing is deleted and the page shows the new version. Changing, deleting
// and (for establishments) merging into another record are offered only to the roles that may
// write records of the type (auth/guards canWriteRecords; the server decides). An establishment's
// page shows its inspection status and risk to the roles that may read inspections
// (components/establishment-status-panel.tsx; nothing for the others). A peer group's page shows
// its members (components/peer-group-members-panel.tsx), a group activity's page its attendance
// (components/peer-group-attendance-panel.tsx).

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { DUPLICATES_PATH, deleteRecord, getRecord, recordHistory, type FieldValue, type HistoryEntry, type RecordType } from '../api/records';
import { canWriteRecords } from '../auth/guards';
import { ErrorNotice } from '../components/error-notice';
import { EstablishmentStatusPanel } from '../components/establishment-status-panel';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { MergePanel } from '../components/merge-panel';
import { PeerGroupAttendancePanel } from '../components/peer-group-attendance-panel';
import { PeerGroupMembersPanel } from '../components/peer-group-members-panel';
import { RecordValue, displayText, namesNeeded, type ValueContext } from '../components/record-value';
import { setFlash, takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, formatNumber, t, type Lang, type MessageKey } from '../i18n';
import { useAssignedAccounts, useCodeLists, useReferencedRecords, useUnitNames } from '../lookups';
import { STATUS_PATH } from '../records/establishment-status';
import { editHref, listHref, newRecordHref, recordHref, typeHref } from '../records/paths';
import { dateLabel, fieldLabel, historySteps, labelOf, type FieldChange } from '../records/values';
import { navigate } from '../router';
import { ACTIVITY_TYPE_PATH, GROUP_TYPE_PATH } from '../support/groups';

export interface RecordPageProps {
  base: string;
  type: RecordType;
  id: string;
  types: readonly RecordType[];
  session: Session;
  lang: Lang;
}

/** Who acted: "bạn (username)" for the user, otherwise the account id as the server gives it. */
function actorText(id: string, session: Session): string {
  if (!id) return '—';
  if (id === session.user.id) return `${t('records.you')} (${session.user.username})`;
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

function Actor({ id, session }: { id: string; session: Session }) {
  const text = actorText(id, session);
  return (
    <span class="mono-id" title={id}>
      {text}
    </span>
  );
}

const OPS: Record<string, MessageKey> = {
  create: 'records.op.create',
  update: 'records.op.update',
  delete: 'records.op.delete',
  merge: 'records.op.merge',
};

function ChangeList({ type, changes, ctx }: { type: RecordType; changes: FieldChange[]; ctx: ValueContext }) {
  if (changes.length === 0) return <span class="muted">{t('records.historyNoChange')}</span>;
  const show = (name: string, value: FieldValue | undefined) => displayText(type, name, value, ctx) || t('records.emptyValue');
  return (
    <ul class="changes">
      {changes.map((change) => (
        <li key={change.name}>
          <span class="changes__field">{fieldLabel(type, change.name, ctx.lang)}:</span> <span class="changes__before">{show(change.name, change.before)}</span>
          {' → '}
          <span class="changes__after">{show(change.name, change.after)}</span>
        </li>
      ))}
    </ul>
  );
}

function History({ type, entries, session, ctx }: { type: RecordType; entries: HistoryEntry[]; session: Session; ctx: ValueContext }) {
  const { lang } = ctx;
  const steps = historySteps(type, entries).reverse();
  if (steps.length === 0) return <p class="muted">{t('records.historyNone')}</p>;
  return (
    <div class="table-wrap">
      <table class="data-table history-table">
        <caption class="visually-hidden">{t('records.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('records.version')}</th>
            <th scope="col">{t('records.historyWhen')}</th>
            <th scope="col">{t('records.historyWho')}</th>
            <th scope="col">{t('records.historyWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map(({ entry, changes }) => {
            const op = OPS[entry.op] ? t(OPS[entry.op] as MessageKey) : entry.op;
            return (
              <tr key={`${entry.version}:${entry.op}`}>
                <td data-label={t('records.version')}>
                  <span>
                    {formatNumber(entry.version, lang)} · {op}
                  </span>
                </td>
                <td data-label={t('records.historyWhen')}>{formatDateTime(entry.changed_at, lang)}</td>
                <td data-label={t('records.historyWho')}>
                  <Actor id={entry.changed_by} session={session} />
                </td>
                <td data-label={t('records.historyWhat')}>
                  {entry.op === 'create' ? (
                    <span>{t('records.historyCreated')}</span>
                  ) : entry.op === 'delete' ? (
                    <span>{t('records.historyDeleted')}</span>
                  ) : (
                    <ChangeList type={type} changes={changes} ctx={ctx} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function RecordPage({ base, type, id, types, session, lang }: RecordPageProps) {
  const path = recordHref(base, type.path, id);
  const [flash] = useState(() => takeFlash(path));
  const loaded = useApi((signal) => getRecord(type, id, signal), [type.path, id]);
  const history = useApi((signal) => recordHistory(type, id, signal), [type.path, id, loaded.data?.version ?? 0]);
  const codes = useCodeLists(type);
  const record = loaded.data;
  const needed = namesNeeded(type, types, [record, ...(history.data ?? [])]);
  const names = useUnitNames(needed.units);
  const referenced = useReferencedRecords(needed.refs);
  const accounts = useAssignedAccounts(type.path, needed.accountUnits);
  const ctx: ValueContext = { base, types, codes, names, referenced, accounts, lang };
  const [isConfirming, setConfirming] = useState(false);
  const [isDeleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [isStale, setStale] = useState(false);
  const [isMerging, setMerging] = useState(false);
  const mayWrite = canWriteRecords(session.user.role, type.resource);
  const mayMerge = mayWrite && type.path === DUPLICATES_PATH;

  const typeLabel = labelOf(type, lang);
  const title = record ? t('records.recordTitle', { type: typeLabel, date: formatDate(record.date, lang) }) : typeLabel;
  usePageTitle(title);

  async function onDelete() {
    if (!record || isDeleting) return;
    setConfirming(false);
    setDeleting(true);
    setDeleteError(null);
    setStale(false);
    try {
      await deleteRecord(type, record.id, record.version);
      setFlash(typeHref(base, type.path), 'records.deleted');
      navigate(listHref(base, type.path));
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      if (failure.status === 409 && failure.code === 'stale_version') {
        setStale(true);
        loaded.reload();
      } else {
        setDeleteError(failure);
      }
      setDeleting(false);
    }
  }

  return (
    <section class="page">
      <p class="back-link">
        <Link href={listHref(base, type.path)}>{t('records.backToList')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {flash && (
        <FormMessage kind="success">
          <p>{t(flash)}</p>
          {flash === 'records.created' && (
            <p>
              <Link href={newRecordHref(base, type.path)}>{t('records.addAnother')}</Link>
            </p>
          )}
        </FormMessage>
      )}
      {loaded.error && <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />}
      {!loaded.error && !record && <p class="loading">{t('app.loading')}</p>}
      {record && (
        <>
          {isStale && <FormMessage kind="error">{t('records.deleteStale')}</FormMessage>}
          {deleteError && <FormMessage kind="error">{deleteError.localized(lang)}</FormMessage>}
          <div class="card record-card">
            <dl class="facts">
              <div class="facts__row">
                <dt>{t('records.unit')}</dt>
                <dd>
                  {names[record.unit] ?? record.unit} <span class="muted">({record.unit})</span>
                </dd>
              </div>
              <div class="facts__row">
                <dt>{dateLabel(type, lang)}</dt>
                <dd>{formatDate(record.date, lang)}</dd>
              </div>
              {type.fields.map((field) => (
                <div class="facts__row" key={field.name}>
                  <dt>{labelOf(field, lang)}</dt>
                  <dd>
                    {record.hidden_fields?.includes(field.name) ? (
                      <span class="muted">{t('records.hiddenField')}</span>
                    ) : (
                      <RecordValue type={type} name={field.name} record={record} ctx={ctx} />
                    )}
                  </dd>
                </div>
              ))}
              <div class="facts__row facts__row--meta">
                <dt>{t('records.createdRow')}</dt>
                <dd>
                  {formatDateTime(record.created_at, lang)}, <Actor id={record.created_by} session={session} />
                </dd>
              </div>
              <div class="facts__row facts__row--meta">
                <dt>{t('records.updatedRow')}</dt>
                <dd>
                  {formatDateTime(record.updated_at, lang)}, <Actor id={record.updated_by} session={session} /> · {t('records.versionN', { n: record.version })}
                </dd>
              </div>
            </dl>
            {mayWrite && (
              <div class="actions">
                <Link href={editHref(base, type.path, record.id)} class="button button--primary">
                  {t('records.edit')}
                </Link>
                {mayMerge && !isMerging && (
                  <button type="button" class="button" onClick={() => setMerging(true)}>
                    {t('records.merge.open')}
                  </button>
                )}
                {!isConfirming && (
                  <button type="button" class="button button--danger-outline" disabled={isDeleting} onClick={() => setConfirming(true)}>
                    {isDeleting ? t('records.deleting') : t('records.delete')}
                  </button>
                )}
              </div>
            )}
            {mayMerge && isMerging && (
              <MergePanel
                base={base}
                type={type}
                record={record}
                unitName={names[record.unit] ?? record.unit}
                onClose={() => setMerging(false)}
                onStale={loaded.reload}
                lang={lang}
              />
            )}
            {isConfirming && (
              <div class="confirm" role="group" aria-labelledby="delete-confirm">
                <p id="delete-confirm" class="confirm__text">
                  {t('records.deleteConfirm')}
                </p>
                <div class="actions">
                  <button type="button" class="button button--danger" onClick={onDelete}>
                    {t('records.deleteYes')}
                  </button>
                  <button type="button" class="button" onClick={() => setConfirming(false)}>
                    {t('form.cancel')}
                  </button>
                </div>
              </div>
            )}
          </div>

          {type.path === STATUS_PATH && <EstablishmentStatusPanel id={record.id} version={record.version} lang={lang} />}
          {type.path === GROUP_TYPE_PATH && <PeerGroupMembersPanel group={record} lang={lang} />}
          {type.path === ACTIVITY_TYPE_PATH && <PeerGroupAttendancePanel activity={record} lang={lang} />}

          <section class="card card--section" aria-labelledby="history-title">
            <h2 id="history-title" class="card__title">
              {t('records.history')}
            </h2>
            {history.error && <ErrorNotice error={history.error} lang={lang} onRetry={history.reload} />}
            {!history.error && !history.data && <p class="loading">{t('app.loading')}</p>}
            {history.data && <History type={type} entries={history.data} session={session} ctx={ctx} />}
          </section>
        </>
      )}
    </section>
  );
}
