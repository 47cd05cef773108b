// The periodic report pages (/report-rounds…) are loaded in a chunk of their own the first time
// one is opened (components/lazy-page.tsx), as the dashboard's are.

import type { Session } from '../api/auth';
import { lazyPage } from '../components/lazy-page';
import type { Lang } from '../i18n';
import type { ReportingRoute } from '../router';

export interface ReportingRouteProps {
  route: ReportingRoute;
  search: string;
  session: Session;
  lang: Lang;
}

export const ReportingLazy = lazyPage<ReportingRouteProps>(() =>
  import('./reporting-route').then((m) => m.ReportingRoutePage),
);
