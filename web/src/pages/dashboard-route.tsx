// The entry of the dashboard's chunk (loaded by dashboard-lazy.tsx): the page of the address.

import type { DashboardRouteProps } from './dashboard-lazy';
import { DashboardPage } from './dashboard-page';
import { DashboardRecordsPage } from './dashboard-records-page';
import { DashboardTargetPage } from './dashboard-target-page';

export function DashboardRoutePage({ route, search, session, lang }: DashboardRouteProps) {
  if (route.view === 'records' && route.target) {
    return <DashboardRecordsPage key={route.target} target={route.target} search={search} session={session} lang={lang} />;
  }
  if (route.view === 'target' && route.target) {
    return <DashboardTargetPage key={route.target} target={route.target} search={search} session={session} lang={lang} />;
  }
  return <DashboardPage search={search} session={session} lang={lang} />;
}
