// Which screen a route shows. Each feature folder owns its screens.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../lib/router';

const TicketsScreen = lazy(() => import('../features/tickets/TicketsScreen'));
const AgendaScreen = lazy(() => import('../features/workOrders/AgendaScreen'));
const MyDayScreen = lazy(() => import('../features/myDay/MyDayScreen'));
const WorkOrdersScreen = lazy(() => import('../features/workOrders/WorkOrdersScreen'));
const DispatchScreen = lazy(() => import('../features/dispatch/DispatchScreen'));
const TraceScreen = lazy(() => import('../features/trace/TraceScreen'));
const CustomerScreen = lazy(() => import('../features/customers/CustomerScreen'));
const ReportsScreen = lazy(() => import('../features/reports/ReportsScreen'));
const AdminScreen = lazy(() => import('../features/admin/AdminScreen'));
const ConflictsScreen = lazy(() => import('../features/conflicts/ConflictsScreen'));
const TeamScreen = lazy(() => import('../features/team/TeamScreen'));

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
