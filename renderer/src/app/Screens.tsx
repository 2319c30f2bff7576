// Which screen a route shows. Each feature folder owns its screens.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../lib/router';
import { lazyScreen } from './lazyScreen';

const screens = {
  tickets: lazyScreen(() => import('../features/tickets/TicketsScreen')),
  agenda: lazyScreen(() => import('../features/workOrders/AgendaScreen')),
  myDay: lazyScreen(() => import('../features/myDay/MyDayScreen')),
  workOrders: lazyScreen(() => import('../features/workOrders/WorkOrdersScreen')),
  dispatch: lazyScreen(() => import('../features/dispatch/DispatchScreen')),
  trace: lazyScreen(() => import('../features/trace/TraceScreen')),
  customer: lazyScreen(() => import('../features/customers/CustomerScreen')),
  reports: lazyScreen(() => import('../features/reports/ReportsScreen')),
  admin: lazyScreen(() => import('../features/admin/AdminScreen')),
  conflicts: lazyScreen(() => import('../features/conflicts/ConflictsScreen')),
  team: lazyScreen(() => import('../features/team/TeamScreen')),
} satisfies Record<Route['name'], unknown>;
const TicketsScreen = screens.tickets.Screen;
const AgendaScreen = screens.agenda.Screen;
const MyDayScreen = screens.myDay.Screen;
const WorkOrdersScreen = screens.workOrders.Screen;
const DispatchScreen = screens.dispatch.Screen;
const TraceScreen = screens.trace.Screen;
const CustomerScreen = screens.customer.Screen;
const ReportsScreen = screens.reports.Screen;
const AdminScreen = screens.admin.Screen;
const ConflictsScreen = screens.conflicts.Screen;
const TeamScreen = screens.team.Screen;

/** Starts loading the code of the screen a fresh open shows, while the session is checked (main.tsx). */
export function preloadScreen(route: Route): void {
  void screens[route.name].preload();
}

/** Time for the first screen to draw its data before other screens' code is loaded. */
const FIRST_SCREEN_MS = 1500;

/**
 * Once the first screen is up, the other screens' code is loaded one at a time whenever the window has nothing else to
 * do, so the first visit to a screen from the sidebar waits only for its data. Stops when `cancelled` says so (sign-out).
 */
export function preloadScreensWhenIdle(cancelled: () => boolean): void {
  const waiting = Object.values(screens);
  const whenIdle = (work: () => void) =>
    typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(work, { timeout: 5000 }) : window.setTimeout(work, 200);
  const next = () => {
    const screen = waiting.shift();
    if (!screen || cancelled()) return;
    void screen.preload().then(() => whenIdle(next));
  };
  window.setTimeout(() => whenIdle(next), FIRST_SCREEN_MS);
}

function ScreenFor({ route }: { route: Route }) {
  switch (route.name) {
    case 'tickets':
      return <TicketsScreen ticketId={route.id} />;
    case 'agenda':
      return <AgendaScreen />;
    case 'myDay':
      return <MyDayScreen />;
    case 'dispatch':
      return <DispatchScreen />;
    case 'workOrders':
      return <WorkOrdersScreen workOrderId={route.id} />;
    case 'trace':
      return <TraceScreen serial={route.serial} />;
    case 'customer':
      return <CustomerScreen customerId={route.id} />;
    case 'reports':
      return <ReportsScreen />;
    case 'conflicts':
      return <ConflictsScreen />;
    case 'team':
      return <TeamScreen />;
    case 'admin':
      return <AdminScreen section={route.section} />;
  }
}

export function Screens({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<div className="empty">{t('state.loading')}</div>}>
      <ScreenFor route={route} />
    </Suspense>
  );
}
