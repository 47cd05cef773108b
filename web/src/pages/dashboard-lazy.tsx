// The dashboard's pages ("Tổng quan", /dashboard…) are loaded in a chunk of their own the first
// time one is opened, so that the other pages do not carry them (and ECharts comes later still,
// in a chunk of its own: dashboard/chart.tsx). An old page after an upgrade may ask for a chunk
// that is gone: it says so and offers to reload.

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { t, type Lang } from '../i18n';
import type { DashboardRoute } from '../router';

export interface DashboardRouteProps {
  route: DashboardRoute;
  search: string;
  session: Session;
  lang: Lang;
}

type DashboardModule = typeof import('./dashboard-route');

let loaded: DashboardModule | null = null;

export function DashboardLazy(props: DashboardRouteProps) {
  const [module, setModule] = useState<DashboardModule | null>(loaded);
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    if (module) return undefined;
    let isCurrent = true;
    import('./dashboard-route').then(
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

  if (module) return <module.DashboardRoutePage {...props} />;
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
