// Sending the outbox: POST /api/sync {"operations":[{key, method, path, body}]}, in batches, in
// queue order. The server applies each operation once per key, so a batch sent twice, or a reply
// lost on the way, creates nothing twice. Per result:
//   2xx                      done: removed (a create's server id is remembered for its localId)
//   409 stale_version        conflict: the server's current version kept for the user to resolve
//   409 in_progress, 5xx     left waiting (sent again next time)
//   other 4xx                failed, with the server's message
// A network failure leaves everything waiting; a 401 (the session ended) too, and says so, so
// that the app asks for sign-in again without touching the queue.
//
// Ids made on the device: a queued call whose path (or body) names the localId of an earlier
// create is sent only once that create is done, with the server's id put in its place; a batch
// ends before such a call.

import type { LocalStore } from './store';
import type { OpError, Outbox, QueuedOp } from './outbox';
import { SYNC_BATCH } from './config';

export interface SyncOperation {
  key: string;
  method: string;
  path: string;
  body?: unknown;
}

export interface SyncResult {
  key: string;
  status: number;
  body: unknown;
  replayed?: boolean;
}

/** Posts one batch; resolves with the HTTP status and the parsed body; rejects on a network failure. */
export type PostBatch = (operations: SyncOperation[]) => Promise<{ status: number; body: unknown }>;

export type SyncOutcome =
  | { kind: 'done'; sent: number; synced: number; failed: number; conflicts: number }
  | { kind: 'nothing' }
  | { kind: 'network' }
  | { kind: 'signedOut' }
  | { kind: 'refused'; error: OpError };

function errorOf(status: number, body: unknown): OpError {
  const e = (body as { error?: Record<string, unknown> } | null)?.error;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const field = Array.isArray(e?.fields) ? (e!.fields as Array<Record<string, unknown>>)[0] : undefined;
  return {
    status,
    code: text(e?.code) || `http_${status}`,
    // A field's own message says more than the envelope's "invalid input".
    messageVi: text(field?.message_vi) || text(e?.message_vi),
    messageEn: text(field?.message_en) || text(e?.message_en),
  };
}

function replaceIds(text: string, ids: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [local, server] of ids) if (out.includes(local)) out = out.split(local).join(server);
  return out;
}

/** The localIds of queued creates not done yet that `text` names. */
function pendingIdsIn(text: string, pending: ReadonlyMap<string, QueuedOp>): QueuedOp[] {
  const found: QueuedOp[] = [];
  for (const [local, op] of pending) if (text.includes(local)) found.push(op);
  return found;
}

export interface SyncDeps {
  store: LocalStore;
  outbox: Outbox;
  post: PostBatch;
  now?: () => Date;
}

/** Sends every waiting operation; returns what happened. */
export async function syncOutbox({ store, outbox, post, now = () => new Date() }: SyncDeps): Promise<SyncOutcome> {
  let sent = 0;
  let synced = 0;
  let failed = 0;
  let conflicts = 0;
  const idmap = new Map((await store.entries<string>('idmap')).map(([k, v]) => [k, v] as [string, string]));
  const skipped = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const all = await outbox.list();
    const pending = new Map(all.filter((op) => op.localId && !idmap.has(op.localId)).map((op) => [op.localId!, op] as [string, QueuedOp]));
    const batch: Array<{ op: QueuedOp; wire: SyncOperation }> = [];
    const inBatch = new Set<string>();
    for (const op of all) {
      if (batch.length >= SYNC_BATCH) break;
      if ((op.state !== 'waiting' && op.state !== 'sending') || skipped.has(op.seq)) continue;
      const { body } = await outbox.payload(op);
      const path = replaceIds(op.path, idmap);
      const bodyText = body === undefined ? undefined : replaceIds(JSON.stringify(body), idmap);
      const waitsFor = pendingIdsIn(path + (bodyText ?? ''), pending).filter((p) => p.seq !== op.seq);
      if (waitsFor.some((p) => inBatch.has(p.seq))) break; // after this batch, with the server's id
      if (waitsFor.length > 0) {
        skipped.add(op.seq); // its create failed or waits in conflict: it cannot go yet
        continue;
      }
      batch.push({ op, wire: { key: op.key, method: op.method, path, ...(bodyText === undefined ? {} : { body: JSON.parse(bodyText) }) } });
      inBatch.add(op.seq);
    }
    if (batch.length === 0) return sent === 0 ? { kind: 'nothing' } : { kind: 'done', sent, synced, failed, conflicts };
    for (const { op } of batch) if (op.state !== 'sending') await outbox.put({ ...op, state: 'sending' });
    const back = async () => {
      for (const { op } of batch) await outbox.put({ ...op, state: 'waiting' });
    };
    let reply: { status: number; body: unknown };
    try {
      reply = await post(batch.map((b) => b.wire));
    } catch {
      await back();
      return { kind: 'network' };
    }
    if (reply.status === 401) {
      await back();
      return { kind: 'signedOut' };
    }
    if (reply.status !== 200) {
      await back();
      return { kind: 'refused', error: errorOf(reply.status, reply.body) };
    }
    await store.put('meta', 'lastSyncAt', now().toISOString());
    sent += batch.length;
    const results = ((reply.body as { results?: SyncResult[] } | null)?.results ?? []) as SyncResult[];
    const byKey = new Map(results.map((r) => [r.key, r]));
    let progressed = false;
    for (const { op } of batch) {
      const result = byKey.get(op.key);
      if (!result) {
        await outbox.put({ ...op, state: 'waiting' });
        continue;
      }
      const error = errorOf(result.status, result.body);
      if (result.status >= 200 && result.status < 300) {
        const id = (result.body as { id?: unknown } | null)?.id;
        if (op.localId && typeof id === 'string') {
          idmap.set(op.localId, id);
          await store.put('idmap', op.localId, id);
        }
        await outbox.remove(op.seq);
        synced++;
        progressed = true;
      } else if (result.status === 409 && error.code === 'stale_version') {
        const current = (result.body as { current?: unknown } | null)?.current;
        await outbox.put({ ...op, state: 'conflict', lastError: error, ...(current ? { server: await outbox.sealValue(current) } : {}) });
        conflicts++;
        progressed = true;
      } else if (result.status === 401 || result.status === 409 || result.status >= 500) {
        await outbox.put({ ...op, state: 'waiting', lastError: error });
        skipped.add(op.seq);
      } else {
        await outbox.put({ ...op, state: 'failed', lastError: error });
        failed++;
        progressed = true;
      }
    }
    if (!progressed) return { kind: 'done', sent, synced, failed, conflicts };
  }
  return { kind: 'done', sent, synced, failed, conflicts };
}
