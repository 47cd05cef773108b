// The application frame. It asks the server who is signed in, then shows one of: the sign-in
// page (any address while signed out; the address comes back afterwards through ?next=), the
// forced steps of a limited session, or the app itself: skip link, header, the navigation of the
// role and the page of the current address. It re-renders everything when the language
// changes, so every t() call picks the new words.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from './api/auth';
import { canOpen, canUseArea, homePath, loginPath, pendingStep, returnPath } from './auth/guards';
import { loadSession, useSession } from './auth/session';
import { AppHeader } from './components/app-header';
import { ErrorNotice } from './components/error-notice';
import { MainNav } from './components/main-nav';
import { TipsIndicator } from './components/tips-indicator';
import { RecordTypeLinks } from './components/record-type-nav';
import { useLang } from './hooks';
import { t, type Lang } from './i18n';
import { AccountPage } from './pages/account-page';
import { AuditPage } from './pages/audit-page';
import { ClientNewPage } from './pages/client-new-page';
import { ClientPage } from './pages/client-page';
import { ClientsPage } from './pages/clients-page';
import { DashboardLazy } from './pages/dashboard-lazy';
import { ForbiddenPage } from './pages/forbidden-page';
import { ForcedStepPage } from './pages/forced-step-page';
import { InspectionPlanNewPage } from './pages/inspection-plan-new-page';
import { InspectionPlanPage } from './pages/inspection-plan-page';
import { InspectionPlansPage } from './pages/inspection-plans-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { PeerGroupsSummaryPage } from './pages/peer-groups-summary-page';
import { PlaceholderPage } from './pages/placeholder-page';
import { RecordsRoutePage } from './pages/records-route';
import { ReportingLazy } from './reporting/lazy';
import { MyTasksPage } from './yearly-plans/my-tasks-page';
import { YearlyPlanPage } from './yearly-plans/plan-page';
import { YearlyPlansPage } from './yearly-plans/plans-page';
import { ConsentPrintPage } from './pages/consent-print-page';
import { SupportDayPage } from './pages/support-day-page';
import { TipNewPage } from './pages/tip-new-page';
import { TipPage } from './pages/tip-page';
import { TipsPage } from './pages/tips-page';
import { UnitChangesPage } from './pages/unit-changes-page';
import { UnitsPage } from './pages/units-page';
import { UserNewPage } from './pages/user-new-page';
import { UserPage } from './pages/user-page';
import { UsersPage } from './pages/users-page';
import { HOME_PATH, NAV_ITEMS, matchRoute, navigate, useLocation, type Route } from './router';
import { offlineGate } from './offline/gate';
import { OutboxPage } from './offline/outbox-page';
import { OUTBOX_PATH } from './offline/paths';
import { SyncBadge } from './offline/sync-badge';
import { UnlockPage } from './offline/unlock-page';
import { rememberSession, syncNow, useOffline, wipeOffline } from './offline/vault';

interface PageProps {
  route: Route;
  search: string;
  session: Session;
  lang: Lang;
}

function Page({ route, search, session, lang }: PageProps) {
  if (!canOpen(route, session.user.role)) return <ForbiddenPage />;
  switch (route.page) {
    case 'units':
      return <UnitsPage code={route.code} search={search} canReorganise={canUseArea(session.user.role, 'unitChanges')} />;
    case 'unitChanges':
      return <UnitChangesPage lang={lang} />;
    case 'dashboard':
      return <DashboardLazy route={route} search={search} session={session} lang={lang} />;
    case 'account':
      return <AccountPage session={session} lang={lang} />;
    case 'users':
      return <UsersPage search={search} lang={lang} />;
    case 'userNew':
      return <UserNewPage session={session} lang={lang} />;
    case 'user':
      return <UserPage id={route.id} session={session} lang={lang} />;
    case 'audit':
      return <AuditPage search={search} session={session} lang={lang} />;
    case 'records':
      return <RecordsRoutePage route={route} search={search} session={session} lang={lang} />;
    case 'plans':
      if (route.view === 'new') return <InspectionPlanNewPage session={session} lang={lang} />;
      if (route.view === 'plan' && route.id !== null) return <InspectionPlanPage key={route.id} id={route.id} session={session} lang={lang} />;
      return <InspectionPlansPage search={search} session={session} lang={lang} />;
    case 'support':
      if (route.view === 'new') return <ClientNewPage session={session} lang={lang} />;
      if (route.view === 'client' && route.id !== null) return <ClientPage key={route.id} id={route.id} session={session} lang={lang} />;
      if (route.view === 'clients') return <ClientsPage search={search} session={session} lang={lang} />;
      if (route.view === 'groupsSummary') return <PeerGroupsSummaryPage search={search} session={session} lang={lang} />;
      if (route.view === 'consent' && route.id !== null && route.sub) {
        return <ConsentPrintPage key={route.sub} clientId={route.id} consentId={route.sub} lang={lang} />;
      }
      return <SupportDayPage session={session} lang={lang} />;
    case 'tips':
      if (route.view === 'new') return <TipNewPage session={session} lang={lang} />;
      if (route.view === 'tip' && route.id !== null) return <TipPage key={route.id} id={route.id} session={session} lang={lang} />;
      return <TipsPage search={search} session={session} lang={lang} />;
    case 'reporting':
      return <ReportingLazy route={route} search={search} session={session} lang={lang} />;
    case 'yearlyPlans':
      if (route.view === 'tasks') return <MyTasksPage session={session} lang={lang} />;
      if (route.view === 'plan' && route.id !== null) return <YearlyPlanPage key={route.id} id={route.id} session={session} lang={lang} />;
      return <YearlyPlansPage session={session} lang={lang} />;
    case 'placeholder': {
      const item = NAV_ITEMS.find((nav) => nav.area === route.area);
      return item ? <PlaceholderPage item={item} /> : <NotFoundPage />;
    }
    case 'login': // shown only for the moment before the redirect below
      return <p class="loading">{t('app.loading')}</p>;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** The whole screen while the session is being read, or when the server cannot be reached. */
function StartScreen({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  return (
    <div class="app">
      <AppHeader lang={lang} session={null} isFull={false} />
      <main id="main" class="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function App() {
  const lang = useLang();
  const location = useLocation();
  const serverAuth = useSession();
  // Offline mode (offline/gate.ts): the unlock screen, or the session kept on the device.
  const offline = useOffline();
  const gate = offlineGate(serverAuth, offline);
  const auth = gate.kind === 'session' ? gate.auth : serverAuth;
  const [isMenuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(location.path);
  const session = auth.status === 'signedIn' ? auth.session : null;
  // The role's home: the dashboard for the roles that read aggregates, the units otherwise.
  const home = session ? homePath(session.user.role) : HOME_PATH;
  const route = matchRoute(location.path === '/' ? home : location.path);
  const step = session ? pendingStep(session) : null;

  useEffect(() => {
    void loadSession();
  }, []);

  // Offline mode: signing out wipes the device's data; a session the server confirmed is kept
  // (sealed) for the next start with no network, and the outbox is sent.
  const confirmed = serverAuth.status === 'signedIn' ? serverAuth.session : null;
  useEffect(() => {
    if (serverAuth.status === 'signedOut' && serverAuth.reason === 'loggedOut') void wipeOffline();
  }, [serverAuth]);
  useEffect(() => {
    if (!confirmed || offline.status !== 'unlocked') return;
    void rememberSession(confirmed).then(() => syncNow());
  }, [confirmed, offline.status]);

  // Where the session says the user must be: the sign-in page when signed out (coming back to
  // this address afterwards, unless they signed out themselves), the page asked for after it.
  useEffect(() => {
    if (auth.status === 'signedOut' && route.page !== 'login') {
      const here = auth.reason === 'loggedOut' ? null : location.path + location.search;
      navigate(loginPath(here), { replace: true });
    } else if (auth.status === 'signedIn' && !step && route.page === 'login') {
      navigate(returnPath(location.search, home), { replace: true });
    } else if (location.path === '/') {
      navigate(home, { replace: true });
    }
  }, [auth, step, route.page, location.path, location.search, home]);

  // A new screen at the same address (signed in, a forced step done): its heading takes focus.
  const screen = `${auth.status}:${step ?? ''}`;
  const previousScreen = useRef(screen);
  useEffect(() => {
    if (previousScreen.current === screen) return;
    previousScreen.current = screen;
    if (auth.status === 'signedOut') return; // the sign-in form focuses its first field
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [screen]);

  // After a navigation, close the menu and move focus to the new page's heading, so that
  // keyboard and screen-reader users start reading the new page rather than the old link.
  useEffect(() => {
    if (previousPath.current === location.path) return;
    previousPath.current = location.path;
    setMenuOpen(false);
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus({ preventScroll: true });
  }, [location.path]);

  if (gate.kind === 'unlock') {
    return (
      <StartScreen lang={lang}>
        <UnlockPage lang={lang} onWiped={() => void loadSession()} />
      </StartScreen>
    );
  }
  if (auth.status === 'loading' || gate.kind === 'starting') {
    return (
      <StartScreen lang={lang}>
        <p class="loading">{t('app.loading')}</p>
      </StartScreen>
    );
  }
  if (auth.status === 'error') {
    return (
      <StartScreen lang={lang}>
        <ErrorNotice error={auth.error} lang={lang} onRetry={() => void loadSession()} />
      </StartScreen>
    );
  }
  if (auth.status === 'signedOut') {
    return (
      <div class="app app--auth">
        <AppHeader lang={lang} session={null} isFull={false} />
        <main id="main" class="app-main" ref={main} tabIndex={-1}>
          <LoginPage lang={lang} reason={auth.reason} />
        </main>
      </div>
    );
  }

  const signedIn = auth.session;
  if (step) {
    return (
      <div class="app app--auth">
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <AppHeader lang={lang} session={signedIn} isFull={false} />
        <main id="main" class="app-main" ref={main} tabIndex={-1}>
          <ForcedStepPage session={signedIn} lang={lang} />
        </main>
      </div>
    );
  }

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader lang={lang} session={signedIn} isFull menu={{ isOpen: isMenuOpen, onToggle: () => setMenuOpen(!isMenuOpen) }} tools={<><SyncBadge lang={lang} /><TipsIndicator session={signedIn} /></>} />
      <div class="app-body">
        <MainNav
          role={signedIn.user.role}
          current={route.area}
          isOpen={isMenuOpen}
          onNavigate={() => setMenuOpen(false)}
          sub={
            route.page === 'records' && canOpen(route, signedIn.user.role)
              ? {
                  area: route.area,
                  hasCurrent: route.type !== null,
                  node: <RecordTypeLinks area={route.area} current={route.type} lang={lang} onNavigate={() => setMenuOpen(false)} />,
                }
              : undefined
          }
        />
        <main id="main" class="app-main" ref={main} tabIndex={-1}>
          {location.path === OUTBOX_PATH ? <OutboxPage lang={lang} /> : <Page route={route} search={location.search} session={signedIn} lang={lang} />}
        </main>
      </div>
    </div>
  );
}
