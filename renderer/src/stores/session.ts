// Who is signed in, what they may do, and the company settings: the gate in front of every screen.
import { create } from 'zustand';
import type { Access, AuthStatusDto, Permission, SettingsViewDto, UserDto } from '../../../electron/contract';
// The access rules alone, not the contract's index: that builds every channel's schema, which the start need not wait for.
import { allows, hasPermission, mayCarryOut, mayWriteNotes, type PermissionHolder } from '../../../electron/contract/access';
import { api, ApiError } from '../api/client';
import { forgetEarlyCalls, takeEarlyOrCall } from '../api/earlyCalls';
import { applyLanguage } from '../i18n';
import { forgetRoute } from '../lib/router';
import { resetSessionStores } from './sessionStores';

export type Phase = 'loading' | 'setup' | 'login' | 'locked' | 'ready' | 'unreachable';

interface SessionState {
  phase: Phase;
  status: AuthStatusDto | null;
  user: UserDto | null;
  permissions: string[];
  /** With each setting's row version, which the settings forms send back. */
  settings: SettingsViewDto | null;
  /** The login of the user whose session expired, to prefill the lock screen. */
  lockedLogin: string | null;
  /** Why the backend could not be reached (an error reason key), shown on the 'unreachable' screen. */
  unreachableReason: string | null;
  bootstrap(): Promise<void>;
  setup(input: { email: string; username: string; password: string; fullName: string; companyName?: string }): Promise<void>;
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  lock(): void;
  /** Nothing can be called any more (browser mode's server refused the tab): the 'unreachable' screen says why. */
  cutOff(reason: string): void;
  refreshSettings(): Promise<void>;
  /** Reads who is signed in again (a role or an account changed under them); a session that ended is left to the client. */
  refreshUser(): Promise<void>;
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  status: null,
  user: null,
  permissions: [],
  settings: null,
  lockedLogin: null,
  unreachableReason: null,

  async bootstrap() {
    try {
      // auth.me and settings.get go out with auth.status (a fresh open waits for one round trip, not three); without
      // a session they are refused, which only means the sign-in screen.
      // On a fresh open all three were sent as the page started (app/startCalls.ts): their answers are taken here.
      const signedIn = Promise.all([takeEarlyOrCall('auth.me', {}), takeEarlyOrCall('settings.get', {})]);
      signedIn.catch(() => undefined);
      const status = await takeEarlyOrCall('auth.status', {});
      set({ status });
      if (status.language) await applyLanguage(status.language);
      if (status.needsSetup) {
        forgetEarlyCalls();
        return set({ phase: 'setup' });
      }
      try {
        const [me, settings] = await signedIn;
        set({ phase: 'ready', user: me.user, permissions: me.permissions, settings });
      } catch {
        forgetEarlyCalls();
        set({ phase: 'login' });
      }
    } catch (error) {
      forgetEarlyCalls();
      set({ phase: 'unreachable', unreachableReason: error instanceof ApiError ? (error.reason ?? error.code) : 'offline' });
    }
  },

  async setup(input) {
    await api.call('auth.setup', input);
    await get().login(input.username, input.password);
  },

  async login(login, password) {
    forgetEarlyCalls();
    await api.call('auth.login', { login, password });
    const me = await api.call('auth.me', {});
    const settings = await api.call('settings.get', {});
    await applyLanguage(settings.language);
    set({ phase: 'ready', user: me.user, permissions: me.permissions, settings, lockedLogin: null });
  },

  async logout() {
    try {
      await api.call('auth.logout', {});
    } finally {
      set({ phase: 'login', user: null, permissions: [], lockedLogin: null });
      // A shared laptop: nothing this person saw stays in memory, arrives late or is reopened for the next one.
      resetSessionStores();
      forgetRoute();
    }
    // The sign-in screen shows the company name: read it again (it may have changed while signed in).
    set({ status: await api.call('auth.status', {}).catch(() => get().status) });
  },

  lock() {
    const user = get().user;
    if (get().phase === 'ready') set({ phase: 'locked', lockedLogin: user?.username ?? null });
  },

  cutOff(reason) {
    set({ phase: 'unreachable', unreachableReason: reason });
  },

  async refreshUser() {
    if (get().phase !== 'ready') return;
    const me = await api.call('auth.me', {});
    if (get().phase === 'ready') set({ user: me.user, permissions: me.permissions });
  },

  async refreshSettings() {
    const settings = await api.call('settings.get', {});
    await applyLanguage(settings.language);
    set({ settings });
  },
}));

/** A yes or no about the signed-in user (nobody signed in: no), each component subscribed to that boolean alone. */
function useSignedInMay(decide: (holder: PermissionHolder, userId: string) => boolean): boolean {
  return useSession((s) => (s.user ? decide({ isSuperuser: s.user.isSuperuser, permissions: s.permissions }, s.user.id) : false));
}

/** Whether the signed-in user may call something guarded by `access` (the main process still enforces). */
export function useCan(access: Access): boolean {
  return useSignedInMay((holder) => allows(holder, access));
}

/** What the signed-in user may do on an OT with this technician: carry the visit out, write its internal notes. */
export function useWorkOrderRights(technicianId: string | null | undefined): { carryOut: boolean; notes: boolean } {
  const carryOut = useSignedInMay((holder, userId) => mayCarryOut(holder, userId, technicianId));
  const notes = useSignedInMay((holder, userId) => mayWriteNotes(holder, userId, technicianId));
  return { carryOut, notes };
}

export function useHasPermission(permission: Permission): boolean {
  return useSignedInMay((holder) => hasPermission(holder, permission));
}
