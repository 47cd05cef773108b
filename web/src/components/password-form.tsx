// Change one's own password: current, new, new again. The rules are said before typing: at least
// 8 characters and not one of the common passwords, nothing about digits or symbols (a long
// phrase is best). The server's field errors show under their fields in the user's words.

import { useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { changePassword } from '../api/auth';
import { fieldErrors, type KnownCodes } from '../forms';
import { t, type Lang } from '../i18n';
import { FormMessage, PasswordField } from './form-fields';

const MIN_LENGTH = 8;

const KNOWN: KnownCodes = {
  'current_password:incorrect': 'password.error.incorrect',
  too_short: 'password.error.tooShort',
  too_long: 'password.error.tooLong',
  too_common: 'password.error.tooCommon',
  same_as_username: 'password.error.sameAsUsername',
  unchanged: 'password.error.unchanged',
};

/** The errors found before asking the server: an empty field, a repeat that differs. */
export function localPasswordErrors(current: string, next: string, repeat: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!current) errors.current_password = t('password.error.currentMissing');
  if (!next) errors.new_password = t('password.error.newMissing');
  else if ([...next].length < MIN_LENGTH) errors.new_password = t('password.error.tooShort');
  if (next && repeat !== next) errors.repeat = t('password.error.mismatch');
  return errors;
}

export interface PasswordFormProps {
  lang: Lang;
  /** Called after the server accepted the new password. */
  onChanged: () => void;
  submitLabel: string;
}

export function PasswordForm({ lang, onChanged, submitLabel }: PasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const server = fieldErrors(error, lang, KNOWN);
  const errors = { ...server, ...local };
  const otherError = error && Object.keys(server).length === 0 ? error : null;

  function focusFirstError(found: Record<string, string>) {
    const order = ['current_password', 'new_password', 'repeat'];
    const first = order.find((name) => found[name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`#password-${first.replace('_', '-')}`)?.focus();
  }

  /** A setter that also forgets the error shown under the field, now that it changed. */
  function edit(field: string, set: (value: string) => void) {
    return (value: string) => {
      set(value);
      if (local[field]) setLocal(({ [field]: _gone, ...rest }) => rest);
      if (error?.fields.some((f) => f.field === field)) setError(null);
    };
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const found = localPasswordErrors(current, next, repeat);
    setLocal(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setBusy(false);
      onChanged();
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      setBusy(false);
      setError(failure);
      focusFirstError(fieldErrors(failure, lang, KNOWN));
    }
  }

  return (
    <form class="form" ref={form} onSubmit={onSubmit} noValidate>
      <p class="form__rules">{t('password.rules')}</p>
      {otherError && <FormMessage kind="error">{otherError.localized(lang)}</FormMessage>}
      <PasswordField
        id="password-current-password"
        label={t('password.current')}
        value={current}
        onInput={edit('current_password', setCurrent)}
        autoComplete="current-password"
        error={errors.current_password}
        required
      />
      <PasswordField
        id="password-new-password"
        label={t('password.new')}
        hint={t('password.newHint')}
        value={next}
        onInput={edit('new_password', setNext)}
        autoComplete="new-password"
        error={errors.new_password}
        required
      />
      <PasswordField
        id="password-repeat"
        label={t('password.repeat')}
        value={repeat}
        onInput={edit('repeat', setRepeat)}
        autoComplete="new-password"
        error={errors.repeat}
        required
      />
      <button type="submit" class="button button--primary button--block" disabled={isBusy}>
        {isBusy ? t('form.saving') : submitLabel}
      </button>
    </form>
  );
}
