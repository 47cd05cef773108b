// /admin/users: the accounts within the administrator's unit, searched by name, filtered by role
// and paged; the search, the role and the page live in the address. Each row opens the account.

import { useEffect, useState } from 'preact/hooks';
import { listAccounts, type Account } from '../api/accounts';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/form-fields';
import { ChevronIcon } from '../components/icons';
import { Link } from '../components/link';
import { Pager } from '../components/pager';
import { pageFromSearch } from '../format';
import { useApi, useDebounced, usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { roleLabel, useRoles, useUnitNames } from '../lookups';
import { updateQuery } from '../router';

export const USERS_PAGE_SIZE = 20;

function AccountBadges({ account }: { account: Account }) {
  return (
    <span class="badges">
      {account.is_disabled && <span class="badge badge--danger">{t('users.disabled')}</span>}
      {account.must_change_password && <span class="badge badge--warn">{t('users.mustChange')}</span>}
      {account.totp_enabled && <span class="badge badge--ok">{t('users.totpOn')}</span>}
    </span>
  );
}

export function UsersPage({ search, lang }: { search: string; lang: Lang }) {
  usePageTitle(t('users.title'));
  const params = new URLSearchParams(search);
  const urlQuery = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const page = pageFromSearch(search);
  const [text, setText] = useState(urlQuery);
  const typed = text.trim();
  const debounced = useDebounced(typed, 300);
  const roles = useRoles();

  // Back and Forward bring their own search text.
  useEffect(() => setText(urlQuery), [urlQuery]);
  useEffect(() => {
    if (debounced === typed && debounced !== urlQuery) updateQuery({ q: debounced, page: null });
  }, [debounced]);

  const list = useApi(
    (signal) => listAccounts({ q: urlQuery, role, limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE }, signal),
    [urlQuery, role, page],
  );
  const items = list.data?.items ?? [];
  const units = useUnitNames(items.map((a) => a.unit_code));

  const roleOptions = [
    { value: '', label: t('users.allRoles') },
    ...(roles ?? []).map((r) => ({ value: r.id, label: roleLabel(roles, r.id, lang) })),
  ];

  return (
    <section class="page page--wide">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('users.title')}
        </h1>
        <Link href="/admin/users/new" class="button button--primary">
          {t('users.add')}
        </Link>
      </div>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          id="users-q"
          type="search"
          label={t('users.search')}
          hint={t('users.searchHint')}
          value={text}
          onInput={setText}
          isVerbatim
          maxLength={100}
        />
        <SelectField
          id="users-role"
          label={t('users.role')}
          value={role}
          options={roleOptions}
          onChange={(value) => updateQuery({ role: value, page: null })}
        />
      </form>

      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && (
        <>
          <p class="list-status muted" role="status">
            {list.isLoading ? t('app.loading') : t('users.count', { n: list.data.total })}
          </p>
          {items.length === 0 ? (
            <div class="card">
              <p class="muted">{t('users.none')}</p>
            </div>
          ) : (
            <ul class={list.isLoading ? 'record-list is-busy' : 'record-list'}>
              {items.map((account) => (
                <li key={account.id}>
                  <Link href={`/admin/users/${encodeURIComponent(account.id)}`} class="record-row">
                    <span class="record-row__main">
                      <span class="record-row__title">
                        {account.display_name || account.username}
                        <span class="record-row__sub mono">{account.username}</span>
                      </span>
                      <span class="record-row__meta">
                        {roleLabel(roles, account.role, lang)} · {units[account.unit_code] ?? account.unit_code}
                      </span>
                      <AccountBadges account={account} />
                    </span>
                    <ChevronIcon class="record-row__chevron" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Pager
            page={page}
            limit={USERS_PAGE_SIZE}
            total={list.data.total}
            label={t('paging.label')}
            onPage={(next) => updateQuery({ page: next > 1 ? next : null }, { push: true })}
          />
        </>
      )}
    </section>
  );
}
