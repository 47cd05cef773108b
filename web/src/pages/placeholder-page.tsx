// The page of an area that is not built yet.

import { usePageTitle } from '../hooks';
import { t } from '../i18n';
import type { NavItem } from '../router';

export function PlaceholderPage({ item }: { item: NavItem }) {
  usePageTitle(t(item.label));
  return (
    <section class="page">
      <h1 class="page__title" tabIndex={-1}>{t(item.label)}</h1>
      <div class="card placeholder">
        <p class="placeholder__title">{t('placeholder.title')}</p>
        <p class="muted">{t('placeholder.body')}</p>
      </div>
    </section>
  );
}
