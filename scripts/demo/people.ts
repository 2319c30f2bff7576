// Demo logins: the administrator (through the setup service on an empty database), the dispatcher and tecnico1…N.
import { recordCapturedOps } from '../../electron/services/sync/capture';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { setup } from '../../electron/services/auth';
import { systemClock } from '../../electron/services/context';
import { EventBus } from '../../electron/services/events';
import { hashPassword } from '../../electron/services/users/passwords';
import { ensureDefaultRoles, findRoleByName } from '../../electron/services/users/roles';
import { insertUser } from '../../electron/services/users/users';
import { DEFAULT_ROLE_WORDS } from '../../shared/words';
import type { Random } from './random';

export const DEMO_PASSWORD = 'emerald-demo';
export const DEMO_COMPANY = 'Servicios Técnicos Esmeralda S.L.';
/** The office's dispatcher: plans the visits (Tablero, Por planificar) and does none, as the default role Agente. */
export const DEMO_DISPATCHER = { username: 'agente', fullName: 'Alba Ortega', role: DEFAULT_ROLE_WORDS.es.agent } as const;

export interface DemoPeople {
  adminId: string;
  /** False when an `admin` already existed: its password was left alone. */
  adminHasDemoPassword: boolean;
  dispatcherUsername: string;
  technicianIds: string[];
  technicianUsernames: string[];
}

function userIdByUsername(sqlite: Database.Database, username: string): string | undefined {
  const row = sqlite.prepare('SELECT id FROM users WHERE lower(username) = lower(?)').get(username) as { id: string } | undefined;
  return row?.id;
}

export async function ensureDemoPeople(sqlite: Database.Database, technicians: number, random: Random): Promise<DemoPeople> {
  const db = drizzle(sqlite, { schema });
  const ctx = { db, sqlite, actor: null, clock: systemClock, events: new EventBus() };
  const at = new Date().toISOString();
  const userCount = (sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  let adminHasDemoPassword = false;
  let passwordHash: string;
  // Hashed once (argon2id is slow on purpose): every demo login reuses the admin's hash.
  if (userCount === 0) {
    const admin = await setup(ctx, { email: 'admin@example.com', username: 'admin', password: DEMO_PASSWORD, fullName: 'Marta Gil', companyName: DEMO_COMPANY });
    passwordHash = (sqlite.prepare('SELECT password_hash AS hash FROM users WHERE id = ?').get(admin.id) as { hash: string }).hash;
    adminHasDemoPassword = true;
  } else {
    passwordHash = await hashPassword(DEMO_PASSWORD);
  }
  return db.transaction((tx) => {
    ensureDefaultRoles(tx, at);
    let adminId = userIdByUsername(sqlite, 'admin');
    if (!adminId) {
      adminId = insertUser(tx, { email: 'admin@example.com', username: 'admin', fullName: 'Marta Gil', roleId: findRoleByName(tx, DEFAULT_ROLE_WORDS.es.administrator)?.id ?? null, isSuperuser: true }, passwordHash, at).id;
      adminHasDemoPassword = true;
    }
    // A fixed name, no draw: the technicians' names and everything after them come out as before it was added.
    const { username: dispatcherUsername, fullName: dispatcherName, role: dispatcherRole } = DEMO_DISPATCHER;
    if (!userIdByUsername(sqlite, dispatcherUsername)) {
      const roleId = findRoleByName(tx, dispatcherRole)?.id ?? null;
      insertUser(tx, { email: `${dispatcherUsername}@example.com`, username: dispatcherUsername, fullName: dispatcherName, roleId }, passwordHash, at);
    }
    const technicianRole = findRoleByName(tx, DEFAULT_ROLE_WORDS.es.technician)?.id ?? null;
    const technicianIds: string[] = [];
    const technicianUsernames: string[] = [];
    for (let i = 1; i <= technicians; i++) {
      const username = `tecnico${i}`;
      const fullName = `${random.faker.person.firstName()} ${random.faker.person.lastName()}`;
      const id =
        userIdByUsername(sqlite, username) ??
        insertUser(tx, { email: `${username}@example.com`, username, fullName, roleId: technicianRole }, passwordHash, at).id;
      technicianIds.push(id);
      technicianUsernames.push(username);
    }
    recordCapturedOps(sqlite, null, Date.now());
    return { adminId, adminHasDemoPassword, dispatcherUsername, technicianIds, technicianUsernames };
  });
}
