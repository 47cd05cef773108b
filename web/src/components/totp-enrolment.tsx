// Setting up two-step sign-in: POST /api/auth/totp/enrol gives a secret and its otpauth:// URI,
// shown as a QR code and as the key in groups of four; the user types the app's 6-digit code
// (POST /api/auth/totp/confirm) and gets 10 recovery codes, shown once, which they must confirm
// they have kept before going on.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { confirmTotp, startTotpEnrolment, type TotpEnrolment as Enrolment } from '../api/auth';
import { cleanCode, groupSecret } from '../format';
import { fieldErrors } from '../forms';
import { t, type Lang } from '../i18n';
import { CopyButton } from './copy-button';
import { ErrorNotice } from './error-notice';
import { CheckboxField, FormMessage, TextField } from './form-fields';
import { QrCode } from './qr-code';

export interface TotpEnrolmentProps {
  lang: Lang;
  /** Called when the user has confirmed they kept the recovery codes. */
  onDone: () => void;
  /** The heading level of the steps: 2 on its own page, 3 inside the account page. */
  headingLevel?: 2 | 3;
}

export function TotpEnrolment({ lang, onDone, headingLevel = 2 }: TotpEnrolmentProps) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [hasSaved, setSaved] = useState(false);
  const codesHeading = useRef<HTMLHeadingElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    let isCurrent = true;
    setStartError(null);
    startTotpEnrolment().then(
      (reply) => {
        if (isCurrent) setEnrolment(reply);
      },
      (failure: unknown) => {
        if (isCurrent) setStartError(failure instanceof ApiError ? failure : networkError());
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt]);

  useEffect(() => {
    if (recoveryCodes) codesHeading.current?.focus();
  }, [recoveryCodes]);

  async function onConfirm(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const typed = cleanCode(code);
    setConfirmError(null);
    if (!/^\d{6}$/.test(typed)) {
      setCodeError(t('totp.error.format'));
      return;
    }
    setCodeError(null);
    setBusy(true);
    try {
      const reply = await confirmTotp(typed);
      setRecoveryCodes(reply.recovery_codes);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      const fields = fieldErrors(failure, lang, { incorrect: 'totp.error.incorrect' });
      if (fields.code) setCodeError(fields.code);
      else setConfirmError(failure);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (recoveryCodes) {
    const asText = recoveryCodes.join('\n');
    return (
      <div class="totp">
        <Heading class="section-title" tabIndex={-1} ref={codesHeading}>
          {t('totp.codesTitle')}
        </Heading>
        <FormMessage kind="success">{t('totp.enabled')}</FormMessage>
        <p class="totp__text">{t('totp.codesIntro')}</p>
        <ol class="recovery-codes" aria-label={t('totp.codesTitle')}>
          {recoveryCodes.map((c) => (
            <li key={c} class="recovery-codes__item">
              {c}
            </li>
          ))}
        </ol>
        <p class="totp__actions">
          <CopyButton text={asText} label={t('totp.copyCodes')} />
        </p>
        <p class="totp__text muted">{t('totp.codesOnce')}</p>
        <CheckboxField id="totp-saved" label={t('totp.saved')} checked={hasSaved} onChange={setSaved} />
        <button type="button" class="button button--primary button--block" disabled={!hasSaved} onClick={onDone}>
          {t('totp.continue')}
        </button>
      </div>
    );
  }

  if (startError) return <ErrorNotice error={startError} lang={lang} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!enrolment) return <p class="loading">{t('app.loading')}</p>;

  return (
    <div class="totp">
      <ol class="steps">
        <li class="steps__item">
          <Heading class="steps__title">{t('totp.step1')}</Heading>
          <p class="totp__text">{t('totp.step1Text')}</p>
        </li>
        <li class="steps__item">
          <Heading class="steps__title">{t('totp.step2')}</Heading>
          <div class="totp__secret">
            <QrCode text={enrolment.otpauth_uri} label={t('totp.qrLabel')} />
            <div class="totp__key">
              <p class="totp__text">{t('totp.keyIntro')}</p>
              <p class="secret" id="totp-secret" aria-label={t('totp.keyLabel')}>
                {groupSecret(enrolment.secret)}
              </p>
              <CopyButton text={enrolment.secret} label={t('totp.copyKey')} />
              <p class="field__hint">{t('totp.keyDetails')}</p>
            </div>
          </div>
        </li>
        <li class="steps__item">
          <Heading class="steps__title">{t('totp.step3')}</Heading>
          {confirmError && <FormMessage kind="error">{confirmError.localized(lang)}</FormMessage>}
          <form class="form form--inline" onSubmit={onConfirm} noValidate>
            <TextField
              id="totp-code"
              label={t('totp.code')}
              hint={t('totp.codeHint')}
              value={code}
              onInput={setCode}
              autoComplete="one-time-code"
              inputMode="numeric"
              isVerbatim
              maxLength={9}
              error={codeError ?? undefined}
              class="input--code"
            />
            <button type="submit" class="button button--primary" disabled={isBusy}>
              {isBusy ? t('totp.confirming') : t('totp.confirm')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}
