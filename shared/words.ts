// The words for statuses, priorities, OT types and contact channels in both UI languages, defined once: the screens
// (renderer/src/i18n/sharedWords.ts puts them in the `common` namespace), the PDFs and CSVs (reports/labels.ts) and
// the Spanish text stored in timeline events (services/tickets/labels.ts) all read these tables (issue 18: the OT list
// said "Por planificar" where the PDF said "Pendiente de planificar").
import type { ContactChannel, TicketPriority, TicketStatus, WorkOrderStatus, WorkOrderType } from './enums';

export type WordsLanguage = 'es' | 'en';

type Words<K extends string> = Readonly<Record<WordsLanguage, Readonly<Record<K, string>>>>;

export const TICKET_STATUS_WORDS: Words<TicketStatus> = {
  es: { open: 'Abierto', in_progress: 'En curso', waiting: 'En espera', closed: 'Cerrado' },
  en: { open: 'Open', in_progress: 'In progress', waiting: 'Waiting', closed: 'Closed' },
};

export const TICKET_PRIORITY_WORDS: Words<TicketPriority> = {
  es: { low: 'Baja', medium: 'Media', high: 'Alta', critical: 'Crítica' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};

export const WORK_ORDER_STATUS_WORDS: Words<WorkOrderStatus> = {
  es: { pending_planning: 'Por planificar', scheduled: 'Programada', in_progress: 'En curso', completed: 'Completada', cancelled: 'Cancelada' },
  en: { pending_planning: 'To plan', scheduled: 'Scheduled', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
};

export const WORK_ORDER_TYPE_WORDS: Words<WorkOrderType> = {
  es: { diagnosis: 'Diagnóstico', repair: 'Reparación', install: 'Instalación', upgrade: 'Actualización', maintenance: 'Mantenimiento' },
  en: { diagnosis: 'Diagnosis', repair: 'Repair', install: 'Installation', upgrade: 'Upgrade', maintenance: 'Maintenance' },
};

export const CONTACT_CHANNEL_WORDS: Words<ContactChannel> = {
  es: { phone: 'Teléfono', email: 'Correo', whatsapp: 'WhatsApp', visit: 'Visita', other: 'Otro' },
  en: { phone: 'Phone', email: 'Email', whatsapp: 'WhatsApp', visit: 'Visit', other: 'Other' },
};

export type DefaultRole = 'administrator' | 'supervisor' | 'technician' | 'agent' | 'readOnly';

/**
 * The roles every install starts with. Their stored names are the Spanish words (renaming one makes it the admin's
 * own); while a role keeps its default name, an English screen shows the English one.
 */
export const DEFAULT_ROLE_WORDS: Words<DefaultRole> = {
  es: { administrator: 'Administrador', supervisor: 'Supervisor', technician: 'Técnico', agent: 'Agente', readOnly: 'Solo lectura' },
  en: { administrator: 'Administrator', supervisor: 'Supervisor', technician: 'Technician', agent: 'Dispatcher', readOnly: 'Read only' },
};

/** The default role a stored role name is, if it still has its default name. */
export function defaultRoleOf(name: string): DefaultRole | null {
  const found = Object.entries(DEFAULT_ROLE_WORDS.es).find(([, word]) => word === name);
  return found ? (found[0] as DefaultRole) : null;
}

/** The keys of the `common` namespace these tables fill in the renderer (t('common:workOrderStatus.scheduled')). */
export function sharedCommonWords(lang: WordsLanguage): Record<string, Readonly<Record<string, string>>> {
  return {
    ticketStatus: TICKET_STATUS_WORDS[lang],
    priority: TICKET_PRIORITY_WORDS[lang],
    workOrderStatus: WORK_ORDER_STATUS_WORDS[lang],
    workOrderType: WORK_ORDER_TYPE_WORDS[lang],
    contactChannel: CONTACT_CHANNEL_WORDS[lang],
    defaultRole: DEFAULT_ROLE_WORDS[lang],
  };
}
