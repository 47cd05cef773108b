// The unlock screen: the device keeps offline data encrypted with a key made from the password,
// which is never stored; after a reload (with or without a network) the password opens it again.
// Checked on the device (the verifier), so it works offline. "Xoá dữ liệu trên máy" wipes it.

import { useState } from 'preact/hooks';
import { FormMessage, PasswordField } from '../components/form-fields';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { unlock, useOffline, wipeOffline } from './vault';

export function UnlockPage({ lang, onWiped }: { lang: Lang; onWiped?: () => void }) {
  usePageTitle(t('offline.unlockTitle'));
  return (
    <section class="page page--narrow offline-unlock">
      <h1 class="page__title" tabIndex={-1}>
        {t('offline.unlockTitle')}
      </h1>
      <UnlockForm lang={lang} onWiped={onWiped} />
    </section>
  );
}

/** The password form and the wipe button (the unlock screen, and /outbox while locked). */
export function UnlockForm({ lang, onWiped }: { lang: Lang; onWiped?: (() => void) | undefined }) {
  const offline = useOffline();
  const [password, setPassword] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [isWrong, setWrong] = useState(false);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy || !password) return;
    setBusy(true);
    setWrong(false);
    const ok = await unlock(password).catch(() => false);
    setBusy(false);
    if (!ok) setWrong(true);
  }

  async function onWipe() {
    const n = offline.counts.waiting + offline.counts.failed + offline.counts.conflict;
    if (!window.confirm(t('offline.wipeConfirm', { n }, lang))) return;
    await wipeOffline();
    onWiped?.();
  }

  return (
    <div class="offline-unlock">
      {!offline.isOnline && <FormMessage kind="info">{t('offline.noNetworkMode')}</FormMessage>}
      <p>{t('offline.unlockIntro', { name: offline.username ?? '' })}</p>
      <p class="muted">{t('offline.unlockOld')}</p>
      <form class="form card" onSubmit={onSubmit} noValidate>
        <PasswordField
          id="offline-password"
          label={t('offline.password')}
          value={password}
          autoComplete="current-password"
          autoFocus
          required
          error={isWrong ? t('offline.wrongPassword') : undefined}
          onInput={(value) => {
            setPassword(value);
            setWrong(false);
          }}
        />
        <button type="submit" class="button button--primary button--block" disabled={isBusy}>
          {isBusy ? t('offline.unlocking') : t('offline.unlock')}
        </button>
      </form>
      <p class="offline-unlock__wipe">
        <button type="button" class="button button--block" onClick={() => void onWipe()}>
          {t('offline.wipe')}
        </button>
      </p>
    </div>
  );
}
