// Picks a record of another kind for a reference field (the industrial zone of a workforce count,
// the training of a participant): the latest records of that kind, narrowed by typing part of
// their text (GET /api/<type>?q=), within more filters when the page gives them (the commune of
// an establishment being merged), leaving out one record (itself). The chosen record shows by its
// title with a button to choose another, like the unit picker.

import { useState } from 'preact/hooks';
import type { Query } from '../api/client';
import { listRecords, type RecordType, type StoredRecord } from '../api/records';
import { useApi, useDebounced } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { rememberRecord, useUnitNames } from '../lookups';
import { labelOf, recordTitle } from '../records/values';

export interface RecordPickerProps {
  id: string;
  label: string;
  /** The kind of the records offered; undefined when the server's description names none known. */
  type: RecordType | undefined;
  value: string;
  /** The chosen record, once known (the title shows instead of the id). */
  record: StoredRecord | undefined;
  onChange: (id: string) => void;
  lang: Lang;
  error?: string | undefined;
  hint?: string | undefined;
  /** More filters of the list offered ({unit: "14347"}). */
  filters?: Query | undefined;
  /** A record never offered (the record being merged). */
  exclude?: string | undefined;
}

const RESULT_LIMIT = 8;

export function RecordPicker({ id, label, type, value, record, onChange, lang, error, hint, filters, exclude }: RecordPickerProps) {
  const [text, setText] = useState('');
  const [isOpen, setOpen] = useState(false);
  const query = useDebounced(text.trim(), 250);
  const filterKey = JSON.stringify(filters ?? {});
  // One more than shown, so that leaving out `exclude` still shows RESULT_LIMIT.
  const results = useApi(
    (signal) => (type && !value && (isOpen || query) ? listRecords(type, { ...filters, q: query, limit: RESULT_LIMIT + (exclude ? 1 : 0) }, signal) : null),
    [type?.path, query, value === '', isOpen, filterKey, exclude ?? ''],
  );
  const found = results.data?.items ?? [];
  const items = (exclude ? found.filter((item) => item.id !== exclude) : found).slice(0, RESULT_LIMIT);
  const hasExcluded = !!exclude && found.some((item) => item.id === exclude);
  const total = results.data ? Math.max(0, results.data.total - (hasExcluded ? 1 : 0)) : 0;
  const names = useUnitNames(items.map((r) => r.unit));
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;

  if (value) {
    return (
      <div class={error ? 'field field--invalid' : 'field'}>
        <span class="field__label" id={`${id}-label`}>
          {label}
        </span>
        <div class="unit-picked" aria-labelledby={`${id}-label`} aria-describedby={described}>
          <span class="unit-picked__name">
            {record && type ? recordTitle(type, record, lang) : value}
            {record && <span class="unit-picked__code"> · {formatDate(record.date, lang)}</span>}
          </span>
          <button
            type="button"
            class="button button--small"
            id={id}
            onClick={() => {
              onChange('');
              setText('');
              setOpen(true);
            }}
          >
            {t('recordPicker.change')}
          </button>
        </div>
        {hint && <p id={hintId} class="field__hint">{hint}</p>}
        {error && <p id={errorId} class="field__error">{error}</p>}
      </div>
    );
  }

  let status = t('recordPicker.hint', { type: type ? labelOf(type, lang) : '' });
  if (!type) status = t('recordPicker.unknownType');
  else if (results.isLoading && (isOpen || query)) status = t('units.searching');
  else if (results.data) status = total === 0 ? t('recordPicker.none') : t('count.results', { n: total });

  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      <input
        id={id}
        class="input"
        type="search"
        value={text}
        autoComplete="off"
        maxLength={100}
        disabled={!type}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-status`, described].filter(Boolean).join(' ')}
        onFocus={() => setOpen(true)}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            const only = items.length === 1 ? items[0] : undefined;
            if (only && type) {
              rememberRecord(type, only);
              onChange(only.id);
            }
          }
        }}
      />
      <p id={`${id}-status`} class="field__hint" role="status">
        {status}
      </p>
      {results.error && <p class="field__error">{results.error.localized(lang)}</p>}
      {type && items.length > 0 && (
        <ul class="unit-options">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class="unit-option"
                onClick={() => {
                  rememberRecord(type, item);
                  onChange(item.id);
                }}
              >
                <span class="unit-option__name">{recordTitle(type, item, lang)}</span>
                <span class="unit-option__meta">
                  {names[item.unit] ?? item.unit} · {formatDate(item.date, lang)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hint && <p id={hintId} class="field__hint">{hint}</p>}
      {error && <p id={errorId} class="field__error">{error}</p>}
    </div>
  );
}
