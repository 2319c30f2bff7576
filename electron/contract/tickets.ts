import { z } from 'zod';
import { CONTACT_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../shared/enums';
import { SLA_FILTERS } from '../../shared/sla';
import { byId, cursor, id, isoDateTime, line, nonEmpty, optionalLine, text, pageLimit, version } from './common';
import { channel } from './define';
import type { Page, TicketCounts, TicketDetail, TicketSummary, TimelineAddition, TimelinePage } from './dto';
import { typedDurationShape } from './workOrders';

export const ticketStatus = z.enum(TICKET_STATUSES);
export const ticketPriority = z.enum(TICKET_PRIORITIES);

export const ticketCreateInput = z.strictObject({
  title: line(3, 255),
  description: text(20_000).default(''),
  priority: ticketPriority.optional(),
  categoryId: id.nullable().optional(),
  customerId: id.nullable().optional(),
  assignedToId: id.nullable().optional(),
});

/** Filters shared by the list, the status counts and the CSV export. */
export const ticketFilterShape = {
  status: z.array(ticketStatus).max(TICKET_STATUSES.length).optional(),
  priority: z.union([ticketPriority, z.array(ticketPriority).max(TICKET_PRIORITIES.length)]).optional(),
  assignedToId: z.union([id, z.literal('me'), z.literal('unassigned')]).optional(),
  categoryId: id.optional(),
  customerId: id.optional(),
  createdFrom: isoDateTime.optional(),
  createdTo: isoDateTime.optional(),
  updatedFrom: isoDateTime.optional(),
  updatedTo: isoDateTime.optional(),
  q: z.string().max(200).optional(),
  /** The SLA clock that matters now is past its target (breached) or in its last quarter (at_risk). */
  sla: z.enum(SLA_FILTERS).optional(),
};
export const ticketFilter = z.strictObject(ticketFilterShape);

/** `due`: soonest SLA due first, tickets with no running clock (paused, closed) last; the others newest first. */
export const ticketSort = z.enum(['updated_at', 'created_at', 'priority', 'due']);

export const ticketListInput = z.strictObject({
  ...ticketFilterShape,
  sort: ticketSort.optional(),
  limit: pageLimit,
  cursor,
});

export const ticketUpdateInput = z.strictObject({
  id,
  version,
  title: line(3, 255).optional(),
  description: text(20_000).optional(),
  categoryId: id.nullable().optional(),
  customerId: id.nullable().optional(),
  priority: ticketPriority.optional(),
});

/** What closing does with one OT still open: complete it with the work really done, or cancel it with a reason. */
export const closeWorkOrderDecision = z.discriminatedUnion('action', [
  z.strictObject({ id, version, action: z.literal('complete'), workDone: nonEmpty(20_000), ...typedDurationShape }),
  z.strictObject({ id, version, action: z.literal('cancel'), reason: nonEmpty(5_000) }),
]);

/** A ticket with open OTs closes only with a decision for each (the service lists the undecided ones). */
export const ticketCloseInput = z
  .strictObject({
    id,
    resolution: nonEmpty(20_000),
    version,
    workOrders: z.array(closeWorkOrderDecision).max(500).default([]),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.workOrders.forEach((decision, index) => {
      if (seen.has(decision.id)) ctx.addIssue({ code: 'custom', path: ['workOrders', index, 'id'], message: 'one decision per work order', params: { reason: 'duplicate_decision' } });
      seen.add(decision.id);
    });
  });

/** Timeline events per page: tickets.get's latest ones and tickets.timeline's default (a reply stays tens of KB). */
export const TIMELINE_PAGE_SIZE = 100;

/** The events just older than `before` (a cursor from tickets.get or an earlier page); without it, the latest. */
export const ticketTimelineInput = z.strictObject({ id, before: cursor, limit: pageLimit });

export const ticketChannels = {
  'tickets.create': channel<TicketDetail>()({ input: ticketCreateInput, access: 'tickets:write' }),
  'tickets.list': channel<Page<TicketSummary>>()({ input: ticketListInput, access: 'tickets:read' }),
  'tickets.counts': channel<TicketCounts>()({ input: ticketFilter, access: 'tickets:read' }),
  'tickets.get': channel<TicketDetail>()({ input: byId, access: 'tickets:read' }),
  'tickets.timeline': channel<TimelinePage>()({ input: ticketTimelineInput, access: 'tickets:read' }),
  'tickets.update': channel<TicketDetail>()({ input: ticketUpdateInput, access: 'tickets:write' }),
  'tickets.changeStatus': channel<TicketDetail>()({
    input: z.strictObject({ id, status: ticketStatus, version }),
    access: 'tickets:write',
  }),
  'tickets.assign': channel<TicketDetail>()({
    input: z.strictObject({ id, assignedToId: id.nullable(), version }),
    access: 'tickets:write',
  }),
  'tickets.addNote': channel<TimelineAddition>()({
    input: z.strictObject({ id, content: nonEmpty(20_000) }),
    access: ['tickets:write', 'workorders:execute'],
  }),
  'tickets.addContact': channel<TimelineAddition>()({
    input: z.strictObject({
      id,
      channel: z.enum(CONTACT_CHANNELS),
      summary: nonEmpty(20_000),
      contactName: optionalLine(200),
    }),
    access: 'tickets:write',
  }),
  'tickets.close': channel<TicketDetail>()({ input: ticketCloseInput, access: 'tickets:write' }),
  'tickets.reopen': channel<TicketDetail>()({
    input: z.strictObject({ id, reason: nonEmpty(5_000), version }),
    access: 'tickets:write',
  }),
};
