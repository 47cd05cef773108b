// The bar at the top of every page: the menu button (narrow screens, when there is a
// navigation), the app's name, the language switch and, when signed in, the account menu.

import type { ComponentChildren } from 'preact';
import type { Session } from '../api/auth';
import { t, type Lang } from '../i18n';
import { AccountMenu } from './account-menu';
import { DemoBanner } from './demo-banner';
import { CloseIcon, MenuIcon, ShieldIcon } from './icons';
import { LanguageSwitch } from './language-switch';
import { Link } from './link';

export interface AppHeaderProps {
  lang: Lang;
  session: Session | null;
  /** Whether the session may use the app (not a limited one). */
  isFull: boolean;
  /** Absent when the page has no navigation (sign-in, forced steps). */
  menu?: { isOpen: boolean; onToggle: () => void };
  /** More tools before the language switch (the tips notifications). */
  tools?: ComponentChildren;
}

export function AppHeader({ lang, session, isFull, menu, tools }: AppHeaderProps) {
  return (
    <>
    <header class="app-header">
      {menu && (
        <button
          type="button"
          class="header-button menu-button"
          aria-expanded={menu.isOpen}
          aria-controls="main-nav"
          aria-label={t(menu.isOpen ? 'app.closeMenu' : 'app.menu')}
          onClick={menu.onToggle}
        >
          {menu.isOpen ? <CloseIcon /> : <MenuIcon />}
        </button>
      )}
      <Link href="/" class="brand">
        <ShieldIcon class="brand__logo" />
        <span class="brand__text">
          <span class="brand__name">{t('app.name')}</span>
          <span class="brand__tagline">{t('app.tagline')}</span>
        </span>
      </Link>
      <div class="app-header__tools">
        {tools}
        <LanguageSwitch lang={lang} />
        {session && <AccountMenu session={session} lang={lang} isFull={isFull} />}
      </div>
    </header>
    <DemoBanner />
    </>
  );
}
