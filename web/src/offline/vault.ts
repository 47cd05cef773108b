// The offline mode at run time (issue 9): the device store (IndexedDB, offline/store.ts), its key,
// the outbox and the sync, and what the screens show of them (useOffline).
//
// Life of the store:
//   none      nothing kept on this device (never signed in here, or wiped)
//   locked    data kept, key unknown: after a reload the user types the password (unlock-page)
//   unlocked  the key is in memory: forms may queue, GET replies are kept, sync runs
// Signing in through the sign-in page sets the store up (or unlocks it) with the password typed
// (noteSignIn). A sign-in by another account wipes the previous account's data first. Signing out
// wipes it; so does WIPE_AFTER_DAYS (config.ts) without a successful sync, checked at start.
//
// Sync runs at start (once unlocked and signed in), on the browser's `online` event, every
// SYNC_EVERY_MS while something waits, and on "Đồng bộ ngay". A 401 keeps the queue and asks the
// app to read the session again (which leads to the sign-in page); signing in continues the sync.

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { getSessionState, loadSession } from '../auth/session';
import { SYNC_EVERY_MS, isStale } from './config';
import { checkVerifier, deriveKey, makeVerifier, newSalt, open, seal, type Sealed } from './crypto';
import { cachingFetch } from './get-cache';
import { warmCaches } from './warm';
import { Outbox, type NewOp, type OpError, type OutboxCounts, type QueuedOp } from './outbox';
import { memoryStore, openIdbStore, type LocalStore } from './store';
import { syncOutbox, type SyncOperation } from './sync';

export type VaultStatus = 'starting' | 'none' | 'locked' | 'unlocked';

export interface OfflineState {
  status: VaultStatus;
  /** The account the kept data belongs to. */
  username: string | null;
  counts: OutboxCounts;
  lastSyncAt: string | null;
  isSyncing: boolean;
  /** What stopped the last sync, if anything. */
  problem: { kind: 'network' } | { kind: 'signedOut' } | { kind: 'refused'; error: OpError } | null;
  /** The session kept at the last sign-in, for working with no network (after unlock). */
  session: Session | null;
  isOnline: boolean;
  /** Set when the data was wiped at start for want of a sync. */
  wipedForAge: boolean;
  /** A sign-in is under way: its password is about to unlock the store (no unlock screen). */
  isUnlocking: boolean;
}

let state: OfflineState = {
  status: 'starting',
  username: null,
  counts: { waiting: 0, failed: 0, conflict: 0 },
  lastSyncAt: null,
  isSyncing: false,
  problem: null,
  session: null,
  isOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  wipedForAge: false,
  isUnlocking: false,
};
const listeners = new Set<(next: OfflineState) => void>();
let store: LocalStore = memoryStore();
let key: CryptoKey | null = null;
/** The store as it is now (memory until IndexedDB opens), for the outbox and the fetch wrapper. */
const current: LocalStore = {
  get: (...a) => store.get(...a),
  put: (...a) => store.put(...a),
  delete: (...a) => store.delete(...a),
  entries: (...a) => store.entries(...a),
  clear: () => store.clear(),
};
const outbox = new Outbox(current, () => key);
let ready: Promise<void> | null = null;

function set(patch: Partial<OfflineState>): void {
  state = { ...state, ...patch };
  for (const listener of [...listeners]) listener(state);
}

export function getOfflineState(): OfflineState {
  return state;
}

/** The queued changes a sign-out would delete (waiting, failed or in conflict). */
export function unsentCount(counts: OfflineState['counts']): number {
  return counts.waiting + counts.failed + counts.conflict;
}

export function useOffline(): OfflineState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}

export function getOutbox(): Outbox {
  return outbox;
}

async function refreshCounts(): Promise<void> {
  const lastSyncAt = (await store.get<string>('meta', 'lastSyncAt')) ?? null;
  set({ counts: await outbox.counts(), lastSyncAt });
}

/** Opens the device store and wraps fetch for offline reading; called once by main.tsx. */
export function startOffline(): Promise<void> {
  if (ready) return ready;
  if (typeof window !== 'undefined') window.fetch = cachingFetch(window.fetch.bind(window), current, () => key, window.location.origin);
  ready = (async () => {
    try {
      if (typeof indexedDB !== 'undefined') store = await openIdbStore();
    } catch {
      store = memoryStore(); // private windows of some browsers: nothing survives a reload
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => {
        set({ isOnline: true });
        if (getSessionState().status === 'error') void loadSession();
        void syncNow();
      });
      window.addEventListener('offline', () => set({ isOnline: false }));
      setInterval(() => {
        if (state.status === 'unlocked' && state.counts.waiting > 0 && navigator.onLine) void syncNow();
      }, SYNC_EVERY_MS);
    }
    const salt = await store.get<string>('meta', 'salt');
    if (salt && isStale(await store.get<string>('meta', 'lastSyncAt'), await store.get<string>('meta', 'setupAt'), new Date())) {
      await store.clear();
      set({ status: 'none', wipedForAge: true });
      return;
    }
    const username = (await store.get<string>('meta', 'username')) ?? null;
    set({ status: salt ? 'locked' : 'none', username });
    await refreshCounts();
  })();
  return ready;
}

async function afterUnlock(k: CryptoKey): Promise<void> {
  key = k;
  const sealed = await store.get<Sealed>('meta', 'session');
  const session = sealed ? await open<Session>(k, sealed).catch(() => null) : null;
  set({ status: 'unlocked', session });
  await refreshCounts();
}

/**
 * The sign-in page calls this with the password that just signed in: sets the store up for this
 * account, or unlocks it. Returns false when the store is another password's (the password
 * changed since): it stays locked and the unlock page asks for the old one.
 */
export async function noteSignIn(username: string, password: string): Promise<boolean> {
  try {
    return await setUpOrUnlock(username, password);
  } finally {
    set({ isUnlocking: false });
  }
}

/** The sign-in page calls this before it sends the password (see isUnlocking); false to undo. */
export function markSigningIn(isSigningIn: boolean): void {
  set({ isUnlocking: isSigningIn });
}

async function setUpOrUnlock(username: string, password: string): Promise<boolean> {
  await startOffline();
  const owner = await store.get<string>('meta', 'username');
  if (owner && owner !== username) await wipeOffline();
  const salt = await store.get<string>('meta', 'salt');
  if (!salt) {
    const fresh = newSalt();
    const k = await deriveKey(password, fresh);
    await store.put('meta', 'salt', fresh);
    await store.put('meta', 'verifier', await makeVerifier(k));
    await store.put('meta', 'username', username);
    await store.put('meta', 'setupAt', new Date().toISOString());
    set({ username });
    await afterUnlock(k);
    return true;
  }
  return unlock(password);
}

/** Unlocks the store with the password (works offline); false when it is not the right one. */
export async function unlock(password: string): Promise<boolean> {
  await startOffline();
  const salt = await store.get<string>('meta', 'salt');
  const verifier = await store.get<Sealed>('meta', 'verifier');
  if (!salt || !verifier) return false;
  const k = await deriveKey(password, salt);
  if (!(await checkVerifier(k, verifier))) return false;
  await afterUnlock(k);
  if (getSessionState().status === 'signedIn') void syncNow();
  return true;
}

/** Keeps the signed-in session (sealed) so that the app opens with no network after unlock. */
export async function rememberSession(session: Session): Promise<void> {
  if (!key) return;
  await store.put('meta', 'session', await seal(key, session));
  set({ session });
}

/** Deletes everything kept on the device and forgets the key. */
export async function wipeOffline(): Promise<void> {
  key = null;
  await store.clear();
  set({ status: 'none', username: null, session: null, counts: { waiting: 0, failed: 0, conflict: 0 }, lastSyncAt: null, problem: null });
}

/** Queues a write for the next sync; the store must be unlocked. */
export async function queueWrite(op: NewOp): Promise<QueuedOp> {
  const queued = await outbox.add(op);
  await refreshCounts();
  return queued;
}

export function canQueue(): boolean {
  return state.status === 'unlocked';
}

/** Runs `change` on the outbox (resolving, retrying, dropping), then counts again. */
export async function changeOutbox(change: (box: Outbox) => Promise<void>): Promise<void> {
  await change(outbox);
  await refreshCounts();
}

function csrfToken(): string | null {
  const current = getSessionState();
  if (current.status === 'signedIn') return current.session.csrf_token;
  return state.session?.csrf_token ?? null;
}

async function postBatch(operations: SyncOperation[]): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  const response = await fetch('/api/sync', { method: 'POST', headers, body: JSON.stringify({ operations }), credentials: 'same-origin' });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

let syncing: Promise<void> | null = null;

/** Sends the outbox now (one run at a time). */
export function syncNow(): Promise<void> {
  if (syncing) return syncing;
  if (state.status !== 'unlocked') return Promise.resolve();
  set({ isSyncing: true });
  syncing = (async () => {
    try {
      const outcome = await syncOutbox({ store, outbox, post: postBatch });
      if (outcome.kind === 'network') set({ problem: { kind: 'network' } });
      else if (outcome.kind === 'signedOut') {
        set({ problem: { kind: 'signedOut' } });
        void loadSession('expired');
      } else if (outcome.kind === 'refused') set({ problem: { kind: 'refused', error: outcome.error } });
      else {
        set({ problem: null });
        if (outcome.kind === 'nothing' && navigator.onLine) await markReachable();
        const signedIn = getSessionState();
        if (navigator.onLine && signedIn.status === 'signedIn') void warmCaches(signedIn.session.user.role);
      }
    } catch (error) {
      console.error(error);
    } finally {
      await refreshCounts();
      set({ isSyncing: false });
      syncing = null;
    }
  })();
  return syncing;
}

/**
 * With nothing to send, a sync is still "successful" when the server answers: an empty batch
 * marks the time, so that the N-days wipe counts from the last contact, not the last write.
 */
async function markReachable(): Promise<void> {
  try {
    const reply = await postBatch([]);
    if (reply.status === 200) await store.put('meta', 'lastSyncAt', new Date().toISOString());
    else if (reply.status === 401) {
      set({ problem: { kind: 'signedOut' } });
      void loadSession('expired');
    }
  } catch {
    set({ problem: { kind: 'network' } });
  }
}
