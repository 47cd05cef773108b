// One administrative unit as a row of a list: a large link with the unit's name, its type and
// what lies below it (or, for a search result, where it lies).

import type { Unit } from '../api/units';
import { childLevel } from '../api/units';
import { t, unitTypeLabel, type Lang } from '../i18n';
import { ChevronIcon } from './icons';
import { Link } from './link';

export interface UnitRowProps {
  unit: Unit;
  lang: Lang;
  /** For search results: the names above the unit, root first. */
  ancestors?: readonly string[];
}

export function UnitRow({ unit, lang, ancestors }: UnitRowProps) {
  const below = childLevel(unit.level);
  const details: string[] = [unitTypeLabel(unit.type, lang)];
  if (ancestors && ancestors.length > 0) details.push(ancestors.join(' › '));
  else if (below && unit.child_count > 0) details.push(t(below === 'district' ? 'count.district' : 'count.commune', { n: unit.child_count }));
  return (
    <li>
      <Link href={`/units/${encodeURIComponent(unit.code)}`} class="unit-row">
        <span class="unit-row__main">
          <span class="unit-row__name">{unit.name}</span>
          <span class="unit-row__meta">{details.join(' · ')}</span>
        </span>
        <span class="unit-row__code">{unit.code}</span>
        <ChevronIcon class="unit-row__chevron" />
      </Link>
    </li>
  );
}
