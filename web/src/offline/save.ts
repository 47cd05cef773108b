// What a form does when its call cannot reach the server: queue the write in the outbox (when
// the device store is unlocked and the server is really out of reach) and say "Đã lưu trên máy,
// chờ đồng bộ". The forms call
// saveOffline from their catch with the same method, path and body they tried to send.

import { ApiError } from '../api/client';
import { t, type MessageKey } from '../i18n';
import type { NewOp } from './outbox';
import { canQueue, queueWrite } from './vault';

/** The outbox line of a kind of write: its name (offline.kind.*) in both languages. */
export function summaryOf(kind: MessageKey, detail: string, href?: string) {
  return { kindVi: t(kind, undefined, 'vi'), kindEn: t(kind, undefined, 'en'), detail, ...(href ? { href } : {}) };
}

/** Whether `error` means the server was not reached (not a refusal). */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 : error instanceof TypeError;
}

/**
 * Whether the server is out of reach: the browser says it is offline, or GET /api/health gets no
 * reply within 4 s. A single lost reply with the server up is not "offline": the form shows its
 * network error and "Lưu" sends the same request again (its id or version makes that safe).
 */
export async function isServerUnreachable(): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  try {
    await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(4000) });
    return false;
  } catch {
    return true;
  }
}

/**
 * Queues `op` when `error` is a network failure and the store is unlocked: true when queued
 * (the form then shows offline.savedOnDevice), false otherwise (the form shows `error`).
 */
export async function saveOffline(error: unknown, op: NewOp): Promise<boolean> {
  if (!isNetworkFailure(error) || !canQueue() || !(await isServerUnreachable())) return false;
  try {
    await queueWrite(op);
    return true;
  } catch (failure) {
    console.error(failure);
    return false;
  }
}
