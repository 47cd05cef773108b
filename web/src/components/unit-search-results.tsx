// The units whose names match the search text, each with the names of the units above it. The
// server folds case and diacritics, so "ninh nhat" finds "Xã Ninh Nhất".

import { ancestorNames, listUnits, loadUpperUnits } from '../api/units';
import { useApi } from '../hooks';
import { t, type Lang } from '../i18n';
import { ErrorNotice } from './error-notice';
import { UnitRow } from './unit-row';

const RESULT_LIMIT = 50;

export interface UnitSearchResultsProps {
  /** The debounced, trimmed search text; empty while the user is still typing. */
  query: string;
  /** True while the typed text differs from `query` (a search is about to start). */
  isPending: boolean;
  lang: Lang;
}

export function UnitSearchResults({ query, isPending, lang }: UnitSearchResultsProps) {
  const results = useApi((signal) => (query ? listUnits({ q: query, limit: RESULT_LIMIT }, signal) : null), [query]);
  // Names for the paths; a failure here only leaves the paths out.
  const upper = useApi(() => (query ? loadUpperUnits() : null), [query !== '']);

  const isSearching = isPending || results.isLoading || !query;
  let status: string;
  if (results.error) status = '';
  else if (isSearching || !results.data) status = t('units.searching');
  else if (results.data.total === 0) status = t('units.noResults', { q: query });
  else status = t('count.results', { n: results.data.total });

  const items = results.data?.items ?? [];
  return (
    <section class="search-results" aria-labelledby="search-results-title" aria-busy={isSearching}>
      <h2 id="search-results-title" class="section-title">
        {t('units.results')}
      </h2>
      <p class="search-results__status" role="status">
        {status}
      </p>
      {results.error && <ErrorNotice error={results.error} lang={lang} onRetry={results.reload} />}
      {!results.error && items.length > 0 && (
        <ul class={isSearching ? 'unit-list is-busy' : 'unit-list'}>
          {items.map((unit) => (
            <UnitRow key={unit.code} unit={unit} lang={lang} ancestors={upper.data ? ancestorNames(unit, upper.data) : []} />
          ))}
        </ul>
      )}
      {!results.error && results.data && results.data.total > items.length && (
        <p class="muted">{t('units.moreResults', { shown: items.length, total: results.data.total })}</p>
      )}
    </section>
  );
}
