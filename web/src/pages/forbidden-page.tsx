// A page of the app that the signed-in role may not use (typed or bookmarked address).

import { Link } from '../components/link';
import { usePageTitle } from '../hooks';
import { t } from '../i18n';

export function ForbiddenPage() {
  usePageTitle(t('forbidden.title'));
  return (
    <section class="page">
      <h1 class="page__title" tabIndex={-1}>
        {t('forbidden.title')}
      </h1>
      <div class="card placeholder">
        <p class="muted">{t('forbidden.body')}</p>
        <p>
          <Link href="/" class="button">
            {t('notFound.home')}
          </Link>
        </p>
      </div>
    </section>
  );
}
