// Offline reading: the app's GET calls to the API go to the network first; a reply that came
// back is kept on the device (sealed with the device key, offline/crypto.ts) and, when the
// network fails, the kept reply answers instead, marked with the header X-Pcmd-From: device.
// Only the addresses config.isCacheable allows are kept, only while the store is unlocked, and at
// most CACHE_MAX_ENTRIES (the oldest go first). Installed once by offline/vault.ts over
// window.fetch, so that every page's loader (api/client.ts) reads through it unchanged.

import { CACHE_MAX_ENTRIES, fallbackFor, isCacheable } from './config';
import { open, seal, type Sealed } from './crypto';
import type { LocalStore } from './store';

interface CacheEntry {
  sealed: Sealed;
  at: string;
}

export const FROM_DEVICE_HEADER = 'X-Pcmd-From';

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** The cache key of a same-origin cacheable GET, or null. */
export function cacheKeyOf(input: RequestInfo | URL, init: RequestInit | undefined, origin: string): string | null {
  const method = (init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')).toUpperCase();
  if (method !== 'GET') return null;
  let url: URL;
  try {
    url = new URL(requestUrl(input), origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || !isCacheable(url.pathname)) return null;
  return url.pathname + url.search;
}

export function cachingFetch(original: typeof fetch, store: LocalStore, key: () => CryptoKey | null, origin: string): typeof fetch {
  let puts = 0;
  async function keep(cacheKey: string, text: string, k: CryptoKey) {
    await store.put('cache', cacheKey, { sealed: await seal(k, text), at: new Date().toISOString() } satisfies CacheEntry);
    if (++puts % 50 !== 0) return;
    const all = await store.entries<CacheEntry>('cache');
    if (all.length <= CACHE_MAX_ENTRIES) return;
    all.sort(([, a], [, b]) => a.at.localeCompare(b.at));
    for (const [old] of all.slice(0, all.length - CACHE_MAX_ENTRIES)) await store.delete('cache', old);
  }
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const cacheKey = cacheKeyOf(input, init, origin);
    if (!cacheKey) return original(input, init);
    try {
      const response = await original(input, init);
      const k = key();
      if (response.ok && k && (response.headers.get('Content-Type') ?? '').includes('json')) {
        response
          .clone()
          .text()
          .then((text) => keep(cacheKey, text, k))
          .catch(() => undefined);
      }
      return response;
    } catch (error) {
      const k = key();
      if (init?.signal?.aborted || !k) throw error;
      const fallback = fallbackFor(cacheKey);
      const hit = (await store.get<CacheEntry>('cache', cacheKey).catch(() => undefined)) ?? (fallback ? await store.get<CacheEntry>('cache', fallback.key).catch(() => undefined) : undefined);
      if (!hit) throw error;
      let text = await open<string>(k, hit.sealed).catch(() => null);
      if (text === null) throw error;
      if (fallback && !(await store.get<CacheEntry>('cache', cacheKey).catch(() => undefined))) text = JSON.stringify(fallback.derive(JSON.parse(text)));
      return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', [FROM_DEVICE_HEADER]: 'device' } });
    }
  };
}
