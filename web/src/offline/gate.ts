// How the offline mode changes what the app frame shows (app.tsx):
//   - the server cannot be reached (GET /api/auth/me failed with no reply) and the device keeps
//     data: the unlock screen, then the app with the session kept at the last sign-in;
//   - signed in while the kept data is locked (after a reload) and writes wait: the unlock
//     screen first (with nothing queued, the app opens; /outbox offers to unlock);
//   - otherwise the session as the server says.

import type { SessionState } from '../auth/session';
import type { OfflineState } from './vault';

export type Gate = { kind: 'session'; auth: SessionState } | { kind: 'unlock' } | { kind: 'starting' };

export function offlineGate(auth: SessionState, offline: OfflineState): Gate {
  const unreachable = auth.status === 'error' && auth.error.status === 0;
  if (unreachable) {
    if (offline.status === 'starting') return { kind: 'starting' };
    if (offline.status === 'locked') return { kind: 'unlock' };
    if (offline.status === 'unlocked' && offline.session) return { kind: 'session', auth: { status: 'signedIn', session: offline.session } };
    return { kind: 'session', auth };
  }
  // Online, the unlock screen comes first only when writes wait to be sent (they need the key);
  // otherwise the app opens and the header's badge (and /outbox) offers to unlock.
  if (auth.status === 'signedIn' && offline.status === 'locked') {
    if (offline.isUnlocking) return { kind: 'starting' };
    const queued = offline.counts.waiting + offline.counts.failed + offline.counts.conflict;
    if (queued > 0) return { kind: 'unlock' };
  }
  return { kind: 'session', auth };
}
