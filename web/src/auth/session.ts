// The signed-in session, kept in memory only: the account, its limited-session flags and the
// anti-CSRF token (handed to the API client, never stored). The app asks GET /api/auth/me once at
// start; any later 401 signs the page out (the app then sends the user to /login and back), and
// a 403 of a limited session makes it ask /me again to learn which forced step is due.

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isAbortError, networkError } from '../api/client';
import { getMe, login, logout, type Session } from '../api/auth';

export type SignedOutReason = 'none' | 'expired' | 'loggedOut';

export type SessionState =
  | { status: 'loading' }
  /** /me failed for another reason than "not signed in" (network, server down). */
  | { status: 'error'; error: ApiError }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'signedIn'; session: Session };

let state: SessionState = { status: 'loading' };
const listeners = new Set<(next: SessionState) => void>();

function setState(next: SessionState): void {
  state = next;
  api.setCsrfToken(next.status === 'signedIn' ? next.session.csrf_token : null);
  for (const listener of [...listeners]) listener(next);
}

export function getSessionState(): SessionState {
  return state;
}

/** The current session state; the component re-renders when it changes. */
export function useSession(): SessionState {
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

function asApiError(failure: unknown): ApiError {
  if (failure instanceof ApiError) return failure;
  console.error(failure);
  return networkError();
}

let loading: Promise<void> | null = null;

/**
 * Asks the server who is signed in (GET /api/auth/me). `reasonIfNone` is what a 401 means here:
 * nobody signed in yet at start, an expired session later.
 */
export function loadSession(reasonIfNone: SignedOutReason = 'none'): Promise<void> {
  if (loading) return loading;
  loading = getMe()
    .then(
      (session) => setState({ status: 'signedIn', session }),
      (failure: unknown) => {
        if (isAbortError(failure)) return;
        const error = asApiError(failure);
        if (error.status === 401) setState({ status: 'signedOut', reason: reasonIfNone });
        else setState({ status: 'error', error });
      },
    )
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Signs in; the ApiError of a refusal (invalid_credentials, totp_required, throttled) is thrown. */
export async function signIn(username: string, password: string, totp?: string): Promise<Session> {
  const session = await login(username, password, totp);
  setState({ status: 'signedIn', session });
  return session;
}

/**
 * Ends the session on the server, then here. A 401 means it had ended already; any other failure
 * (the network) is thrown and the page stays signed in, so that nobody believes a session closed
 * that is still open.
 */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch (failure) {
    const error = asApiError(failure);
    if (error.status !== 401) throw error;
  }
  setState({ status: 'signedOut', reason: 'loggedOut' });
}

/** Reads the session again after a forced step (password changed, two-step sign-in on). */
export function refreshSession(): Promise<void> {
  return loadSession('expired');
}

// A 401 from any call signs the page out; a limited-session 403 means the flags changed.
api.onSessionProblem((error) => {
  if (error.status === 401) {
    if (state.status === 'signedIn') setState({ status: 'signedOut', reason: 'expired' });
  } else if (state.status === 'signedIn') {
    void loadSession('expired');
  }
});
