// The control of a record field of kind "accounts" (an inspection's team): a checklist of the
// accounts that may be named for a record at the form's unit (GET /api/<path>/assignable-accounts
// ?unit=, fetched again when the unit changes), each by its display name and its role's name
// (GET /api/roles), with a search box when the list is long. Accounts chosen earlier that the
// unit's list no longer has stay ticked at the top, marked, so that they can be unticked.

import { useState } from 'preact/hooks';
import { listAssignableAccounts, type FieldSpec } from '../api/records';
import { useApi } from '../hooks';
import { t, type Lang } from '../i18n';
import { rememberAssignableAccounts, roleLabel, useRoles } from '../lookups';
import { ACCOUNT_SEARCH_FROM, accountChoices, toggleAccount } from '../records/accounts';
import { labelOf } from '../records/values';

export interface RecordAccountsFieldProps {
  field: FieldSpec;
  id: string;
  /** The draft: the chosen account ids, in the order chosen. */
  value: readonly string[];
  onChange: (value: string[]) => void;
  lang: Lang;
  /** The path of the record type ("inspections"), whose assignable accounts are listed. */
  typePath: string;
  /** The unit the form's record is at; "" while none is chosen. */
  unit: string;
  hint?: string | undefined;
  error?: string | undefined;
}

export function RecordAccountsField({ field, id, value, onChange, lang, typePath, unit, hint, error }: RecordAccountsFieldProps) {
  const [query, setQuery] = useState('');
  const roles = useRoles();
  const list = useApi(
    (signal) =>
      unit
        ? listAssignableAccounts(typePath, unit, signal).then((items) => {
            rememberAssignableAccounts(typePath, unit, items);
            return items;
          })
        : null,
    [typePath, unit],
  );
  const accounts = unit ? list.data ?? [] : [];
  const isSearchable = accounts.length >= ACCOUNT_SEARCH_FROM;
  const choices = accountChoices(accounts, value, (role) => roleLabel(roles, role, lang), isSearchable ? query : '');
  const label = labelOf(field, lang);
  const describedBy = [`${id}-status`, hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const isLoaded = !!unit && !!list.data && !list.isLoading;

  let status: string;
  if (!unit) status = t('records.accounts.noUnit', undefined, lang);
  else if (list.isLoading && !list.data) status = t('app.loading', undefined, lang);
  else if (isLoaded && accounts.length === 0) status = t('records.accounts.none', undefined, lang);
  else status = value.length > 0 ? t('records.accounts.chosen', { n: value.length }, lang) : t('records.accounts.chosenNone', undefined, lang);
  const hasNoMatch = isSearchable && query.trim() !== '' && !choices.some((c) => !c.isChecked);

  return (
    <fieldset class={error ? 'field fieldset accounts-field field--invalid' : 'field fieldset accounts-field'} id={id} aria-describedby={describedBy}>
      <legend class="field__label">{label}</legend>
      <p id={`${id}-status`} class="field__hint accounts-field__status">
        {status}
      </p>
      {list.error && unit && <p class="field__error">{list.error.localized(lang)}</p>}
      {isSearchable && (
        <div class="accounts-field__search">
          <label class="visually-hidden" for={`${id}-search`}>
            {t('records.accounts.search', undefined, lang)}
          </label>
          <input
            id={`${id}-search`}
            class="input"
            type="search"
            value={query}
            autoComplete="off"
            maxLength={100}
            placeholder={t('records.accounts.search', undefined, lang)}
            onInput={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault(); // not the whole form
            }}
          />
        </div>
      )}
      {choices.length > 0 && (
        <ul class={isSearchable ? 'accounts-field__list accounts-field__list--long' : 'accounts-field__list'}>
          {choices.map((choice) => {
            const box = `${id}-${choice.id}`;
            return (
              <li class="field field--check account-choice" key={choice.id}>
                <input
                  id={box}
                  name={id}
                  class="checkbox"
                  type="checkbox"
                  value={choice.id}
                  checked={choice.isChecked}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => onChange(toggleAccount(value, choice.id, event.currentTarget.checked))}
                />
                <label class="field__check-label account-choice__label" for={box}>
                  <span class="account-choice__name">{choice.name}</span>
                  <span class="account-choice__role">{choice.isMissing ? t('records.accounts.missing', undefined, lang) : choice.roleName}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {hasNoMatch && <p class="field__hint">{t('records.accounts.noMatch', { q: query.trim() }, lang)}</p>}
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
