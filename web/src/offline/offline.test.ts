// Unit tests of the offline store's logic: crypto.ts (sealing, the verifier), store.ts (the
// memory store), outbox.ts (FIFO, sealed payloads, conflict resolution), sync.ts (batches
// against a fake /api/sync that applies each key once, like src/api/sync_api.cc), config.ts,
// gate.ts (what the app frame shows) and get-cache.ts (offline reading). The browser parts
// (vault.ts, save.ts, warm.ts, register.ts, sw.js, sw-plugin.mjs, the pages) are tested by
// web/e2e/offline.test.mjs.

import { describe, expect, test } from 'vitest';
import { checkVerifier, deriveKey, makeVerifier, newSalt, open, seal } from './crypto';
import { Outbox } from './outbox';
import { memoryStore } from './store';
import { syncOutbox, type SyncOperation } from './sync';
import { WIPE_AFTER_DAYS, isCacheable, isStale } from './config';

const FAST = 1000; // PBKDF2 rounds in tests only

async function setup() {
  const store = memoryStore();
  const key = await deriveKey('mat khau 2026', newSalt(), FAST);
  const outbox = new Outbox(store, () => key);
  return { store, key, outbox };
}

/** A fake server: records by id with versions; replies kept per key, like the real one. */
function fakeServer() {
  const replies = new Map<string, { digest: string; status: number; body: unknown }>();
  const records = new Map<string, { id: string; version: number; [k: string]: unknown }>();
  let applied = 0;
  let nextId = 1;
  function apply(op: SyncOperation): { status: number; body: unknown } {
    applied++;
    const body = (op.body ?? {}) as Record<string, unknown>;
    if (op.method === 'POST' && op.path === '/api/outreach') {
      const id = String(body.id);
      if (records.has(id)) return { status: 200, body: records.get(id) };
      records.set(id, { ...body, id, version: 1 });
      return { status: 201, body: records.get(id) };
    }
    if (op.method === 'POST' && /^\/api\/clients\/[^/]+\/referrals$/.test(op.path)) {
      if (!body.provider_id) return { status: 422, body: { error: { code: 'invalid_input', message_vi: 'Dữ liệu không hợp lệ', fields: [{ field: 'provider_id', message_vi: 'Thiếu nơi cung cấp', message_en: 'provider_id is required' }] } } };
      const id = `server-${nextId++}`;
      records.set(id, { ...body, id, version: 1 });
      return { status: 201, body: records.get(id) };
    }
    const m = /^\/api\/(?:outreach|clients\/[^/]+\/referrals)\/([^/]+)$/.exec(op.path);
    if (op.method === 'PATCH' && m) {
      const now = records.get(m[1]!);
      if (!now) return { status: 404, body: { error: { code: 'not_found' } } };
      if (body.version !== now.version) return { status: 409, body: { error: { code: 'stale_version', message_vi: 'Đã có người khác sửa' }, current: now } };
      const next = { ...now, ...body, version: now.version + 1 };
      records.set(now.id, next);
      return { status: 200, body: next };
    }
    return { status: 404, body: { error: { code: 'not_found' } } };
  }
  return {
    records,
    applied: () => applied,
    signedIn: true,
    loseReplies: false,
    offline: false,
    async post(operations: SyncOperation[]) {
      if (this.offline) throw new TypeError('Failed to fetch');
      if (!this.signedIn) return { status: 401, body: { error: { code: 'unauthenticated' } } };
      const results = operations.map((op) => {
        const digest = JSON.stringify([op.method, op.path, op.body]);
        const kept = replies.get(op.key);
        if (kept && kept.digest !== digest) return { key: op.key, status: 422, body: { error: { code: 'idempotency_key_reused' } }, replayed: false };
        if (kept) return { key: op.key, status: kept.status, body: kept.body, replayed: true };
        const reply = apply(op);
        if (reply.status < 500) replies.set(op.key, { digest, ...reply });
        return { key: op.key, ...reply, replayed: false };
      });
      if (this.loseReplies) throw new TypeError('connection reset');
      return { status: 200, body: { results } };
    },
  };
}

const SUMMARY = { kindVi: 'Buổi tiếp cận', kindEn: 'Outreach', detail: 'F92LHA' };

describe('crypto', () => {
  test('seals and opens; another key cannot open; the text is not readable', async () => {
    const salt = newSalt();
    const key = await deriveKey('mat khau', salt, FAST);
    const sealed = await seal(key, { uic: 'F92LHA' });
    expect(JSON.stringify(sealed)).not.toContain('F92LHA');
    expect(await open(key, sealed)).toEqual({ uic: 'F92LHA' });
    const same = await deriveKey('mat khau', salt, FAST);
    expect(await open(same, sealed)).toEqual({ uic: 'F92LHA' });
    const other = await deriveKey('sai mat khau', salt, FAST);
    await expect(open(other, sealed)).rejects.toThrow();
    const verifier = await makeVerifier(key);
    expect(await checkVerifier(same, verifier)).toBe(true);
    expect(await checkVerifier(other, verifier)).toBe(false);
    expect((await seal(key, 1)).iv).not.toBe((await seal(key, 1)).iv);
  });
});

describe('outbox', () => {
  test('keeps the order, seals bodies, counts states', async () => {
    const { store, outbox } = await setup();
    const a = await outbox.add({ method: 'POST', path: '/api/outreach', body: { id: 'r1', note: 'F92LHA' }, summary: SUMMARY });
    const b = await outbox.add({ method: 'POST', path: '/api/clients/c1/referrals', body: { provider_id: 'p' }, summary: SUMMARY });
    expect((await outbox.list()).map((op) => op.key)).toEqual([a.key, b.key]);
    expect(a.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.key).not.toBe(b.key);
    expect(JSON.stringify(await store.entries('outbox'))).not.toContain('F92LHA');
    expect((await outbox.payload(a)).body).toEqual({ id: 'r1', note: 'F92LHA' });
    expect(await outbox.counts()).toEqual({ waiting: 2, failed: 0, conflict: 0 });
    await outbox.remove(a.seq);
    const c = await outbox.add({ method: 'POST', path: '/api/outreach', body: {}, summary: SUMMARY });
    expect((await outbox.list()).map((op) => op.key)).toEqual([b.key, c.key]);
  });

  test('refuses to queue while locked', async () => {
    const outbox = new Outbox(memoryStore(), () => null);
    await expect(outbox.add({ method: 'POST', path: '/api/outreach', body: {}, summary: SUMMARY })).rejects.toThrow(/locked/);
  });
});

describe('sync', () => {
  test('a network failure keeps the queue; back online it is sent once; sending again creates nothing more', async () => {
    const { store, outbox } = await setup();
    const server = fakeServer();
    await outbox.add({ method: 'POST', path: '/api/outreach', body: { id: 'r1', people_reached: 5 }, summary: SUMMARY });
    await outbox.add({ method: 'POST', path: '/api/outreach', body: { id: 'r2', people_reached: 6 }, summary: SUMMARY });
    server.offline = true;
    expect(await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).toEqual({ kind: 'network' });
    expect((await outbox.list()).map((op) => op.state)).toEqual(['waiting', 'waiting']);
    expect(await store.get('meta', 'lastSyncAt')).toBeUndefined();
    // Applied on the server, but the reply is lost: the queue stays, and the re-send replays.
    server.offline = false;
    server.loseReplies = true;
    expect((await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).kind).toBe('network');
    expect(server.records.size).toBe(2);
    server.loseReplies = false;
    const outcome = await syncOutbox({ store, outbox, post: (ops) => server.post(ops) });
    expect(outcome).toEqual({ kind: 'done', sent: 2, synced: 2, failed: 0, conflicts: 0 });
    expect(server.records.size).toBe(2);
    expect(server.applied()).toBe(2);
    expect(await outbox.list()).toEqual([]);
    expect(typeof (await store.get('meta', 'lastSyncAt'))).toBe('string');
    expect(await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).toEqual({ kind: 'nothing' });
  });

  test('a call naming a create made on the device waits for its server id', async () => {
    const { store, outbox } = await setup();
    const server = fakeServer();
    const batches: string[][] = [];
    await outbox.add({ method: 'POST', path: '/api/clients/c1/referrals', body: { provider_id: 'p1', service: 'prep' }, summary: SUMMARY, localId: 'local-1' });
    await outbox.add({ method: 'PATCH', path: '/api/clients/c1/referrals/local-1', body: { version: 1, outcome: 'received' }, summary: SUMMARY });
    const outcome = await syncOutbox({
      store,
      outbox,
      post: (ops) => {
        batches.push(ops.map((op) => `${op.method} ${op.path}`));
        return server.post(ops);
      },
    });
    expect(outcome.kind).toBe('done');
    expect(batches).toEqual([['POST /api/clients/c1/referrals'], ['PATCH /api/clients/c1/referrals/server-1']]);
    expect(server.records.get('server-1')?.outcome).toBe('received');
    expect(await store.get('idmap', 'local-1')).toBe('server-1');
  });

  test('a stale version is a conflict; keeping mine sends it on the server version with a new key', async () => {
    const { store, outbox } = await setup();
    const server = fakeServer();
    server.records.set('r1', { id: 'r1', version: 2, people_reached: 9 });
    const op = await outbox.add({ method: 'PATCH', path: '/api/outreach/r1', body: { version: 1, people_reached: 7 }, summary: SUMMARY });
    const outcome = await syncOutbox({ store, outbox, post: (ops) => server.post(ops) });
    expect(outcome).toEqual({ kind: 'done', sent: 1, synced: 0, failed: 0, conflicts: 1 });
    const [conflict] = await outbox.list();
    expect(conflict?.state).toBe('conflict');
    expect(await outbox.serverVersion(conflict!)).toEqual({ id: 'r1', version: 2, people_reached: 9 });
    expect(server.records.get('r1')?.people_reached).toBe(9); // never overwritten silently
    // Sent again as it is, it stays a conflict (nothing is sent: conflicts wait for the user).
    expect(await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).toEqual({ kind: 'nothing' });
    await outbox.keepMine(conflict!.seq);
    const [mine] = await outbox.list();
    expect(mine?.key).not.toBe(op.key);
    expect((await outbox.payload(mine!)).body).toEqual({ version: 2, people_reached: 7 });
    expect((await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).kind).toBe('done');
    expect(server.records.get('r1')).toMatchObject({ version: 3, people_reached: 7 });
    expect(await outbox.list()).toEqual([]);
  });

  test('a refusal is kept as failed with the message; retry uses a new key; a 401 keeps the queue', async () => {
    const { store, outbox } = await setup();
    const server = fakeServer();
    await outbox.add({ method: 'POST', path: '/api/clients/c1/referrals', body: { service: 'prep' }, summary: SUMMARY, localId: 'l1' });
    await outbox.add({ method: 'PATCH', path: '/api/clients/c1/referrals/l1', body: { version: 1 }, summary: SUMMARY });
    await outbox.add({ method: 'POST', path: '/api/outreach', body: { id: 'r9' }, summary: SUMMARY });
    const outcome = await syncOutbox({ store, outbox, post: (ops) => server.post(ops) });
    expect(outcome).toEqual({ kind: 'done', sent: 2, synced: 1, failed: 1, conflicts: 0 });
    const [failed, dependent] = await outbox.list();
    expect(failed?.state).toBe('failed');
    expect(failed?.lastError).toMatchObject({ status: 422, messageVi: 'Thiếu nơi cung cấp' });
    expect(dependent?.state).toBe('waiting'); // waits for the create it names
    server.signedIn = false;
    await outbox.retry(failed!.seq);
    expect(await syncOutbox({ store, outbox, post: (ops) => server.post(ops) })).toEqual({ kind: 'signedOut' });
    expect((await outbox.list()).map((op) => op.state)).toEqual(['waiting', 'waiting']);
    expect((await outbox.list())[0]?.key).not.toBe(failed?.key);
  });
});

describe('config', () => {
  test('keeps lists and the caseload, never sign-in, audit or exports', () => {
    expect(isCacheable('/api/record-types')).toBe(true);
    expect(isCacheable('/api/clients/abc/referrals')).toBe(true);
    expect(isCacheable('/api/code-lists/support_need')).toBe(true);
    expect(isCacheable('/api/auth/me')).toBe(false);
    expect(isCacheable('/api/audit?limit=5')).toBe(false);
    expect(isCacheable('/api/outreach/export')).toBe(false);
    expect(isCacheable('/index.html')).toBe(false);
  });

  test('the data is wiped after WIPE_AFTER_DAYS (7 by default) without a successful sync', () => {
    expect(WIPE_AFTER_DAYS).toBe(7);
    const now = new Date('2026-11-29T10:00:00Z');
    expect(isStale('2026-11-22T11:00:00Z', '2026-01-01T00:00:00Z', now)).toBe(false);
    expect(isStale('2026-11-22T09:00:00Z', '2026-11-28T00:00:00Z', now)).toBe(true);
    expect(isStale(undefined, '2026-11-20T00:00:00Z', now)).toBe(true);
    expect(isStale(undefined, '2026-11-27T00:00:00Z', now)).toBe(false);
    expect(isStale(undefined, undefined, now)).toBe(false);
    expect(isStale('2026-11-27T00:00:00Z', undefined, now, 1)).toBe(true);
  });
});

describe('gate', async () => {
  const { offlineGate } = await import('./gate');
  const { ApiError } = await import('../api/client');
  const session = { csrf_token: 't', must_change_password: false, must_enrol_totp: false, user: { id: 'u', username: 'a', display_name: 'A', role: 'peer_educator' as const, unit_code: '1', totp_enabled: false } };
  const base = { username: 'a', counts: { waiting: 0, failed: 0, conflict: 0 }, lastSyncAt: null, isSyncing: false, problem: null, isOnline: false, wipedForAge: false, isUnlocking: false };
  const unreachable = { status: 'error' as const, error: new ApiError({ status: 0, code: 'network', messageVi: '', messageEn: '' }) };
  test('no network: unlock, then the kept session', () => {
    expect(offlineGate(unreachable, { ...base, status: 'locked', session: null })).toEqual({ kind: 'unlock' });
    expect(offlineGate(unreachable, { ...base, status: 'unlocked', session })).toEqual({ kind: 'session', auth: { status: 'signedIn', session } });
    expect(offlineGate(unreachable, { ...base, status: 'none', session: null })).toEqual({ kind: 'session', auth: unreachable });
  });
  test('signed in with locked data: unlock first when writes wait; a server error is not "offline"', () => {
    expect(offlineGate({ status: 'signedIn', session }, { ...base, status: 'locked', session: null })).toEqual({ kind: 'session', auth: { status: 'signedIn', session } });
    expect(offlineGate({ status: 'signedIn', session }, { ...base, counts: { waiting: 1, failed: 0, conflict: 0 }, status: 'locked', session: null })).toEqual({ kind: 'unlock' });
    expect(offlineGate({ status: 'signedIn', session }, { ...base, counts: { waiting: 1, failed: 0, conflict: 0 }, status: 'locked', session: null, isUnlocking: true })).toEqual({ kind: 'starting' });
    expect(offlineGate({ status: 'signedIn', session }, { ...base, status: 'unlocked', session })).toEqual({ kind: 'session', auth: { status: 'signedIn', session } });
    const down = { status: 'error' as const, error: new ApiError({ status: 503, code: 'x', messageVi: '', messageEn: '' }) };
    expect(offlineGate(down, { ...base, status: 'locked', session: null })).toEqual({ kind: 'session', auth: down });
  });
});

describe('get-cache', async () => {
  const { cachingFetch, FROM_DEVICE_HEADER } = await import('./get-cache');
  const ORIGIN = 'http://pcmd.test';
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  /** Waits until the background write of a reply has landed in the cache store. */
  const settle = async (store: ReturnType<typeof memoryStore>, n = 1) => {
    for (let i = 0; i < 200 && (await store.entries('cache')).length < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  test('keeps replies sealed while unlocked and answers from them when the network fails', async () => {
    const { store, key } = await setup();
    let isDown = false;
    let current: CryptoKey | null = key;
    const network = async (input: RequestInfo | URL) => {
      if (isDown) throw new TypeError('Failed to fetch');
      return String(input).startsWith('/api/clients') ? json({ items: [{ uic: 'F92LHA' }] }) : json({ ok: true });
    };
    const f = cachingFetch(network as typeof fetch, store, () => current, ORIGIN);
    expect(await (await f('/api/clients?limit=500')).json()).toEqual({ items: [{ uic: 'F92LHA' }] });
    await f('/api/auth/me');
    await settle(store);
    const kept = await store.entries('cache');
    expect(kept.map(([k]) => k)).toEqual(['/api/clients?limit=500']);
    expect(JSON.stringify(kept)).not.toContain('F92LHA');
    isDown = true;
    const offline = await f('/api/clients?limit=500');
    expect(offline.headers.get(FROM_DEVICE_HEADER)).toBe('device');
    expect(await offline.json()).toEqual({ items: [{ uic: 'F92LHA' }] });
    await expect(f('/api/clients?limit=10')).rejects.toThrow(TypeError);
    await expect(f('/api/clients', { method: 'POST' })).rejects.toThrow(TypeError);
    current = null; // locked: nothing is read back
    await expect(f('/api/clients?limit=500')).rejects.toThrow(TypeError);
  });

  test('the providers of one service come from the unit’s providers', async () => {
    const { store, key } = await setup();
    let isDown = false;
    const f = cachingFetch((async () => {
      if (isDown) throw new TypeError('Failed to fetch');
      return json({ items: [{ id: 'a', services: ['prep'] }, { id: 'b', services: ['legal_aid'] }] });
    }) as typeof fetch, store, () => key, ORIGIN);
    await f('/api/providers?unit=14347');
    await settle(store);
    isDown = true;
    expect(await (await f('/api/providers?unit=14347&service=prep')).json()).toEqual({ items: [{ id: 'a', services: ['prep'] }] });
  });
});

describe('sign-out warning', async () => {
  const { unsentCount } = await import('./vault');
  test('counts every queued change a sign-out would delete (account-menu.tsx asks first)', () => {
    expect(unsentCount({ waiting: 0, failed: 0, conflict: 0 })).toBe(0);
    expect(unsentCount({ waiting: 2, failed: 1, conflict: 1 })).toBe(4);
  });
});
