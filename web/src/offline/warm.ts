// Filling the device's cache while online, so that the forms work after the network goes: the
// record kinds, the code lists of the support forms, and the caseload — the caller's clients
// with their consents, needs, referrals and their units' providers (never the contact fields,
// whose every read is audited). Each reply goes through the caching fetch (get-cache.ts), which
// seals it. Run after a sync, at most every WARM_EVERY_MS.

const WARM_EVERY_MS = 10 * 60_000;
const CASELOAD_LIMIT = 30;
let lastWarm = 0;

async function json(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  return response.ok ? response.json() : null;
}

/** The roles that keep a caseload (their own clients); the others get the lists only. */
const CASELOAD_ROLES: readonly string[] = ['peer_educator', 'social_worker'];

export async function warmCaches(role: string, force = false): Promise<void> {
  if (!force && Date.now() - lastWarm < WARM_EVERY_MS) return;
  lastWarm = Date.now();
  try {
    await Promise.all(['/api/record-types', '/api/code-lists/support_need', '/api/code-lists/referral_reason'].map((p) => json(p).catch(() => null)));
    if (!CASELOAD_ROLES.includes(role)) return;
    const clients = (await json(`/api/clients?limit=500`).catch(() => null)) as { items?: Array<{ id: string; unit: string }> } | null;
    const units = new Set<string>();
    for (const client of (clients?.items ?? []).slice(0, CASELOAD_LIMIT)) {
      units.add(client.unit);
      const base = `/api/clients/${encodeURIComponent(client.id)}`;
      await Promise.all([base, `${base}/consents`, `${base}/assessments`, `${base}/referrals`, `${base}/incidents`].map((p) => json(p).catch(() => null)));
    }
    for (const unit of units) await json(`/api/providers?unit=${encodeURIComponent(unit)}`).catch(() => null);
  } catch {
    // a failed warm-up only means less is kept
  }
}
