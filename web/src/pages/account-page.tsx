// /account: who is signed in (name, user name, role, unit), changing the password, and setting
// up two-step sign-in when it is not on yet.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { refreshSession } from '../auth/session';
import { displayName } from '../components/account-menu';
import { FormMessage } from '../components/form-fields';
import { PasswordForm } from '../components/password-form';
import { TotpEnrolment } from '../components/totp-enrolment';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { roleLabel, useRoles, useUnitNames } from '../lookups';

export function AccountPage({ session, lang }: { session: Session; lang: Lang }) {
  usePageTitle(t('accountPage.title'));
  const roles = useRoles();
  const units = useUnitNames([session.user.unit_code]);
  const [passwordDone, setPasswordDone] = useState(false);
  const [isEnrolling, setEnrolling] = useState(false);
  const [totpDone, setTotpDone] = useState(false);
  const user = session.user;
  const unitName = units[user.unit_code];

  return (
    <section class="page page--narrow">
      <h1 class="page__title" tabIndex={-1}>
        {t('accountPage.title')}
      </h1>

      <div class="card">
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('accountPage.name')}</dt>
            <dd>{displayName(session)}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('accountPage.username')}</dt>
            <dd class="mono">{user.username}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('accountPage.role')}</dt>
            <dd>{roleLabel(roles, user.role, lang)}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('accountPage.unit')}</dt>
            <dd>{unitName ? `${unitName} (${user.unit_code})` : user.unit_code}</dd>
          </div>
        </dl>
      </div>

      <section class="card card--section" aria-labelledby="password-title">
        <h2 id="password-title" class="card__title">
          {t('password.title')}
        </h2>
        {passwordDone && <FormMessage kind="success">{t('password.changedHere')}</FormMessage>}
        <PasswordForm lang={lang} submitLabel={t('password.submit')} onChanged={() => setPasswordDone(true)} />
      </section>

      <section class="card card--section" aria-labelledby="totp-title">
        <h2 id="totp-title" class="card__title">
          {t('totp.title')}
        </h2>
        {user.totp_enabled && !isEnrolling ? (
          <p class="status-line">
            <span class="badge badge--ok">{t('totp.on')}</span> {t('totp.onText')}
          </p>
        ) : isEnrolling ? (
          <TotpEnrolment
            lang={lang}
            headingLevel={3}
            onDone={() => {
              setEnrolling(false);
              setTotpDone(true);
              void refreshSession();
            }}
          />
        ) : (
          <>
            {totpDone && <FormMessage kind="success">{t('totp.enabled')}</FormMessage>}
            <p class="status-line">
              <span class="badge badge--off">{t('totp.off')}</span> {t('totp.offText')}
            </p>
            <button type="button" class="button button--primary" onClick={() => setEnrolling(true)}>
              {t('totp.setUp')}
            </button>
          </>
        )}
      </section>
    </section>
  );
}
