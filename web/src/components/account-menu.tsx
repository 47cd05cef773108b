// The account button at the end of the header: the signed-in person's name, and a panel with
// their role, a link to the account page and "Đăng xuất".

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import type { Session } from '../api/auth';
import { signOut } from '../auth/session';
import { t, type Lang } from '../i18n';
import { roleLabel, useRoles } from '../lookups';
import { unsentCount, useOffline } from '../offline/vault';
import { UserIcon } from './icons';
import { Link } from './link';

export interface AccountMenuProps {
  session: Session;
  lang: Lang;
  /** False in a limited session: the account page is not reachable yet. */
  isFull: boolean;
}

export function displayName(session: Session): string {
  return session.user.display_name.trim() || session.user.username;
}

export function AccountMenu({ session, lang, isFull }: AccountMenuProps) {
  const [isOpen, setOpen] = useState(false);
  const [isSigningOut, setSigningOut] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const offline = useOffline();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const roles = useRoles(isFull);
  const name = displayName(session);

  useEffect(() => {
    if (!isOpen) return undefined;
    function onPointerDown(event: PointerEvent) {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen]);

  async function onSignOut() {
    // Signing out wipes this device's offline data: say so first when some of it is not sent yet.
    const unsent = unsentCount(offline.counts);
    if (unsent > 0 && !window.confirm(t('offline.signOutConfirm', { n: unsent }, lang))) return;
    setSigningOut(true);
    setError(null);
    try {
      await signOut();
    } catch (failure) {
      setError(failure as ApiError);
      setSigningOut(false);
    }
  }

  return (
    <div class="account" ref={root}>
      <button
        ref={button}
        type="button"
        class="header-button account__button"
        aria-expanded={isOpen}
        aria-controls="account-panel"
        aria-label={t('account.menuFor', { name })}
        onClick={() => setOpen(!isOpen)}
      >
        <UserIcon />
        <span class="account__label" aria-hidden="true">
          {name}
        </span>
      </button>
      {isOpen && (
        <div id="account-panel" class="account__panel">
          <p class="account__name">{name}</p>
          <p class="account__meta">
            <span class="account__username">{session.user.username}</span>
            <span>{roleLabel(roles, session.user.role, lang)}</span>
          </p>
          <ul class="account__actions">
            {isFull && (
              <li>
                <Link href="/account" class="account__action" onNavigate={() => setOpen(false)}>
                  {t('account.page')}
                </Link>
              </li>
            )}
            <li>
              <button type="button" class="account__action" disabled={isSigningOut} onClick={onSignOut}>
                {isSigningOut ? t('account.signingOut') : t('account.signOut')}
              </button>
            </li>
          </ul>
          {error && (
            <p class="field__error" role="alert">
              {t('account.signOutFailed')} {error.localized(lang)}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
