// /units and /units/{code}: the administrative tree, province → districts → communes, with a
// search box. The search text lives in the address (?q=) so that Back from a result returns to
// the results; typing rewrites the address without adding history entries. Administrators also
// find the way to the reorganisations (/units/changes) here.

import { useEffect, useRef, useState } from 'preact/hooks';
import { SearchIcon, CloseIcon } from '../components/icons';
import { Link } from '../components/link';
import { UnitSearchResults } from '../components/unit-search-results';
import { UnitTree } from '../components/unit-tree';
import { useDebounced, useLang, usePageTitle } from '../hooks';
import { t } from '../i18n';
import { replaceQuery } from '../router';

const SEARCH_DELAY_MS = 250;
/** The server refuses longer search texts; no unit name comes near it. */
const SEARCH_MAX_LENGTH = 100;

export interface UnitsPageProps {
  code: string | null;
  /** The address's query string, "?q=ninh" or "". */
  search: string;
  /** Whether the user may load new trees and settle their changes (administrators). */
  canReorganise?: boolean;
}

export function UnitsPage({ code, search, canReorganise = false }: UnitsPageProps) {
  const lang = useLang();
  usePageTitle(t('units.title'));
  const urlQuery = new URLSearchParams(search).get('q') ?? '';
  const [input, setInput] = useState(urlQuery);
  const inputRef = useRef<HTMLInputElement>(null);

  // A navigation (a result clicked, Back, Forward) brings its own search text.
  useEffect(() => setInput(urlQuery), [code, search]);

  const typed = input.trim();
  const query = useDebounced(typed, SEARCH_DELAY_MS);
  useEffect(() => {
    if (query === typed) replaceQuery('q', query);
  }, [query]);

  function clear() {
    setInput('');
    replaceQuery('q', '');
    inputRef.current?.focus();
  }

  return (
    <section class="page units-page">
      <h1 class="page__title" tabIndex={-1}>
        {t('units.title')}
      </h1>
      {canReorganise && (
        <p class="units-page__reorganise">
          <Link href="/units/changes">{t('unitChanges.openFromUnits')}</Link>
        </p>
      )}
      <form class="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="search__label" for="unit-search">
          {t('units.searchLabel')}
        </label>
        <div class="search__field">
          <SearchIcon class="search__icon" />
          <input
            ref={inputRef}
            id="unit-search"
            class="search__input"
            type="search"
            inputMode="search"
            autoComplete="off"
            spellcheck={false}
            maxLength={SEARCH_MAX_LENGTH}
            placeholder={t('units.searchPlaceholder')}
            aria-describedby="unit-search-hint"
            value={input}
            onInput={(event) => setInput(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && input) {
                event.preventDefault();
                clear();
              }
            }}
          />
          {input && (
            <button type="button" class="search__clear" aria-label={t('units.searchClear')} onClick={clear}>
              <CloseIcon />
            </button>
          )}
        </div>
        <p id="unit-search-hint" class="search__hint">
          {t('units.searchHint')}
        </p>
      </form>
      {typed ? (
        <UnitSearchResults query={query} isPending={typed !== query} lang={lang} />
      ) : (
        <UnitTree code={code} lang={lang} />
      )}
    </section>
  );
}
