// Domain events pushed to every window after a commit: enough to know what to refetch, never data.

export const DOMAIN_ENTITIES = [
  'ticket',
  'workOrder',
  'user',
  'role',
  'category',
  'customer',
  'product',
  'settings',
  'job',
  'team',
  'conflict',
] as const;
export type DomainEntity = (typeof DOMAIN_ENTITIES)[number];

export type DomainEventKind = 'created' | 'updated' | 'deleted' | 'progress';

export interface DomainEvent {
  entity: DomainEntity;
  id: string;
  kind: DomainEventKind;
  /** For child changes (a work order of a ticket): the parent ticket, so its screen refreshes too. */
  ticketId?: string;
  /** Small job progress info (batch export, demo data, backup). */
  progress?: { done: number; total: number; label?: string };
}

/** The push channel name windows subscribe to. */
export const DOMAIN_EVENT_CHANNEL = 'domain.event';
