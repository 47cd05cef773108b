// A one-time password the server returned once (new account, password reset): shown large, with
// a copy button and the warning that it will not be shown again.

import { t } from '../i18n';
import { CopyButton } from './copy-button';

export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <div class="one-time" role="status">
      <p class="one-time__label">{t('otp.label', { username })}</p>
      <p class="secret one-time__value" id="one-time-password">
        {password}
      </p>
      <CopyButton text={password} />
      <p class="one-time__warning">{t('otp.warning')}</p>
    </div>
  );
}
