// /admin/users/{id}: one account. The administrator changes its display name, role, unit or
// disabled state (PATCH with the version read; a 409 stale_version reloads the account and says
// so), or resets its password (the one-time password shows once).

import { useEffect, useState } from 'preact/hooks';
import { accountChanges, getAccount, resetPassword, updateAccount, type Account } from '../api/accounts';
import { ApiError, networkError } from '../api/client';
import { isRoleId, type Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { CheckboxField, FormMessage, SelectField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { OneTimePassword } from '../components/one-time-password';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatDateTime } from '../format';
import { fieldErrors } from '../forms';
import { useApi, usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { roleLabel, useRoles, useUnitNames } from '../lookups';
import { ACCOUNT_FIELD_CODES } from './user-new-page';

interface Draft {
  display_name: string;
  role: string;
  unit: PickedUnit | null;
  is_disabled: boolean;
}

function draftOf(account: Account, unitName: string | undefined): Draft {
  return {
    display_name: account.display_name,
    role: account.role,
    unit: { code: account.unit_code, name: unitName ?? account.unit_code },
    is_disabled: account.is_disabled,
  };
}

type Notice = { kind: 'saved' } | { kind: 'stale' } | { kind: 'unchanged' } | null;

function AccountEditor({ initial, session, lang }: { initial: Account; session: Session; lang: Lang }) {
  const roles = useRoles();
  const [account, setAccount] = useState(initial);
  const unitNames = useUnitNames([account.unit_code]);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, undefined));
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [isResetting, setResetting] = useState(false);
  const [resetError, setResetError] = useState<ApiError | null>(null);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [isConfirmingReset, setConfirmingReset] = useState(false);
  const isSelf = account.id === session.user.id;

  // The unit's name arrives after the account: put it in the draft if the unit is unchanged.
  const unitName = unitNames[account.unit_code];
  useEffect(() => {
    if (!unitName) return;
    setDraft((d) => (d.unit?.code === account.unit_code && d.unit.name !== unitName ? { ...d, unit: { code: account.unit_code, name: unitName } } : d));
  }, [unitName, account.unit_code]);

  const server = fieldErrors(error, lang, ACCOUNT_FIELD_CODES);
  const otherError = error && Object.keys(server).length === 0 ? error : null;

  async function reload(): Promise<void> {
    const fresh = await getAccount(account.id);
    setAccount(fresh);
    setDraft(draftOf(fresh, unitNames[fresh.unit_code]));
  }

  async function onSave(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    setError(null);
    setNotice(null);
    if (!draft.unit || !isRoleId(draft.role)) {
      setError(null);
      return;
    }
    const changes = accountChanges(account, {
      display_name: draft.display_name,
      role: draft.role,
      unit_code: draft.unit.code,
      is_disabled: draft.is_disabled,
    });
    if (!changes) {
      setNotice({ kind: 'unchanged' });
      return;
    }
    setBusy(true);
    try {
      const saved = await updateAccount(account.id, changes);
      setAccount(saved);
      setDraft(draftOf(saved, draft.unit.code === saved.unit_code ? draft.unit.name : undefined));
      setNotice({ kind: 'saved' });
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      if (failure.status === 409 && failure.code === 'stale_version') {
        try {
          await reload();
          setNotice({ kind: 'stale' });
        } catch (again) {
          setError(again instanceof ApiError ? again : networkError());
        }
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  }

  async function onReset() {
    if (isResetting) return;
    setConfirmingReset(false);
    setResetting(true);
    setResetError(null);
    setOneTime(null);
    try {
      const reply = await resetPassword(account.id);
      setOneTime(reply.one_time_password);
      setAccount((a) => ({ ...a, must_change_password: true }));
    } catch (caught) {
      setResetError(caught instanceof ApiError ? caught : networkError());
    } finally {
      setResetting(false);
    }
  }

  return (
    <>
      <div class="card">
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('users.username')}</dt>
            <dd class="mono">{account.username}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('users.state')}</dt>
            <dd>
              {account.is_disabled ? t('users.disabled') : t('users.active')}
              {account.must_change_password && ` · ${t('users.mustChange')}`}
              {` · ${account.totp_enabled ? t('users.totpOn') : t('users.totpOff')}`}
            </dd>
          </div>
          <div class="facts__row">
            <dt>{t('users.createdAt')}</dt>
            <dd>{formatDateTime(account.created_at, lang)}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('users.updatedAt')}</dt>
            <dd>{formatDateTime(account.updated_at, lang)}</dd>
          </div>
        </dl>
      </div>

      <section class="card card--section" aria-labelledby="edit-title">
        <h2 id="edit-title" class="card__title">
          {t('users.edit')}
        </h2>
        {notice?.kind === 'saved' && <FormMessage kind="success">{t('users.saved')}</FormMessage>}
        {notice?.kind === 'unchanged' && <FormMessage kind="info">{t('users.unchanged')}</FormMessage>}
        {notice?.kind === 'stale' && <FormMessage kind="error">{t('users.stale')}</FormMessage>}
        {otherError && <FormMessage kind="error">{otherError.localized(lang)}</FormMessage>}
        {isSelf && <p class="field__hint">{t('users.selfNote')}</p>}
        <form class="form" onSubmit={onSave} noValidate>
          <TextField
            id="user-name"
            label={t('users.displayName')}
            value={draft.display_name}
            onInput={(value) => setDraft({ ...draft, display_name: value })}
            maxLength={200}
            error={server.display_name}
          />
          <SelectField
            id="user-role"
            label={t('users.role')}
            value={draft.role}
            onChange={(value) => setDraft({ ...draft, role: value })}
            disabled={isSelf}
            error={server.role}
            options={(roles ?? [{ id: account.role, name_vi: account.role, name_en: account.role, requires_totp: false }]).map((r) => ({
              value: r.id,
              label: roleLabel(roles, r.id, lang),
            }))}
          />
          {isSelf ? (
            <p class="field">
              <span class="field__label">{t('users.unit')}</span>
              <span>{draft.unit ? `${draft.unit.name} (${draft.unit.code})` : account.unit_code}</span>
            </p>
          ) : (
            <UnitPicker
              id="user-unit"
              label={t('users.unit')}
              value={draft.unit}
              onChange={(unit) => setDraft({ ...draft, unit })}
              lang={lang}
              error={server.unit_code ?? (draft.unit ? undefined : t('users.error.unitMissing'))}
            />
          )}
          <CheckboxField
            id="user-disabled"
            label={t('users.disable')}
            hint={t('users.disableHint')}
            checked={draft.is_disabled}
            disabled={isSelf}
            onChange={(checked) => setDraft({ ...draft, is_disabled: checked })}
          />
          <button type="submit" class="button button--primary button--block" disabled={isBusy || !draft.unit}>
            {isBusy ? t('form.saving') : t('users.save')}
          </button>
        </form>
      </section>

      <section class="card card--section" aria-labelledby="reset-title">
        <h2 id="reset-title" class="card__title">
          {t('users.reset')}
        </h2>
        <p class="muted">{t('users.resetText')}</p>
        {resetError && <FormMessage kind="error">{resetError.localized(lang)}</FormMessage>}
        {oneTime && <OneTimePassword username={account.username} password={oneTime} />}
        {isConfirmingReset ? (
          <div class="confirm" role="group" aria-labelledby="reset-confirm">
            <p id="reset-confirm" class="confirm__text">
              {t('users.resetConfirm', { username: account.username })}
            </p>
            <div class="actions">
              <button type="button" class="button button--danger" onClick={onReset}>
                {t('users.resetYes')}
              </button>
              <button type="button" class="button" onClick={() => setConfirmingReset(false)}>
                {t('form.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="button" disabled={isResetting} onClick={() => setConfirmingReset(true)}>
            {isResetting ? t('form.saving') : t('users.resetButton')}
          </button>
        )}
      </section>
    </>
  );
}

export function UserPage({ id, session, lang }: { id: string; session: Session; lang: Lang }) {
  const loaded = useApi((signal) => getAccount(id, signal), [id]);
  const title = loaded.data ? loaded.data.display_name || loaded.data.username : t('users.account');
  usePageTitle(title);
  return (
    <section class="page page--narrow">
      <p class="back-link">
        <Link href="/admin/users">{t('users.backToList')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {loaded.error && <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />}
      {!loaded.error && !loaded.data && <p class="loading">{t('app.loading')}</p>}
      {loaded.data && <AccountEditor key={loaded.data.id} initial={loaded.data} session={session} lang={lang} />}
    </section>
  );
}
