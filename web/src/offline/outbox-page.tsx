// /outbox: what waits to sync, what failed and why, the conflicts to resolve, and the last sync
// time, with "Đồng bộ ngay". A conflict shows the device's values beside the server's current
// ones: "Giữ bản trên máy" sends the device's again on top of the server's version, "Lấy bản trên
// máy chủ" drops the device's change. A failure can be sent again (a new key) or dropped.

import { useEffect, useState } from 'preact/hooks';
import { FormMessage } from '../components/form-fields';
import { formatDateTime } from '../format';
import { usePageTitle } from '../hooks';
import { t, type Lang, type MessageKey } from '../i18n';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { WIPE_AFTER_DAYS } from './config';
import { OUTBOX_PATH } from './paths';
import type { OpPayload, OpState, QueuedOp } from './outbox';
import { UnlockForm } from './unlock-page';
import { changeOutbox, getOutbox, syncNow, useOffline } from './vault';

interface Row {
  op: QueuedOp;
  payload: OpPayload | null;
  server: Record<string, unknown> | null;
}

const STATE_TONE: Record<OpState, string> = { waiting: 'warn', sending: 'warn', failed: 'danger', conflict: 'danger' };

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ConflictTable({ row, lang }: { row: Row; lang: Lang }) {
  const labels = row.payload?.summary.labels ?? {};
  const mine = (row.payload?.body ?? {}) as Record<string, unknown>;
  const names = Object.keys(mine).filter((name) => name !== 'version' && name !== 'id');
  return (
    <table class="offline-conflict">
      <thead>
        <tr>
          <th scope="col">{t('offline.conflictField')}</th>
          <th scope="col">{t('offline.conflictMine')}</th>
          <th scope="col">{t('offline.conflictServer')}</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr key={name} class={show(mine[name]) !== show(row.server?.[name]) ? 'offline-conflict__diff' : ''}>
            <th scope="row">{labels[name]?.[lang] ?? name}</th>
            <td>{show(mine[name])}</td>
            <td>{show(row.server?.[name])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OutboxPage({ lang }: { lang: Lang }) {
  usePageTitle(t('offline.outboxTitle'));
  const offline = useOffline();
  const [rows, setRows] = useState<Row[]>([]);
  const [flash] = useState(() => takeFlash(OUTBOX_PATH));

  useEffect(() => {
    let alive = true;
    if (offline.status !== 'unlocked') {
      setRows([]);
      return undefined;
    }
    void (async () => {
      const box = getOutbox();
      const list = await box.list();
      const next: Row[] = [];
      for (const op of list) {
        next.push({ op, payload: await box.payload(op).catch(() => null), server: await box.serverVersion(op).catch(() => null) });
      }
      if (alive) setRows(next);
    })();
    return () => {
      alive = false;
    };
  }, [offline.status, offline.counts, offline.lastSyncAt, offline.isSyncing]);

  const { waiting, failed, conflict } = offline.counts;
  const problem = offline.problem;
  return (
    <section class="page offline-outbox">
      <h1 class="page__title" tabIndex={-1}>
        {t('offline.outboxTitle')}
      </h1>
      {flash && (
        <FormMessage kind="success">
          {t(flash)} {t('offline.savedOnDeviceHint')}
        </FormMessage>
      )}
      <p class="page__intro muted">{t('offline.outboxIntro')}</p>
      {offline.wipedForAge && <FormMessage kind="info">{t('offline.wipedForAge', { days: WIPE_AFTER_DAYS })}</FormMessage>}
      {offline.status === 'none' && <FormMessage kind="info">{t('offline.noStore')}</FormMessage>}
      {offline.status === 'locked' && (
        <section class="offline-locked" aria-labelledby="offline-unlock-title">
          <h2 id="offline-unlock-title" class="support-section-title">
            {t('offline.unlockTitle')}
          </h2>
          <UnlockForm lang={lang} />
        </section>
      )}
      <div class="card offline-status" role="status">
        <p>
          <span class={`badge badge--${offline.isOnline ? 'ok' : 'warn'}`}>{offline.isOnline ? t('offline.online') : t('offline.offline')}</span>{' '}
          <span class="offline-status__counts">{t('offline.counts', { waiting, failed, conflict })}</span>
        </p>
        <p class="offline-status__last">{offline.lastSyncAt ? t('offline.lastSync', { time: formatDateTime(offline.lastSyncAt, lang) }) : t('offline.neverSynced')}</p>
        <button type="button" class="button button--primary button--block" disabled={offline.isSyncing || offline.status !== 'unlocked'} onClick={() => void syncNow()}>
          {offline.isSyncing ? t('offline.syncing') : t('offline.syncNow')}
        </button>
      </div>
      {problem && (
        <FormMessage kind={problem.kind === 'network' ? 'info' : 'error'}>
          {problem.kind === 'refused'
            ? t('offline.problem.refused', { message: (lang === 'vi' ? problem.error.messageVi : problem.error.messageEn) || problem.error.code })
            : t(`offline.problem.${problem.kind}` as MessageKey)}
        </FormMessage>
      )}
      {offline.status === 'unlocked' && rows.length === 0 && <p class="muted">{t('offline.empty')}</p>}
      <ul class="offline-items">
        {rows.map((row) => {
          const { op, payload } = row;
          const summary = payload?.summary;
          const message = op.lastError ? (lang === 'vi' ? op.lastError.messageVi : op.lastError.messageEn) || op.lastError.messageVi || op.lastError.code : '';
          return (
            <li key={op.seq} class={`card offline-item offline-item--${op.state}`}>
              <div class="offline-item__head">
                <strong>
                  {t(`offline.method.${op.method}` as MessageKey)}: {summary ? (lang === 'vi' ? summary.kindVi : summary.kindEn) : op.path}
                </strong>
                <span class={`badge badge--${STATE_TONE[op.state]}`}>{t(`offline.state.${op.state}` as MessageKey)}</span>
              </div>
              {summary?.detail && <p class="offline-item__detail">{summary.detail}</p>}
              <p class="muted">{t('offline.madeAt', { time: formatDateTime(op.createdAt, lang) })}</p>
              {message && op.state !== 'conflict' && <p class="offline-item__error">{message}</p>}
              {op.state === 'conflict' && (
                <div class="offline-item__conflict">
                  <p>{t('offline.conflictIntro')}</p>
                  <ConflictTable row={row} lang={lang} />
                  <div class="offline-item__actions">
                    <button type="button" class="button button--primary" onClick={() => void changeOutbox((box) => box.keepMine(op.seq)).then(() => syncNow())}>
                      {t('offline.keepMine')}
                    </button>
                    <button type="button" class="button" onClick={() => void changeOutbox((box) => box.remove(op.seq))}>
                      {t('offline.takeServer')}
                    </button>
                  </div>
                </div>
              )}
              {op.state === 'failed' && (
                <div class="offline-item__actions">
                  <button type="button" class="button" onClick={() => void changeOutbox((box) => box.retry(op.seq)).then(() => syncNow())}>
                    {t('offline.retry')}
                  </button>
                  <button
                    type="button"
                    class="button button--danger"
                    onClick={() => {
                      if (window.confirm(t('offline.discardConfirm', undefined, lang))) void changeOutbox((box) => box.remove(op.seq));
                    }}
                  >
                    {t('offline.discard')}
                  </button>
                </div>
              )}
              {summary?.href && op.state !== 'waiting' && op.state !== 'sending' && (
                <p>
                  <Link href={summary.href}>{summary.detail || summary.href}</Link>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
