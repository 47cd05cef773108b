// The periodic report pages (/report-rounds…) are loaded in a chunk of their own the first time
// one is opened, as the dashboard's are (pages/dashboard-lazy.tsx), so that the other pages do
// not carry them. An old page after an upgrade may ask for a chunk that is gone: it says so and
// offers to reload.

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { t, type Lang } from '../i18n';
import type { ReportingRoute } from '../router';

export interface ReportingRouteProps {
  route: ReportingRoute;
  search: string;
  session: Session;
  lang: Lang;
}

type ReportingModule = typeof import('./reporting-route');

let loaded: ReportingModule | null = null;

export function ReportingLazy(props: ReportingRouteProps) {
  const [module, setModule] = useState<ReportingModule | null>(loaded);
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    if (module) return undefined;
    let isCurrent = true;
    import('./reporting-route').then(
      (m) => {
        loaded = m;
        if (isCurrent) setModule(m);
      },
      (failure: unknown) => {
        console.error(failure);
        if (isCurrent) setFailed(true);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  // The frame moved focus to the main area while the chunk loaded: on to the page's heading.
  useEffect(() => {
    if (!module || document.activeElement?.id !== 'main') return;
    document.querySelector<HTMLElement>('#main h1')?.focus({ preventScroll: true });
  }, [module]);

  if (module) return <module.ReportingRoutePage {...props} />;
  if (hasFailed) {
    return (
      <div class="notice notice--error" role="alert">
        <p>{t('error.network')}</p>
        <button type="button" class="button" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return <p class="loading">{t('app.loading')}</p>;
}
