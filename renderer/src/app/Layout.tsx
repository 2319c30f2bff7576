// The frame: sidebar navigation on the left, the current screen on the right.
import { CalendarCheck, CalendarDays, CalendarRange, ClipboardList, FileText, GitMerge, KeyRound, LogOut, ScanSearch, Settings, Ticket } from 'lucide-react';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { roleHint, roleWords } from '../lib/roleWords';
import { CONFLICT_INBOX_ACCESS } from '../../../electron/contract/access';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { ThemeSwitcher } from '../components/ThemeSwitcher';
import { Toasts } from '../components/Toasts';
import { ChangePasswordDialog } from '../features/account/ChangePasswordDialog';
import { useTeamStatus } from '../features/team/statusStore';
import { SyncFooter, useTeamStatusRefresh } from '../features/team/SyncFooter';
import { focusWasLost } from '../lib/focus';
import { hrefFor, type Route } from '../lib/router';
import { useFocusOnLinkLeftBy } from '../lib/returnFocus';
import { useCan, useSession } from '../stores/session';
import { useSignedInUserRefresh } from './useSignedInUserRefresh';

/** Focus the content pane (it has tabIndex -1) without touching the location. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

interface NavItem {
  route: Route;
  label: string;
  icon: ReactNode;
  visible: boolean;
  /** A count shown beside the label (open conflicts). */
  count?: number;
}

export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const logout = useSession((s) => s.logout);
  const canTickets = useCan('tickets:read');
  const canWorkOrders = useCan('workorders:read');
  const canDispatch = useCan('workorders:write');
  const canExecute = useCan('workorders:execute');
  const canReports = useCan('reports:export');
  const canAdmin = useCan(['users:admin', 'catalog:write', 'settings:admin']);
  const canResolve = useCan(CONFLICT_INBOX_ACCESS);
  useTeamStatusRefresh();
  useSignedInUserRefresh();
  const inTeam = useTeamStatus((s) => Boolean(s.status?.team));
  const openConflicts = useTeamStatus((s) => s.status?.openConflicts ?? 0);
  const [changingPassword, setChangingPassword] = useState(false);
  // A screen chosen in the sidebar: the keyboard goes on in it (Tab reaches its first control, not the sidebar's
  // footer), unless the screen placed the focus itself. A screen left by a link or a back button (an OT's ←, a
  // customer's name), or the sign-in form gone, left it nowhere: the same.
  const where = hrefFor(route);
  useEffect(() => {
    const active = document.activeElement;
    if (focusWasLost() || (active instanceof HTMLElement && active.matches('.sidebar .nav-link'))) document.getElementById('main')?.focus();
  }, [where]);
  useFocusOnLinkLeftBy(where, 'main');
  const items: NavItem[] = [
    { route: { name: 'myDay' }, label: t('myDay:nav'), icon: <CalendarCheck size={16} />, visible: canExecute },
    { route: { name: 'tickets' }, label: t('nav.tickets'), icon: <Ticket size={16} />, visible: canTickets },
    { route: { name: 'agenda' }, label: t('nav.agenda'), icon: <CalendarDays size={16} />, visible: canWorkOrders },
    { route: { name: 'dispatch' }, label: t('nav.dispatch'), icon: <CalendarRange size={16} />, visible: canDispatch },
    { route: { name: 'workOrders' }, label: t('nav.workOrders'), icon: <ClipboardList size={16} />, visible: canWorkOrders },
    { route: { name: 'trace' }, label: t('nav.trace'), icon: <ScanSearch size={16} />, visible: canWorkOrders },
    { route: { name: 'reports' }, label: t('nav.reports'), icon: <FileText size={16} />, visible: canReports },
    { route: { name: 'conflicts' }, label: t('nav.conflicts'), icon: <GitMerge size={16} />, visible: canResolve && (inTeam || openConflicts > 0), count: openConflicts },
    { route: { name: 'admin' }, label: t('nav.admin'), icon: <Settings size={16} />, visible: canAdmin },
  ];
  return (
    <div className="app">
      {/* The hash router would take "#main" as a route: move the focus to the content instead of following the link. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('theme.skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('nav.mainNavigation')}>
        <div className="brand">
          {/* The app icon (renderer/public, from build/icon.svg). */}
          <img src="favicon.svg" alt="" width={18} height={18} />
          {t('appName')}
        </div>
        {items
          .filter((item) => item.visible)
          .map((item) => (
            <a
              key={item.route.name}
              className="nav-link"
              href={hrefFor(item.route)}
              aria-current={item.route.name === route.name ? 'page' : undefined}
            >
              {item.icon}
              {item.label}
              {item.count ? (
                <>
                  <span className="nav-count" aria-hidden="true">
                    {item.count}
                  </span>
                  <span className="sr-only">{t('nav.openCount', { count: item.count })}</span>
                </>
              ) : null}
            </a>
          ))}
        <div className="sidebar-footer">
          <SyncFooter />
          <div className="sidebar-user">
            <strong>{user?.fullName}</strong>
            <div className="muted" title={user ? roleHint(t, user) : undefined}>
              {user ? (roleWords(t, user) ?? '') : ''}
            </div>
          </div>
          <LanguageSwitcher />
          <ThemeSwitcher />
          <button type="button" className="btn btn-ghost" onClick={() => setChangingPassword(true)}>
            <KeyRound size={14} aria-hidden="true" />
            {t('account:menu.changePassword')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => void logout()}>
            <LogOut size={14} />
            {t('nav.signOut')}
          </button>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
        <Toasts />
      </main>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
