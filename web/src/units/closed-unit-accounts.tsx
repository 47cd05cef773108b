// "Tài khoản gắn với đơn vị đã giải thể": the accounts the administrator reads whose unit a
// reorganisation closed (GET /api/unit-accounts), each with the unit, the day it closed and the
// units that took it over, and a link to the account's page, where its unit is changed.

import { ChevronIcon } from '../components/icons';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { roleLabel, useRoles } from '../lookups';
import { listClosedUnitAccounts, type ClosedUnitAccount } from './api';

function AccountRow({ account, roles, lang }: { account: ClosedUnitAccount; roles: ReturnType<typeof useRoles>; lang: Lang }) {
  const name = account.display_name || account.username;
  const successors = account.successors.map((u) => `${u.name} (${u.code})`).join(', ');
  return (
    <li>
      <Link href={`/admin/users/${encodeURIComponent(account.id)}`} class="record-row" aria-label={t('unitChanges.accounts.open', { name })}>
        <span class="record-row__main">
          <span class="record-row__title">
            {name}
            <span class="record-row__sub mono">{account.username}</span>
          </span>
          <span class="record-row__meta">
            {roleLabel(roles, account.role, lang)} ·{' '}
            {t('unitChanges.accounts.closedOn', { unit: account.unit_name, code: account.unit_code, date: formatDate(account.closed_on, lang) })}
          </span>
          <span class="record-row__meta">
            {successors ? t('unitChanges.accounts.successors', { units: successors }) : t('unitChanges.accounts.noSuccessor')}
          </span>
        </span>
        <ChevronIcon class="record-row__chevron" />
      </Link>
    </li>
  );
}

export function ClosedUnitAccounts({ lang, version }: { lang: Lang; version: number }) {
  const list = useApi((signal) => listClosedUnitAccounts(signal), [version]);
  const roles = useRoles();
  const items = list.data?.items ?? [];
  return (
    <section class="card card--section closed-unit-accounts" aria-labelledby="closed-accounts-title">
      <h2 id="closed-accounts-title" class="card__title">
        {t('unitChanges.accounts.title')}
      </h2>
      <p class="muted">{t('unitChanges.accounts.intro')}</p>
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {list.data && (
        <>
          <p class="list-status muted" role="status">
            {items.length === 0 ? t('unitChanges.accounts.none') : t('unitChanges.accounts.count', { n: items.length })}
          </p>
          {items.length > 0 && (
            <ul class={list.isLoading ? 'record-list is-busy' : 'record-list'}>
              {items.map((account) => (
                <AccountRow key={account.id} account={account} roles={roles} lang={lang} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
