// /login: user name and password, then, when the server answers 401 totp_required, a one-time
// code from the authenticator app (a recovery code works there too). The errors are said in
// plain words: wrong name or password, a wrong code, too many attempts (with the wait from
// Retry-After), no network. After sign-in the app returns to the page that sent the user here.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import type { SignedOutReason } from '../auth/session';
import { signIn } from '../auth/session';
import { markSigningIn, noteSignIn, unsentCount, useOffline } from '../offline/vault';
import { FormMessage, PasswordField, TextField } from '../components/form-fields';
import { ShieldIcon } from '../components/icons';
import { cleanCode, formatWait } from '../format';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';

/** The sentence for a refused sign-in; `sentCode` tells a wrong code from a missing one. */
export function loginErrorMessage(error: ApiError, sentCode: boolean, lang: Lang): string {
  switch (error.code) {
    case 'invalid_credentials':
      return t('login.invalidCredentials', undefined, lang);
    case 'totp_required':
      return t(sentCode ? 'login.wrongCode' : 'login.codeNeeded', undefined, lang);
    case 'throttled': {
      const wait = formatWait(error.retryAfterSeconds, lang);
      return wait ? t('login.throttled', { wait }, lang) : t('login.throttledNoWait', undefined, lang);
    }
    case 'network':
      return t('login.network', undefined, lang);
    default:
      return error.localized(lang);
  }
}

export interface LoginPageProps {
  lang: Lang;
  reason: SignedOutReason;
}

export function LoginPage({ lang, reason }: LoginPageProps) {
  usePageTitle(t('login.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; sentCode: boolean } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const offline = useOffline();

  useEffect(() => {
    if (needsCode) codeInput.current?.focus();
  }, [needsCode]);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const sentCode = needsCode && cleanCode(code) !== '';
    // Another account's data on this device goes when this one signs in: say so first when some of
    // it was never sent.
    const unsent = unsentCount(offline.counts);
    if (offline.username && offline.username !== username.trim() && unsent > 0 &&
        !window.confirm(t('offline.otherAccountConfirm', { n: unsent }, lang))) {
      return;
    }
    setBusy(true);
    setFailure(null);
    markSigningIn(true);
    try {
      await signIn(username.trim(), password, sentCode ? cleanCode(code) : undefined);
      // The app takes over from here (forced steps, or back to the page asked for). The password
      // that signed in sets up, or unlocks, the device's offline data (offline/vault.ts).
      void noteSignIn(username.trim(), password);
    } catch (caught) {
      markSigningIn(false);
      const error = caught instanceof ApiError ? caught : networkError();
      setBusy(false);
      if (error.code === 'totp_required') {
        setNeedsCode(true);
        setCode('');
        // The first 401 only asks for the code: no error, the field appears with its hint.
        if (sentCode) setFailure({ error, sentCode });
        codeInput.current?.focus();
        return;
      }
      if (error.code === 'invalid_credentials') {
        setNeedsCode(false);
        setCode('');
        setPassword('');
        passwordInput.current?.focus();
      }
      setFailure({ error, sentCode });
    }
  }

  function startOver() {
    setNeedsCode(false);
    setCode('');
    setPassword('');
    setFailure(null);
  }

  return (
    <div class="auth-page">
      <section class="auth-card" aria-labelledby="login-title">
        <div class="auth-card__brand">
          <ShieldIcon class="auth-card__logo" />
          <span>{t('app.tagline')}</span>
        </div>
        <h1 id="login-title" class="auth-card__title" tabIndex={-1}>
          {t('login.title')}
        </h1>
        {reason === 'expired' && !failure && <FormMessage kind="info">{t('login.expired')}</FormMessage>}
        {reason === 'loggedOut' && !failure && <FormMessage kind="success">{t('login.loggedOut')}</FormMessage>}
        {failure && <FormMessage kind="error">{loginErrorMessage(failure.error, failure.sentCode, lang)}</FormMessage>}
        {needsCode && !failure && <FormMessage kind="info">{t('login.codeNeeded')}</FormMessage>}
        <form class="form" onSubmit={onSubmit} noValidate>
          <TextField
            id="login-username"
            label={t('login.username')}
            value={username}
            onInput={setUsername}
            autoComplete="username"
            isVerbatim
            required
            maxLength={100}
            disabled={needsCode}
            autoFocus
          />
          <PasswordField
            id="login-password"
            label={t('login.password')}
            value={password}
            onInput={setPassword}
            autoComplete="current-password"
            required
            inputRef={passwordInput}
          />
          {needsCode && (
            <TextField
              id="login-code"
              label={t('login.code')}
              hint={t('login.codeHint')}
              value={code}
              onInput={setCode}
              autoComplete="one-time-code"
              isVerbatim
              maxLength={20}
              required
              inputRef={codeInput}
              class="input--code"
            />
          )}
          <button type="submit" class="button button--primary button--block" disabled={isBusy}>
            {isBusy ? t('login.submitting') : t('login.submit')}
          </button>
          {needsCode && (
            <button type="button" class="button button--link" onClick={startOver}>
              {t('login.otherAccount')}
            </button>
          )}
        </form>
        <p class="auth-card__help muted">{t('login.help')}</p>
      </section>
    </div>
  );
}
