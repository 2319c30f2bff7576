// Spanish words for the short human text stored in timeline events (the UI renders its own wording), from the one
// table the screens and the PDFs read (shared/words.ts).
import { TICKET_PRIORITY_WORDS, TICKET_STATUS_WORDS, WORK_ORDER_STATUS_WORDS, WORK_ORDER_TYPE_WORDS } from '../../../shared/words';

export const TICKET_STATUS_LABEL = TICKET_STATUS_WORDS.es;
export const PRIORITY_LABEL = TICKET_PRIORITY_WORDS.es;
export const WORK_ORDER_STATUS_LABEL = WORK_ORDER_STATUS_WORDS.es;
export const WORK_ORDER_TYPE_LABEL = WORK_ORDER_TYPE_WORDS.es;
