// What the sidebar footer says, as pure functions (tested in both languages without a window).
import type { TFunction } from 'i18next';
import type { OutputOf } from '../../../../electron/contract';
import { sentNotConfirmed } from '../../../../electron/contract/teamCounts';

type TeamStatus = OutputOf<'team.status'>;
type NetStatus = OutputOf<'sync.status'>;

/** The app's formatters (lib/format needs a window; tests pass their own). */
export interface FooterFormat {
  time(iso: string): string;
  number(value: number): string;
}

/** The last completed transfer: a bundle, or a network round (the background sync's own figure may be newer). */
export function lastExchangeOf(status: Pick<TeamStatus, 'lastExchangeAt'>, net: Pick<NetStatus, 'lastSyncAt'> | null): string | null {
  return [status.lastExchangeAt, net?.lastSyncAt].filter((v): v is string => Boolean(v)).sort().at(-1) ?? null;
}

/**
 * The footer's first line. While the hub is unreachable it gives the last exchange as a time of day, as the line under
 * it gives since when ("15:36" above "Hub sin conexión desde 15:37"; "este minuto" there read as a contradiction).
 */
export function lastExchangeText(last: string | null, net: Pick<NetStatus, 'state'> | null, t: TFunction, format: FooterFormat, relative: (iso: string) => string): string {
  if (!last) return t('footer.neverExchanged');
  return t('footer.lastExchange', { when: net?.state === 'unreachable' ? format.time(last) : relative(last) });
}

/** The background sync line: synced / syncing n changes / hub unreachable since HH:MM · n changes waiting / refused. */
export function netLineText(net: Pick<NetStatus, 'state' | 'pending' | 'unreachableSince' | 'reason'>, t: TFunction, format: FooterFormat): string {
  const since = net.unreachableSince;
  if (net.state === 'unreachable' && since) {
    return net.pending > 0
      ? t('footer.net.unreachableWaiting', { time: format.time(since), count: net.pending, n: format.number(net.pending) })
      : t('footer.net.unreachable', { time: format.time(since) });
  }
  if (net.state === 'refused') return t('footer.net.refused', { reason: t(`net.reason.${net.reason ?? 'refused'}`, { defaultValue: net.reason ?? '' }) });
  // A round that started with nothing of ours to send says only that it runs ("Sincronizando 0 cambios" read oddly).
  if (net.pending > 0) return t('footer.net.syncing', { count: net.pending, n: format.number(net.pending) });
  if (net.state === 'syncing') return t('footer.net.syncingNothing');
  return t('footer.net.synced');
}

type MemberSelf = Pick<TeamStatus['members'][number], 'isSelf'>;
type TeamSeen = Pick<TeamStatus, 'isFounder'> & { members: readonly MemberSelf[] };

/** The founder has heard of no other member yet (a team just created, invitations not used yet): nobody to send to. */
export function noOtherMemberYet(status: TeamSeen): boolean {
  return status.isFounder && status.members.every((member) => member.isSelf);
}

/** A member that joined and has received nothing from the team yet (no bundle imported): it knows only itself. */
export function nothingFromTeamYet(status: TeamSeen): boolean {
  return !status.isFounder && status.members.every((member) => member.isSelf);
}

/**
 * Where this copy's own changes stand when no background sync speaks for them: revoked (nothing it sends is accepted
 * any more) / n waiting for the first member / n not sent / n sent in a file that no member has confirmed yet / all
 * sent and confirmed.
 */
export function ownChangesText(
  status: Pick<TeamStatus, 'unsentOps' | 'unconfirmedOps'> & TeamSeen & { device: Pick<TeamStatus['device'], 'revokedAt'> },
  t: TFunction,
  format: FooterFormat,
): { text: string; bad: boolean } {
  if (status.device.revokedAt) return { text: t('footer.revoked'), bad: true };
  const n = (count: number) => ({ count, n: format.number(count) });
  // Right after "Crear equipo" the founder's whole history counts as not sent: it read as something gone wrong.
  if (status.unsentOps > 0 && noOtherMemberYet(status)) return { text: t('footer.waitingFirstMember', n(status.unsentOps)), bad: false };
  if (status.unsentOps > 0) return { text: t('footer.unsent', n(status.unsentOps)), bad: false };
  if (sentNotConfirmed(status) > 0) return { text: t('footer.unconfirmed', n(sentNotConfirmed(status))), bad: false };
  return { text: t('footer.allSent'), bad: false };
}

/** What "Sincronizar ahora" says next to the button once the round is over: null when it went well. */
export function syncNowProblem(net: Pick<NetStatus, 'state' | 'reason' | 'hub'>, t: TFunction): string | null {
  if (net.state !== 'unreachable' && net.state !== 'refused') return null;
  const reason = net.reason ?? (net.state === 'unreachable' ? 'unreachable' : 'refused');
  return t('net.link.failed', { url: net.hub?.url ?? '', reason: t(`net.reason.${reason}`, { defaultValue: reason }) });
}
