// The dashboard's pages ("Tổng quan", /dashboard…) are loaded in a chunk of their own the first
// time one is opened (components/lazy-page.tsx), and ECharts later still, in a chunk of its own
// (dashboard/chart.tsx).

import type { Session } from '../api/auth';
import { lazyPage } from '../components/lazy-page';
import type { Lang } from '../i18n';
import type { DashboardRoute } from '../router';

export interface DashboardRouteProps {
  route: DashboardRoute;
  search: string;
  session: Session;
  lang: Lang;
}

export const DashboardLazy = lazyPage<DashboardRouteProps>(() =>
  import('./dashboard-route').then((m) => m.DashboardRoutePage),
);
