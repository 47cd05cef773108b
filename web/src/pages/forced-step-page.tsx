// The steps a limited session must finish before the app opens: a new password in place of a
// one-time one ("Đổi mật khẩu"), then, for the roles that need it, two-step sign-in ("Xác thực
// hai lớp"). The address stays what it was, so the app continues there afterwards.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { pendingStep } from '../auth/guards';
import { refreshSession } from '../auth/session';
import { displayName } from '../components/account-menu';
import { FormMessage } from '../components/form-fields';
import { PasswordForm } from '../components/password-form';
import { TotpEnrolment } from '../components/totp-enrolment';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';

export function ForcedStepPage({ session, lang }: { session: Session; lang: Lang }) {
  const step = pendingStep(session);
  const [passwordChanged, setPasswordChanged] = useState(false);
  const title = step === 'password' ? t('password.title') : t('totp.title');
  usePageTitle(title);
  let progress: string | null = null;
  if (session.must_change_password && session.must_enrol_totp) progress = t('forced.step', { n: 1, total: 2 });
  else if (step === 'totp' && passwordChanged) progress = t('forced.step', { n: 2, total: 2 });

  return (
    <section class="page page--narrow forced-step">
      <p class="forced-step__progress muted">
        {t('forced.hello', { name: displayName(session) })}
        {progress && ` ${progress}`}
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {step === 'password' && (
        <div class="card">
          <p class="forced-step__why">{t('password.forcedIntro')}</p>
          <PasswordForm
            lang={lang}
            submitLabel={t('password.submit')}
            onChanged={() => {
              setPasswordChanged(true);
              void refreshSession();
            }}
          />
        </div>
      )}
      {step === 'totp' && (
        <div class="card">
          {passwordChanged && <FormMessage kind="success">{t('password.changed')}</FormMessage>}
          <p class="forced-step__why">{t('totp.forcedIntro')}</p>
          <TotpEnrolment lang={lang} onDone={() => void refreshSession()} />
        </div>
      )}
    </section>
  );
}
