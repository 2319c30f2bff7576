// The gate: setup → sign-in → the app; locks when the session expires or the user is idle; in browser mode, says to
// open the new address when a restarted server no longer takes the tab.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Toasts } from '../components/Toasts';
import { LoginScreen, SetupScreen, UnreachableScreen } from '../features/auth/AuthScreens';
import { useTechnicianLanding } from '../features/myDay/landing';
import { useEarlyBoard } from '../features/dispatch/earlyBoard';
import { useEarlyTicketRows } from '../features/tickets/earlyRows';
import { useRoute } from '../lib/router';
import { useSession } from '../stores/session';
import { Layout } from './Layout';
import { preloadScreensWhenIdle, Screens } from './Screens';
import { useIdleLock } from './useIdleLock';

export function App() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const bootstrap = useSession((s) => s.bootstrap);
  const lock = useSession((s) => s.lock);
  const cutOff = useSession((s) => s.cutOff);
  const route = useRoute();

  useEffect(() => {
    void bootstrap();
    const stopLocking = api.onSessionExpired(() => lock());
    const stopCutting = api.onLaunchRefused((error) => cutOff(error.reason ?? error.code));
    return () => {
      stopLocking();
      stopCutting();
    };
  }, [bootstrap, lock, cutOff]);
  useIdleLock();
  useTechnicianLanding();
  useEarlyTicketRows();
  useEarlyBoard();
  useEffect(() => {
    if (phase !== 'ready') return;
    let left = false;
    preloadScreensWhenIdle(() => left);
    return () => {
      left = true;
    };
  }, [phase === 'ready']);

  return (
    <>
      {phase === 'loading' && <div className="empty">{t('state.loading')}</div>}
      {phase === 'unreachable' && <UnreachableScreen />}
      {phase === 'setup' && <SetupScreen />}
      {phase === 'login' && <LoginScreen />}
      {phase === 'locked' && <LoginScreen locked />}
      {phase === 'ready' && (
        <Layout route={route}>
          <Screens route={route} />
        </Layout>
      )}
      {/* Signed in, the toasts sit at the foot of the content area (Layout); before that, over the sign-in screens. */}
      {phase !== 'ready' && <Toasts />}
    </>
  );
}
