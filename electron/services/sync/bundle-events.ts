// After an import commits: tell open windows what changed, in the same domain events local writes send,
// so lists and open tickets refresh without a reload. A big import says "everything of this kind" instead.
import type Database from 'better-sqlite3';
import type { DomainEntity, DomainEvent } from '../../contract';
import { prepared } from '../sql';
import type { TouchedRow } from './conflicts';

/** Past this many rows, one event per kind of entity: a window refetches its list once, not a thousand times. */
export const MAX_ROW_EVENTS = 300;

const SIMPLE: Record<string, DomainEntity> = {
  tickets: 'ticket',
  customers: 'customer',
  products: 'product',
  ticket_categories: 'category',
  users: 'user',
  roles: 'role',
  settings: 'settings',
  work_orders: 'workOrder',
  work_order_items: 'workOrder',
  ticket_timeline: 'ticket',
  team_members: 'team',
  team_invitations: 'team',
  team_invitation_cancellations: 'team',
  conflict_resolutions: 'conflict',
};

/** Collects the rows an import touched, up to MAX_ROW_EVENTS distinct ones; beyond that only their kinds. */
export class TouchedCollector {
  private readonly rows = new Map<string, TouchedRow>();
  private readonly kinds = new Set<DomainEntity>();
  private overflow = false;

  add(touched: readonly TouchedRow[]): void {
    for (const row of touched) {
      const kind = SIMPLE[row.entity];
      if (!kind) continue;
      this.kinds.add(kind);
      if (this.overflow) continue;
      this.rows.set(`${row.entity}\u0000${row.rowId}`, row);
      if (this.rows.size > MAX_ROW_EVENTS) {
        this.overflow = true;
        this.rows.clear();
      }
    }
  }

  /**
   * The events to send, reading parents (a note's ticket, an item's OT) on `sqlite` after the commit. Conflicts are
   * derived during the merge, so any change may have opened or closed some: the inbox always hears about it.
   */
  events(sqlite: Database.Database): DomainEvent[] {
    if (this.kinds.size === 0) return [];
    const conflicts: DomainEvent = { entity: 'conflict', id: '*', kind: 'updated' };
    if (this.overflow) return [...[...this.kinds].filter((entity) => entity !== 'conflict').map((entity): DomainEvent => ({ entity, id: '*', kind: 'updated' })), conflicts];
    const events = new Map<string, DomainEvent>();
    const add = (event: DomainEvent) => events.set(`${event.entity}\u0000${event.id}`, event);
    add(conflicts);
    const teamId = (prepared(sqlite, 'SELECT team_id FROM sync_local WHERE id = 1').get() as { team_id: string | null }).team_id ?? '*';
    for (const { entity, rowId } of this.rows.values()) {
      switch (entity) {
        case 'team_members':
        case 'team_invitations':
        case 'team_invitation_cancellations':
          add({ entity: 'team', id: teamId, kind: 'updated' });
          break;
        case 'conflict_resolutions':
          break;
        case 'ticket_timeline': {
          const row = prepared(sqlite, 'SELECT ticket_id FROM ticket_timeline WHERE id = ?').get(rowId) as { ticket_id: string } | undefined;
          if (row) add({ entity: 'ticket', id: row.ticket_id, kind: 'updated' });
          break;
        }
        case 'work_orders':
        case 'work_order_items': {
          const sql =
            entity === 'work_orders'
              ? 'SELECT id, ticket_id FROM work_orders WHERE id = ?'
              : 'SELECT w.id, w.ticket_id FROM work_order_items i JOIN work_orders w ON w.id = i.work_order_id WHERE i.id = ?';
          const row = prepared(sqlite, sql).get(rowId) as { id: string; ticket_id: string } | undefined;
          if (row) add({ entity: 'workOrder', id: row.id, kind: 'updated', ticketId: row.ticket_id });
          else if (entity === 'work_orders') add({ entity: 'workOrder', id: rowId, kind: 'deleted' });
          break;
        }
        case 'settings':
          add({ entity: 'settings', id: 'settings', kind: 'updated' });
          break;
        default:
          add({ entity: SIMPLE[entity] as DomainEntity, id: rowId, kind: 'updated' });
      }
    }
    return [...events.values()];
  }
}
