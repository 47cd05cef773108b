// The path from the root of the tree to the current unit; every step but the last is a link.

import type { UnitPathEntry } from '../api/units';
import { t } from '../i18n';
import { Link } from './link';

export function Breadcrumb({ path }: { path: readonly UnitPathEntry[] }) {
  return (
    <nav class="breadcrumb" aria-label={t('units.breadcrumb')}>
      <ol class="breadcrumb__list">
        {path.map((entry, index) => (
          <li key={entry.code} class="breadcrumb__item">
            {index === path.length - 1 ? (
              <span aria-current="page">{entry.name}</span>
            ) : (
              <Link href={`/units/${encodeURIComponent(entry.code)}`}>{entry.name}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
