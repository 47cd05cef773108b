// The kinds of record of an area ("Tuyên truyền": communication activities, press items, …),
// from GET /api/record-types, so that a kind added on the server appears by itself. On wide
// screens they are a list under the area in the sidebar (RecordTypeLinks); on narrower ones the
// sidebar is a menu, so each record page starts with a disclosure naming the current kind that
// opens the list (RecordTypeSwitch). The current kind is marked with aria-current.

import { useState } from 'preact/hooks';
import type { RecordType } from '../api/records';
import { t, type Lang } from '../i18n';
import { useRecordTypes } from '../lookups';
import { recordArea, typeHref } from '../records/paths';
import { labelOf } from '../records/values';
import type { AreaId } from '../router';
import { Link } from './link';

export interface RecordTypeSwitchProps {
  base: string;
  types: readonly RecordType[];
  current: RecordType | null;
  lang: Lang;
}

export function RecordTypeSwitch({ base, types, current, lang }: RecordTypeSwitchProps) {
  const [isOpen, setOpen] = useState(false);
  if (types.length <= 1) return null;
  return (
    <details class="type-switch" open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary class="type-switch__summary">
        <span class="type-switch__label">{t('records.typeSwitch')}</span>
        <span class="type-switch__current">{current ? labelOf(current, lang) : '—'}</span>
      </summary>
      <nav aria-label={t('records.typesNav')}>
        <ul class="type-switch__list">
          {types.map((type) => (
            <li key={type.path}>
              <Link
                href={typeHref(base, type.path)}
                class="type-switch__link"
                aria-current={type.path === current?.path ? 'page' : undefined}
                onNavigate={() => setOpen(false)}
              >
                {labelOf(type, lang)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}

export interface RecordTypeLinksProps {
  area: AreaId;
  current: string | null;
  lang: Lang;
  onNavigate?: () => void;
}

/** The kinds of an area as a list under it in the sidebar; nothing while they load. */
export function RecordTypeLinks({ area, current, lang, onNavigate }: RecordTypeLinksProps) {
  const found = recordArea(area);
  const types = useRecordTypes(found?.resources ?? []);
  if (!found || !types.data || types.data.length === 0) return null;
  return (
    <ul class="main-nav__sub" aria-label={t('records.typesNav')}>
      {types.data.map((type) => (
        <li key={type.path}>
          <Link
            href={typeHref(found.base, type.path)}
            class="main-nav__sublink"
            aria-current={type.path === current ? 'page' : undefined}
            onNavigate={onNavigate}
          >
            {labelOf(type, lang)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
