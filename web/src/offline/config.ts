// The settings of the offline mode (issue 9), in one place.
//
// WIPE_AFTER_DAYS: the data kept on the device (the queue, the cached lists and the caseload) is
// wiped when no sync has succeeded for this many days. Default 7; a deployment changes it at
// build time with VITE_PCMD_OFFLINE_WIPE_DAYS=N (npm run build), since the device must apply it
// while it has no network to ask.

const fromBuild = Number(import.meta.env?.VITE_PCMD_OFFLINE_WIPE_DAYS);

export const WIPE_AFTER_DAYS: number = Number.isFinite(fromBuild) && fromBuild > 0 ? fromBuild : 7;

/**
 * Whether the device's data is due to be wiped: more than `days` days since the last successful
 * sync (or, never synced, since the store was set up).
 */
export function isStale(lastSyncAt: string | undefined, setupAt: string | undefined, now: Date, days = WIPE_AFTER_DAYS): boolean {
  const since = lastSyncAt ?? setupAt;
  if (!since) return false;
  const at = new Date(since).getTime();
  return Number.isFinite(at) && (now.getTime() - at) / 86_400_000 > days;
}

/** PBKDF2-SHA-256 rounds that turn the password into the device key. */
export const KDF_ITERATIONS = 250_000;

/** Operations sent in one POST /api/sync (the server takes at most 200). */
export const SYNC_BATCH = 50;

/** How often the app tries to sync while something waits and the browser says it is online. */
export const SYNC_EVERY_MS = 60_000;

/** The largest number of GET replies kept for offline reading (oldest dropped first). */
export const CACHE_MAX_ENTRIES = 400;

/**
 * The GET addresses whose replies are kept (encrypted) for offline reading: the lists the forms
 * need (record kinds, code lists, units, providers, the records a reference field offers) and the
 * caseload (clients, their consents and referrals, peer groups). Audit, exports, dashboards and
 * reports are never kept.
 */
export function isCacheable(path: string): boolean {
  if (!path.startsWith('/api/')) return false;
  if (/^\/api\/(auth|audit|sync|dashboard|indicators|reports?|report-rounds|exports?|health|openapi)(\/|$|\?)/.test(path)) return false;
  if (/\/(export|history|file|files)(\/|$|\?)/.test(path)) return false;
  return true;
}

/**
 * A reply that can stand in for a GET never made online: the providers of a unit for one service
 * are the unit's providers (kept when the person's page was open) filtered by that service.
 */
export function fallbackFor(cacheKey: string): { key: string; derive: (reply: unknown) => unknown } | null {
  const url = new URL(cacheKey, 'http://device');
  const service = url.searchParams.get('service');
  if (url.pathname !== '/api/providers' || !service || !url.searchParams.get('unit')) return null;
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('service');
  return {
    key: `${url.pathname}?${rest.toString()}`,
    derive: (reply) => {
      const items = ((reply as { items?: Array<{ services?: string[] }> } | null)?.items ?? []).filter((p) => p.services?.includes(service));
      return { ...(reply as object), items };
    },
  };
}
