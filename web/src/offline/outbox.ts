// The outbox: the writes made on the device while the server could not be reached, in the order
// they were made (FIFO). Each is one API call — method, path, body — with its own idempotency
// key made on the device (crypto.randomUUID), which POST /api/sync uses to apply it once however
// often it is sent. The body and the line shown in the outbox (it may name a client's code) are
// sealed with the device key; the path holds ids only.
//
// States: waiting (to send), sending (in a batch now; a reload finds it and sends it again,
// which the key makes safe), failed (the server refused it: the error says why), conflict (the
// record changed on the server meanwhile: the server's version is kept to show).
//
// A create whose route takes no id from the client (a referral) gets `localId`, an id made on the
// device that later queued calls may use in their paths; sync maps it to the server's id.

import { open, seal, type Sealed } from './crypto';
import type { LocalStore } from './store';

export type OpState = 'waiting' | 'sending' | 'failed' | 'conflict';
export type OpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OpError {
  status: number;
  code: string;
  messageVi: string;
  messageEn: string;
}

/** What the outbox page shows of an operation (sealed: it may name a client's code). */
export interface OpSummary {
  /** The kind of record, in both languages ("Buổi tiếp cận truyền thông"). */
  kindVi: string;
  kindEn: string;
  /** A short line (a date, a code); may be empty. */
  detail: string;
  /** Where the user can see the record once synced (an app address), if any. */
  href?: string;
  /** The fields' names in both languages, for the conflict table. */
  labels?: Record<string, { vi: string; en: string }>;
}

export interface QueuedOp {
  /** Store key: the order in which it was queued. */
  seq: string;
  /** The idempotency key sent to /api/sync. */
  key: string;
  method: OpMethod;
  path: string;
  /** { body, summary } sealed. */
  payload: Sealed;
  createdAt: string;
  state: OpState;
  lastError: OpError | null;
  localId?: string;
  /** The server's current version of the record, sealed (conflicts only). */
  server?: Sealed;
}

export interface OpPayload {
  body: unknown;
  summary: OpSummary;
}

export interface NewOp {
  method: OpMethod;
  path: string;
  body: unknown;
  summary: OpSummary;
  /** For a create that gets its id from the server: the id made here for later calls to use. */
  localId?: string;
}

export interface OutboxCounts {
  waiting: number;
  failed: number;
  conflict: number;
}

function seqOf(n: number): string {
  return `op-${String(n).padStart(12, '0')}`;
}

export class Outbox {
  constructor(
    private readonly store: LocalStore,
    private readonly key: () => CryptoKey | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private cryptoKey(): CryptoKey {
    const k = this.key();
    if (!k) throw new Error('the offline store is locked');
    return k;
  }

  /** Every queued operation, oldest first. */
  async list(): Promise<QueuedOp[]> {
    return (await this.store.entries<QueuedOp>('outbox')).map(([, op]) => op);
  }

  async counts(): Promise<OutboxCounts> {
    const counts: OutboxCounts = { waiting: 0, failed: 0, conflict: 0 };
    for (const op of await this.list()) {
      if (op.state === 'failed') counts.failed++;
      else if (op.state === 'conflict') counts.conflict++;
      else counts.waiting++;
    }
    return counts;
  }

  /** Queues a write at the end; returns it (its key is the idempotency key). */
  async add(input: NewOp): Promise<QueuedOp> {
    const all = await this.list();
    const last = all.length > 0 ? Number(all[all.length - 1]!.seq.slice(3)) : 0;
    const counter = Number((await this.store.get<number>('meta', 'seq')) ?? 0);
    const n = Math.max(last, counter) + 1;
    await this.store.put('meta', 'seq', n);
    const op: QueuedOp = {
      seq: seqOf(n),
      key: crypto.randomUUID(),
      method: input.method,
      path: input.path,
      payload: await seal(this.cryptoKey(), { body: input.body, summary: input.summary } satisfies OpPayload),
      createdAt: this.now().toISOString(),
      state: 'waiting',
      lastError: null,
      ...(input.localId ? { localId: input.localId } : {}),
    };
    await this.store.put('outbox', op.seq, op);
    return op;
  }

  async get(seq: string): Promise<QueuedOp | undefined> {
    return this.store.get<QueuedOp>('outbox', seq);
  }

  async put(op: QueuedOp): Promise<void> {
    await this.store.put('outbox', op.seq, op);
  }

  async remove(seq: string): Promise<void> {
    await this.store.delete('outbox', seq);
  }

  async payload(op: QueuedOp): Promise<OpPayload> {
    return open<OpPayload>(this.cryptoKey(), op.payload);
  }

  /** Seals `value` with the device key (the server's version of a conflict). */
  sealValue(value: unknown): Promise<Sealed> {
    return seal(this.cryptoKey(), value);
  }

  async serverVersion(op: QueuedOp): Promise<Record<string, unknown> | null> {
    return op.server ? open<Record<string, unknown>>(this.cryptoKey(), op.server) : null;
  }

  /**
   * A conflict resolved by keeping the device's values: sent again on top of the server's
   * current version. It needs a new idempotency key, since the content changed (the old key's
   * reply, the conflict, stays with the old content on the server).
   */
  async keepMine(seq: string): Promise<void> {
    const op = await this.get(seq);
    if (!op || op.state !== 'conflict') return;
    const server = await this.serverVersion(op);
    const payload = await this.payload(op);
    const body = { ...(payload.body as Record<string, unknown>) };
    if (server && typeof server.version === 'number') body.version = server.version;
    await this.put({
      ...op,
      key: crypto.randomUUID(),
      payload: await seal(this.cryptoKey(), { ...payload, body }),
      state: 'waiting',
      lastError: null,
      server: undefined,
    });
  }

  /** A refused operation sent again as it is, under a new key (the old key keeps its refusal). */
  async retry(seq: string): Promise<void> {
    const op = await this.get(seq);
    if (!op || op.state !== 'failed') return;
    await this.put({ ...op, key: crypto.randomUUID(), state: 'waiting', lastError: null });
  }
}
