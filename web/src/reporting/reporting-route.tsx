// The periodic report pages, in the chunk lazy.tsx loads: the rounds, a round, a unit's report.

import type { ReportingRouteProps } from './lazy';
import { ReportPage } from './report-page';
import { RoundPage } from './round-page';
import { RoundsPage } from './rounds-page';
import './reporting.css';

export function ReportingRoutePage({ route, session, lang }: ReportingRouteProps) {
  if (route.view === 'report' && route.id !== null && route.unit !== null) {
    return <ReportPage key={`${route.id}/${route.unit}`} id={route.id} unit={route.unit} session={session} lang={lang} />;
  }
  if (route.view === 'round' && route.id !== null) return <RoundPage key={route.id} id={route.id} session={session} lang={lang} />;
  return <RoundsPage session={session} lang={lang} />;
}
