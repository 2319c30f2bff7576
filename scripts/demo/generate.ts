// The demo data generator: realistic Spanish tickets, timelines, OTs and parts over the last two years.
// Called by `npm run cli -- demo`, browser mode (`serve --demo`) and the benchmark.
import { OPTIMIZE_SQL } from '../../electron/services/search/schema';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import type { TicketStatus, WorkOrderStatus } from '../../shared/enums';
import { newId } from '../../electron/services/ids';
import { readSettings } from '../../electron/services/settings';
import { formatCode, sequenceScope } from '../../electron/services/tickets/codes';
import { localYearOf } from '../../electron/contract/zonedTime';
import { companyTimeZone } from '../../electron/services/timeZone';
import { ensureDemoCatalog } from './catalog';
import { ensureDemoChecklists } from './checklists';
import { markDemoDatabase } from './guard';
import { DEMO_PASSWORD, ensureDemoPeople } from './people';
import { seededRandom } from './random';
import { tellStory, type StoryContext } from './story';
import { storyWriter } from './writer';

export { DEMO_PASSWORD } from './people';

export interface DemoOptions {
  tickets: number;
  technicians?: number;
  seed?: number;
  /** Average OTs on a ticket that went past `open` (default about 1). */
  workOrdersPerTicket?: number;
  /** The end of the two-year span (default: now). */
  now?: Date;
}

export interface DemoProgress {
  done: number;
  total: number;
  label: string;
}

export interface DemoSummary {
  tickets: number;
  timelineEvents: number;
  workOrders: number;
  items: number;
  customers: number;
  logins: string[];
  password: string;
  adminHasDemoPassword: boolean;
  elapsedMs: number;
}

const DAY = 86_400_000;
const SPAN_DAYS = 730;
const MAX_CHUNK = 5000;

/** Per-scope counters continuing from code_sequences, written back in each chunk's transaction. */
class CodeCounters {
  private readonly values = new Map<string, number>();
  /** Codes take the year on the company calendar, as nextCode does for the app's own writes. */
  private readonly zone: string;
  constructor(private readonly sqlite: Database.Database) {
    this.zone = companyTimeZone(sqlite);
  }

  next(kind: 'ticket' | 'workOrder', prefix: string, at: string): string {
    const year = localYearOf(this.zone, at);
    const scope = sequenceScope(kind, prefix, year);
    let value = this.values.get(scope);
    if (value === undefined) {
      const row = this.sqlite.prepare('SELECT last_value AS v FROM code_sequences WHERE scope = ?').get(scope) as { v: number } | undefined;
      value = row?.v ?? 0;
    }
    this.values.set(scope, ++value);
    return formatCode(prefix, year, value);
  }

  save(at: string): void {
    const upsert = this.sqlite.prepare(
      `INSERT INTO code_sequences (scope, last_value, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET last_value = max(last_value, excluded.last_value), updated_at = excluded.updated_at`,
    );
    for (const [scope, value] of this.values) upsert.run(scope, value, at, at);
  }
}

function finalStatusFor(ageDays: number, roll: number): TicketStatus {
  if (ageDays > 45) return roll < 0.93 ? 'closed' : roll < 0.96 ? 'waiting' : roll < 0.98 ? 'in_progress' : 'open';
  return roll < 0.25 ? 'closed' : roll < 0.45 ? 'waiting' : roll < 0.75 ? 'in_progress' : 'open';
}

const FORCED_TICKET_STATUSES: TicketStatus[] = ['open', 'in_progress', 'waiting', 'closed'];
const FORCED_WORK_ORDER_STATUSES: WorkOrderStatus[] = ['pending_planning', 'scheduled', 'in_progress', 'completed', 'cancelled'];

export async function generateDemoData(
  sqlite: Database.Database,
  options: DemoOptions,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoSummary> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 1);
  const now = (options.now ?? new Date()).getTime();
  const total = options.tickets;
  // Marked first, so even an interrupted run leaves a database the demo command may fill again.
  markDemoDatabase(sqlite, new Date(now).toISOString());
  const people = await ensureDemoPeople(sqlite, options.technicians ?? 8, random);
  const catalog = ensureDemoCatalog(sqlite, Math.max(20, Math.ceil(total / 20)), random, new Date(now - SPAN_DAYS * 24 * 60 * 60_000));
  const settings = readSettings(drizzle(sqlite, { schema }));
  const checklistTemplates = ensureDemoChecklists(sqlite, new Date(now).toISOString());
  const counters = new CodeCounters(sqlite);

  const ctx: StoryContext = {
    random,
    now,
    adminId: people.adminId,
    technicianIds: people.technicianIds.length > 0 ? people.technicianIds : [people.adminId],
    customerIds: catalog.customers.map((c) => c.id),
    categoryIds: catalog.categoryIds,
    products: catalog.products,
    serialPool: [],
    workOrdersPerTicket: options.workOrdersPerTicket ?? null,
    checklistTemplates,
    nextWorkOrderCode: (at) => counters.next('workOrder', settings.workOrderPrefix, at),
  };

  // Creation times sorted, so codes grow with time inside each year like a real install.
  const createdTimes = Array.from({ length: total }, () => now - random.int(60, SPAN_DAYS * 24 * 60) * 60_000).sort((a, b) => a - b);
  const counts = { timelineEvents: 0, workOrders: 0, items: 0 };
  const writer = storyWriter(sqlite);
  const chunk = Math.min(MAX_CHUNK, Math.max(50, Math.ceil(total / 20)));

  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk);
    writer.inChunk(() => {
      for (let i = from; i < to; i++) {
        const fromNewest = total - 1 - i;
        const createdAt = createdTimes[i] as number;
        // The newest few tickets cover every ticket and OT status, so even a tiny data set shows them all.
        const forcedWorkOrderStatus = FORCED_WORK_ORDER_STATUSES[fromNewest - FORCED_TICKET_STATUSES.length];
        const finalStatus =
          FORCED_TICKET_STATUSES[fromNewest] ??
          (forcedWorkOrderStatus ? 'in_progress' : finalStatusFor((now - createdAt) / DAY, random.int(0, 999) / 1000));
        const code = counters.next('ticket', settings.ticketPrefix, new Date(createdAt).toISOString());
        const story = tellStory(ctx, { id: newId(), code, createdAt, finalStatus, ...(forcedWorkOrderStatus ? { forcedWorkOrderStatus } : {}) });
        writer.write(story);
        counts.timelineEvents += story.events.length;
        counts.workOrders += story.workOrders.length;
        counts.items += story.items.length;
      }
      counters.save(new Date(now).toISOString());
    });
    onProgress({ done: to, total, label: 'tickets' });
  }

  // Merge the FTS segments written in bulk and refresh the planner's statistics.
  sqlite.exec(OPTIMIZE_SQL);
  sqlite.pragma('optimize');
  return {
    tickets: total,
    ...counts,
    customers: catalog.customers.length,
    logins: ['admin', people.dispatcherUsername, ...people.technicianUsernames],
    password: DEMO_PASSWORD,
    adminHasDemoPassword: people.adminHasDemoPassword,
    elapsedMs: Math.round(performance.now() - started),
  };
}
