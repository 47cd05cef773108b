// What an unknown address shows.

import { Link } from '../components/link';
import { usePageTitle } from '../hooks';
import { t } from '../i18n';

export function NotFoundPage() {
  usePageTitle(t('notFound.title'));
  return (
    <section class="page">
      <h1 class="page__title" tabIndex={-1}>{t('notFound.title')}</h1>
      <div class="card placeholder">
        <p class="muted">{t('notFound.body')}</p>
        <p>
          <Link href="/" class="button">
            {t('notFound.home')}
          </Link>
        </p>
      </div>
    </section>
  );
}
