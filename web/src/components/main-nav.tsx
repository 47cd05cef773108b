// The list of the application's areas that the signed-in role may use: a sidebar on wide
// screens, a panel opened by the menu button on narrow ones. The current area is marked with
// aria-current; an area may show links under it (the kinds of record) on wide screens.

import type { ComponentChildren } from 'preact';
import type { RoleId } from '../api/auth';
import { navItemsFor } from '../auth/guards';
import { t } from '../i18n';
import type { AreaId } from '../router';
import { Link } from './link';

export interface MainNavProps {
  role: RoleId;
  current: AreaId | null;
  isOpen: boolean;
  onNavigate: () => void;
  /** Links under the current area (the kinds of record), shown in the sidebar of wide screens. */
  sub?: { area: AreaId; node: ComponentChildren; hasCurrent: boolean } | undefined;
}

export function MainNav({ role, current, isOpen, onNavigate, sub }: MainNavProps) {
  return (
    <nav id="main-nav" class={isOpen ? 'main-nav main-nav--open' : 'main-nav'} aria-label={t('app.mainNav')}>
      <ul class="main-nav__list">
        {navItemsFor(role).map((item) => (
          <li key={item.area}>
            <Link
              href={item.path}
              class="main-nav__link"
              aria-current={item.area === current ? (sub?.area === item.area && sub.hasCurrent ? 'true' : 'page') : undefined}
              onNavigate={onNavigate}
            >
              {t(item.label)}
            </Link>
            {sub?.area === item.area && sub.node}
          </li>
        ))}
      </ul>
    </nav>
  );
}
