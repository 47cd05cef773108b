// /admin/users/new: a new account (user name, display name, role, unit). The server answers with
// a one-time password, shown here once; the new user must change it at first sign-in.

import { useState } from 'preact/hooks';
import { createAccount, type Account } from '../api/accounts';
import { ApiError, networkError } from '../api/client';
import { isRoleId, type Session } from '../api/auth';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { OneTimePassword } from '../components/one-time-password';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { fieldErrors, type KnownCodes } from '../forms';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { roleLabel, useRoles, useUnitNames } from '../lookups';

export const ACCOUNT_FIELD_CODES: KnownCodes = {
  'username:invalid_format': 'users.error.usernameFormat',
  'username:already_exists': 'users.error.usernameTaken',
  'unit_code:out_of_scope': 'users.error.unitOutOfScope',
  'unit_code:not_found': 'users.error.unitNotFound',
  'unit_code:required': 'users.error.unitMissing',
  'role:invalid_value': 'users.error.roleMissing',
  'role:own_account': 'users.error.ownAccount',
};

const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export function UserNewPage({ session, lang }: { session: Session; lang: Lang }) {
  usePageTitle(t('users.new'));
  const roles = useRoles();
  const own = session.user.unit_code;
  const ownName = useUnitNames([own])[own];
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<(Account & { one_time_password: string }) | null>(null);

  // Until the administrator touches the unit, their own unit is the choice.
  const [isUnitTouched, setUnitTouched] = useState(false);
  const picked = unit ?? (!isUnitTouched && ownName ? { code: own, name: ownName } : null);

  const server = fieldErrors(error, lang, ACCOUNT_FIELD_CODES);
  const errors = { ...server, ...local };
  const otherError = error && Object.keys(server).length === 0 ? error : null;

  /** A setter that also forgets the error shown under the field, now that it changed. */
  function edit<T>(field: string, set: (value: T) => void) {
    return (value: T) => {
      set(value);
      if (local[field]) setLocal(({ [field]: _gone, ...rest }) => rest);
      if (error?.fields.some((f) => f.field === field)) setError(null);
    };
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const found: Record<string, string> = {};
    const cleanUsername = username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(cleanUsername)) found.username = t('users.error.usernameFormat');
    if (!isRoleId(role)) found.role = t('users.error.roleMissing');
    if (!picked) found.unit_code = t('users.error.unitMissing');
    setLocal(found);
    setError(null);
    if (Object.keys(found).length > 0 || !isRoleId(role) || !picked) {
      document.getElementById(`user-${Object.keys(found)[0]?.replace('_code', '') ?? 'username'}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const account = await createAccount({ username: cleanUsername, display_name: name.trim(), role, unit_code: picked.code });
      setCreated(account);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : networkError());
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setCreated(null);
    setUsername('');
    setName('');
    setRole('');
    setUnit(null);
    setUnitTouched(false);
    setLocal({});
    setError(null);
  }

  if (created) {
    return (
      <section class="page page--narrow">
        <h1 class="page__title" tabIndex={-1}>
          {t('users.created')}
        </h1>
        <div class="card">
          <p>
            {t('users.createdText', {
              name: created.display_name || created.username,
              role: roleLabel(roles, created.role, lang),
            })}
          </p>
          <OneTimePassword username={created.username} password={created.one_time_password} />
          <div class="actions">
            <Link href={`/admin/users/${encodeURIComponent(created.id)}`} class="button">
              {t('users.open')}
            </Link>
            <button type="button" class="button" onClick={another}>
              {t('users.addAnother')}
            </button>
            <Link href="/admin/users" class="button">
              {t('users.backToList')}
            </Link>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section class="page page--narrow">
      <p class="back-link">
        <Link href="/admin/users">{t('users.backToList')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {t('users.new')}
      </h1>
      <div class="card">
        {otherError && <FormMessage kind="error">{otherError.localized(lang)}</FormMessage>}
        <form class="form" onSubmit={onSubmit} noValidate>
          <TextField
            id="user-username"
            label={t('users.username')}
            hint={t('users.usernameHint')}
            value={username}
            onInput={edit('username', setUsername)}
            autoComplete="off"
            isVerbatim
            maxLength={64}
            required
            error={errors.username}
          />
          <TextField
            id="user-name"
            label={t('users.displayName')}
            hint={t('users.displayNameHint')}
            value={name}
            onInput={edit('display_name', setName)}
            autoComplete="off"
            maxLength={200}
            error={errors.display_name}
          />
          <SelectField
            id="user-role"
            label={t('users.role')}
            value={role}
            onChange={edit('role', setRole)}
            required
            error={errors.role}
            options={[{ value: '', label: t('users.chooseRole') }, ...(roles ?? []).map((r) => ({ value: r.id, label: roleLabel(roles, r.id, lang) }))]}
          />
          <UnitPicker
            id="user-unit"
            label={t('users.unit')}
            hint={t('users.unitHint')}
            value={picked}
            onChange={edit('unit_code', (next: PickedUnit | null) => {
              setUnitTouched(true);
              setUnit(next);
            })}
            lang={lang}
            error={errors.unit_code}
          />
          <button type="submit" class="button button--primary button--block" disabled={isBusy}>
            {isBusy ? t('form.saving') : t('users.create')}
          </button>
        </form>
      </div>
    </section>
  );
}
