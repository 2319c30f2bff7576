// Output shapes of the IPC surface. Plain data: ISO date strings, no Date objects, no hashes or tokens.
import type {
  ContactChannel,
  ItemDirection,
  ProductUnit,
  TicketPriority,
  TicketStatus,
  TimelineEventType,
  WorkOrderStatus,
  WorkOrderType,
} from '../../shared/enums';
import type { WorkOrderDefaultMinutes } from './estimatedMinutes';
import type { ChecklistTemplates } from './checklists';
import type { SlaClock, SlaState, SlaTargets, TicketSla } from '../../shared/sla';

export interface UserRef {
  id: string;
  fullName: string;
  username: string;
}

export interface UserDto extends UserRef {
  email: string;
  isActive: boolean;
  isSuperuser: boolean;
  roleId: string | null;
  roleName: string | null;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
  /** The row version: send it back with an update (a stale one is CONFLICT). */
  version: number;
  updatedAt: string;
}

export interface DirectoryUser extends UserRef {
  roleName: string | null;
  isActive: boolean;
  /** Can be the technician of an OT: may execute work orders (workorders:execute or full access; planning alone is not enough). */
  canExecuteWorkOrders: boolean;
}

export interface MeDto {
  user: UserDto;
  permissions: string[];
}

export interface AuthStatusDto {
  needsSetup: boolean;
  /** Shown on the login screen before anyone signs in. */
  companyName: string;
  language: UiLanguage;
}

export interface RoleDto {
  id: string;
  name: string;
  permissions: string[];
  userCount: number;
  createdAt: string;
  /** The row version: send it back with an update (a stale one is CONFLICT). */
  version: number;
  updatedAt: string;
}

export interface CategoryDto {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  /** The row version: send it back with an update (a stale one is CONFLICT). */
  version: number;
  updatedAt: string;
}

export interface CustomerDto {
  id: string;
  name: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** Town or locality, shown in the dispatch queue and on the customer page. */
  town: string | null;
  notes: string | null;
  createdAt: string;
  /** The row version: send it back with an update (a stale one is CONFLICT). */
  version: number;
  updatedAt: string;
}

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  tracksSerial: boolean;
  /** What its quantities count: units (whole), kg, m or l (decimals). */
  unit: ProductUnit;
  createdAt: string;
  /** The row version: send it back with an update (a stale one is CONFLICT). */
  version: number;
  updatedAt: string;
}

export type UiLanguage = 'system' | 'es' | 'en';

export interface SettingsDto {
  companyName: string;
  companyAddress: string;
  companyPhone: string;
  companyEmail: string;
  /** Tax ID (NIF/CIF) printed in report headers; empty when not set. */
  companyTaxId: string;
  /** PNG or JPEG as a data: URL, or null. */
  companyLogo: string | null;
  ticketPrefix: string;
  workOrderPrefix: string;
  sessionTimeoutMinutes: number;
  language: UiLanguage;
  /** The loopback WebSocket a measuring tool may push readings to; off by default. */
  telemetrySocketEnabled: boolean;
  telemetrySocketPort: number;
  /** The company time zone (IANA name): day boundaries, the year in codes, period names. The computer's until set. */
  timeZone: string;
  /** Planned minutes of a visit per OT type, for an OT without its own estimate. */
  workOrderDefaultMinutes: WorkOrderDefaultMinutes;
  /** First-response and resolution targets per priority, in minutes of running SLA clock. */
  slaTargets: SlaTargets;
  /** Checklist items per OT type (Administración → Listas de comprobación). */
  checklistTemplates: ChecklistTemplates;
}

/** The settings as settings.get shows them, with each stored setting's row version (absent: never stored, send 0). */
export interface SettingsViewDto extends SettingsDto {
  versions: Record<string, number>;
}

export interface Ref {
  id: string;
  name: string;
}

export interface TicketSummary {
  id: string;
  code: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: Ref | null;
  customer: Ref | null;
  assignedTo: UserRef | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The SLA clock that matters now (first response until answered, then resolution); null if not computed yet. */
  sla: TicketSlaSummary | null;
  /** Only in a search that found the ticket by a code it (or one of its OTs) had before a team join renumbered it. */
  matchedFormerCode?: FormerCodeMatch;
}

/** A former code a search matched: the ticket's own (workOrderCode null) or an OT's, named by its code now. */
export interface FormerCodeMatch {
  code: string;
  workOrderCode: string | null;
}

/** One SLA clock as a list shows it: which one, its instants, and its state when the list was read. */
export interface TicketSlaSummary extends SlaClock {
  kind: 'response' | 'resolution';
  state: SlaState;
}

export interface TimelineEventDto {
  id: string;
  ticketId: string;
  eventType: TimelineEventType;
  content: string;
  metaData: Record<string, unknown> | null;
  author: UserRef | null;
  createdAt: string;
}

export interface WorkOrderItemDto {
  id: string;
  workOrderId: string;
  productId: string | null;
  productName: string | null;
  productSku: string | null;
  serialNumber: string | null;
  quantity: number;
  consumedAt: string;
  /** A part not in the catalogue, in words (productId null). */
  description: string | null;
  direction: ItemDirection;
  unit: ProductUnit;
}

export interface WorkOrderDto {
  id: string;
  code: string;
  ticketId: string;
  ticketCode: string;
  ticketTitle: string;
  customer: Ref | null;
  otType: WorkOrderType;
  status: WorkOrderStatus;
  technician: UserRef | null;
  scheduledDate: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Seconds. */
  totalDuration: number | null;
  /** Planned minutes of the visit; null: the OT type's default (settings workOrderDefaultMinutes). */
  estimatedMinutes: number | null;
  /** Internal notes: never printed for the customer, never overwritten by completion. */
  notes: string | null;
  /** "Trabajo realizado" (what the report says was done). */
  workDone: string | null;
  /** Why a typed duration replaced the measured one; null when the measured time stands. */
  durationReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderDetail extends WorkOrderDto {
  items: WorkOrderItemDto[];
  /** Codes it had before joining a team renumbered it, oldest first (still found by search); empty for most. */
  formerCodes: string[];
  /** Why a cancelled OT was cancelled (from its cancel event); null otherwise. */
  cancelReason: string | null;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  /** Codes it had before joining a team renumbered it, oldest first (still found by search); empty for most. */
  formerCodes: string[];
  creator: UserRef | null;
  customerDetail: CustomerDto | null;
  resolution: string | null;
  closedAt: string | null;
  /** The latest events (at most TIMELINE_PAGE_SIZE), oldest first; older ones come from tickets.timeline. */
  timeline: TimelineEventDto[];
  /** Pass as `before` to tickets.timeline for the events older than `timeline`'s first; null: none older. */
  timelineOlderCursor: string | null;
  workOrders: WorkOrderDetail[];
  /** Both SLA clocks, computed from the whole timeline with the company targets (the screen counts down from them). */
  slaClocks: TicketSla;
}

/** The ticket's fields a timeline addition can move (updatedAt, SLA), as the ticket screen's header shows them. */
export interface TicketHeader extends TicketSummary {
  slaClocks: TicketSla;
}

/** What adding a note or a contact answers: the event written and the ticket's header after it, not the whole ticket. */
export interface TimelineAddition {
  ticket: TicketHeader;
  event: TimelineEventDto;
}

/** A page of a ticket's timeline, oldest first: the events just before the cursor asked for. */
export interface TimelinePage {
  items: TimelineEventDto[];
  /** The cursor for the events older than `items`' first; null: this page reaches the ticket's first event. */
  olderCursor: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type StatusCounts = Record<TicketStatus, number>;

/**
 * tickets.counts: tickets per status for the list's filters. A search's counts stop at a cap (TICKET_COUNT_CAP): a
 * status in `capped` has at least its count (the tabs show "1.000+"). Without a search every count is exact.
 */
export interface TicketCounts {
  counts: StatusCounts;
  capped: TicketStatus[];
}

/** Where a search's counts per status stop (the list's tabs never need more to be useful). */
export const TICKET_COUNT_CAP = 1000;

export interface SerialTraceRow {
  serialNumber: string;
  itemId: string;
  quantity: number;
  unit: ProductUnit;
  /** Installed at the customer's site, or removed from it. */
  direction: ItemDirection;
  /** A free-text part's words (product null). */
  description: string | null;
  product: { id: string; name: string; sku: string } | null;
  workOrder: { id: string; code: string; status: WorkOrderStatus; otType: WorkOrderType };
  ticket: { id: string; code: string; title: string };
  customer: Ref | null;
  technician: UserRef | null;
  consumedAt: string;
}

export interface ContactMeta {
  channel: ContactChannel;
  contactName?: string;
}

/** One telemetry reading as listed: flattened out of its `telemetry` timeline event. */
export interface TelemetryReadingDto {
  eventId: string;
  metric: string;
  value: number;
  unit: string;
  source: string;
  measuredAt: string;
}

export interface TelemetryRecordResult {
  eventId: string;
  readings: number;
}

export interface TelemetryImportRejection {
  /** CSV: the file's line (header = 1). JSON: the 1-based position in the array. */
  line: number;
  field?: string;
  reason: string;
}

export interface TelemetryImportReport {
  imported: number;
  /** The first 1,000 rejected rows; `rejectedCount` has the total. */
  rejected: TelemetryImportRejection[];
  rejectedCount: number;
  eventId?: string;
}

export interface TelemetrySocketStats {
  connections: number;
  acceptedMessages: number;
  acceptedReadings: number;
  rateLimited: number;
  invalid: number;
  refusedUpgrades: number;
}

export interface TelemetrySocketInfo {
  enabled: boolean;
  port: number;
  token: string;
  url: string;
  /** Null when this process is not running the socket. */
  stats: TelemetrySocketStats | null;
}
