// A simulated team member for the sync benches: a full copy in its own data folder, calling channels as its signed-in
// user, as the LAN and central-hub benches both drive them.
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';
import { CHECKPOINT_IDLE_MS } from '../../../db/checkpoint';
import { createBackend, type Backend } from '../../../electron/ipc/backend';

export interface Member {
  backend: Backend;
  dir: string;
  token: string | null;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

export const servicesOf = (member: { backend: Backend; dir: string }) => {
  const { backend, dir } = member;
  return { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir: dir };
};

/** Opens (or creates) the copy in `dir`; its calls keep the session the last sign-in gave. */
export function openMember(dir: string): Member {
  const backend = createBackend({ dataDir: dir });
  const member: Member = {
    backend,
    dir,
    token: null,
    async call(channel, input) {
      const result = await backend.dispatch({ sessionToken: member.token }, channel, input);
      if (result.session !== undefined) member.token = result.session;
      if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.message}`);
      return result.envelope.value as never;
    },
  };
  return member;
}

/**
 * Waits out the members' idle WAL checkpoint (db/checkpoint.ts, CHECKPOINT_IDLE_MS after a copy's last write) with half
 * a second to spare. On a laptop it runs on its own CPU; in a bench, dozens of copies share one thread, so letting it
 * run before a round keeps the other copies' housekeeping out of each member's measured round.
 */
export const settleCheckpoints = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, CHECKPOINT_IDLE_MS + 500));
