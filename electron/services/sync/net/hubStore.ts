// What the hub's server needs from wherever the team's shared copy lives: a member's SQLite file (the LAN hub) or
// PostgreSQL (the central hub, sync/pg/pgHubStore.ts). The server, routes and long polls speak only to this.
import type { DomainEvent } from '../../../contract';
import type { OpRecord } from '../capture';
import type { PairRequest, PairResponse, PullResponse, PushResponse, Vector } from './protocol';

export interface HubIdentity {
  deviceId: string;
  name: string;
  teamId: string;
  publicKey: string;
  /** The hub's key fingerprint, as pairing shows it. */
  fingerprint: string;
}

export interface PushOutcome {
  answer: PushResponse;
  /** Domain events of the rows the page touched (a member hub's windows refresh on them); empty when nobody listens. */
  events: DomainEvent[];
}

export interface HubStore {
  /** Who serves. Refuses (AppError) a store in no team or a hub device the team revoked. */
  identity(): Promise<HubIdentity>;
  /** The key of a link, for the TLS handshake: synchronous, so a store that reads asynchronously keeps a cache. */
  linkKey(deviceId: string): Buffer | null;
  /** The key of a live pairing code (unused, unexpired), for the TLS handshake: synchronous as well. */
  pairingKey(identity: string, nowIso: string): Buffer | null;
  /** A linked, unrevoked device may sync; otherwise throws WireError 403 unlinked / revoked. */
  checkStanding(deviceId: string): Promise<void>;
  /** Of these devices, the ones the team has revoked (their sockets are closed). */
  revokedAmong(deviceIds: readonly string[]): Promise<string[]>;
  hello(): Promise<{ deviceId: string; name: string; vector: Vector }>;
  /**
   * Applies one page of a member's ops (`fromDevice`: the linked device that sent it) in one transaction. A device the
   * hub does not know yet whose page introduces it with a cancelled invitation: WireError 403 invitation_cancelled,
   * nothing written.
   */
  push(ops: OpRecord[], fromDevice: string): Promise<PushOutcome>;
  /** One page of the ops `vector` lacks; the last page also notes the member as in step. */
  pull(deviceId: string, vector: Vector): Promise<PullResponse>;
  /** A member's word on what it holds (its long poll's vector, sent after it applied what it pulled): in step as of now. */
  noteHeld(deviceId: string, vector: Vector): Promise<void>;
  /** What a newcomer loads after joining, as a bundle file written at `file` (see the store for its kind). */
  writeNewcomerBundle(file: string): Promise<{ bytes: number }>;
  /** Pairing over a code's identity: uses up the code, links the device, invites a newcomer. One transaction. */
  pair(identity: string, request: PairRequest): Promise<PairResponse>;
  /** The hub's vector now (long polls compare members' vectors to it). */
  vector(): Promise<Vector>;
  /** Changes made around the protocol (a member hub's own writes): `team` when members or invitations changed. */
  watch(listener: (change: { team: boolean }) => void): () => void;
  /**
   * Attachment originals (content-addressed by sha256): the LAN hub keeps them in its data folder (attachmentFiles.ts),
   * the central hub in PostgreSQL (pg/pgHubFiles.ts). A store without them answers files_unsupported and members carry
   * rows only. Of `hashes`, the ones the hub lacks.
   */
  missingFiles?(hashes: readonly string[]): Promise<string[]>;
  /** Keeps bytes already checked by the route (hash and size); false when the hub had them. Refuses a hash no attachment row names. */
  putFile?(sha256: string, bytes: Buffer): Promise<{ stored: boolean; events: DomainEvent[] }>;
  getFile?(sha256: string): Promise<Buffer | null>;
  /** Where temporary files go (a newcomer's bundle); the system temp folder when undefined. */
  scratchDir?: string;
  /** Releases what the store holds (pools, timers); the server calls it only for stores it did not receive. */
  close(): Promise<void>;
}
