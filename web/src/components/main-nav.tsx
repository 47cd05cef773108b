// The list of the application's areas that the signed-in role may use: a sidebar on wide
// screens, a panel opened by the menu button on narrow ones. The current area is marked with
// aria-current.

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
}

export function MainNav({ role, current, isOpen, onNavigate }: MainNavProps) {
  return (
    <nav id="main-nav" class={isOpen ? 'main-nav main-nav--open' : 'main-nav'} aria-label={t('app.mainNav')}>
      <ul class="main-nav__list">
        {navItemsFor(role).map((item) => (
          <li key={item.area}>
            <Link
              href={item.path}
              class="main-nav__link"
              aria-current={item.area === current ? 'page' : undefined}
              onNavigate={onNavigate}
            >
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
