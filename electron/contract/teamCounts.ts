// Counts a team status derives, shared by the renderer and the CLI. Pure and free of zod: the renderer's start path
// reaches it (tests/renderer/start-path-imports.test.ts).
import type { TeamStatusDto } from './team';

/** Own changes that went out (in a file, or to a hub) and no member has confirmed holding: unconfirmed minus unsent. */
export function sentNotConfirmed(status: Pick<TeamStatusDto, 'unsentOps' | 'unconfirmedOps'>): number {
  return Math.max(0, status.unconfirmedOps - status.unsentOps);
}
