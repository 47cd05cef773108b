// Picks an administrative unit by typing part of its name (GET /api/units?q=, which ignores case
// and diacritics). The chosen unit shows with its code and a button to choose another.

import { useState } from 'preact/hooks';
import { listUnits, type Unit, type UnitLevel } from '../api/units';
import { useApi, useDebounced } from '../hooks';
import { t, unitTypeLabel, type Lang } from '../i18n';
import { rememberUnitName } from '../lookups';

export interface PickedUnit {
  code: string;
  name: string;
}

export interface UnitPickerProps {
  id: string;
  label: string;
  value: PickedUnit | null;
  onChange: (unit: PickedUnit | null) => void;
  lang: Lang;
  error?: string | undefined;
  hint?: string | undefined;
  /** Only units of these levels are offered (all levels when left out). */
  levels?: readonly UnitLevel[] | undefined;
}

const RESULT_LIMIT = 8;

function describe(unit: Unit, lang: Lang): string {
  const parts = [unitTypeLabel(unit.type, lang)];
  if (unit.parent_name) parts.push(unit.parent_name);
  return parts.join(' · ');
}

export function UnitPicker({ id, label, value, onChange, lang, error, hint, levels }: UnitPickerProps) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 250);
  // One level: the server filters. Several (but not all): more results, filtered here.
  const only = levels?.length === 1 ? levels[0] : undefined;
  const isFiltered = levels !== undefined && levels.length > 1 && levels.length < 3;
  const levelKey = levels?.join(',') ?? '';
  const results = useApi(
    (signal) =>
      query && !value
        ? listUnits({ q: query, level: only, limit: isFiltered ? RESULT_LIMIT * 4 : RESULT_LIMIT }, signal).then((reply) => {
            if (!isFiltered) return reply;
            const items = reply.items.filter((unit) => levels.includes(unit.level));
            return { ...reply, items: items.slice(0, RESULT_LIMIT), total: items.length };
          })
        : null,
    [query, value === null, levelKey],
  );
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
            {value.name} <span class="unit-picked__code">{t('units.code', { code: value.code })}</span>
          </span>
          <button
            type="button"
            class="button button--small"
            id={id}
            onClick={() => {
              onChange(null);
              setText('');
            }}
          >
            {t('unitPicker.change')}
          </button>
        </div>
        {hint && <p id={hintId} class="field__hint">{hint}</p>}
        {error && <p id={errorId} class="field__error">{error}</p>}
      </div>
    );
  }

  const items = results.data?.items ?? [];
  let status = '';
  if (query && !results.isLoading && results.data) {
    status = results.data.total === 0 ? t('units.noResults', { q: query }) : t('count.results', { n: results.data.total });
  } else if (query) status = t('units.searching');

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
        spellcheck={false}
        placeholder={t('units.searchPlaceholder')}
        maxLength={100}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-status`, described].filter(Boolean).join(' ')}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter picks the only result instead of submitting the whole form.
          if (event.key === 'Enter') {
            event.preventDefault();
            const only = items.length === 1 ? items[0] : undefined;
            if (only) {
              rememberUnitName(only.code, only.name);
              onChange({ code: only.code, name: only.name });
            }
          }
        }}
      />
      <p id={`${id}-status`} class="field__hint" role="status">
        {status || t('unitPicker.hint')}
      </p>
      {results.error && <p class="field__error">{results.error.localized(lang)}</p>}
      {items.length > 0 && (
        <ul class="unit-options">
          {items.map((unit) => (
            <li key={unit.code}>
              <button
                type="button"
                class="unit-option"
                onClick={() => {
                  rememberUnitName(unit.code, unit.name);
                  onChange({ code: unit.code, name: unit.name });
                }}
              >
                <span class="unit-option__name">{unit.name}</span>
                <span class="unit-option__meta">
                  {describe(unit, lang)} · {unit.code}
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
