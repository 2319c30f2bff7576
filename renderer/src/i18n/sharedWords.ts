// Words the main process also writes (PDFs, timeline text) live in shared/tickets.ts, not in the JSON files:
// they are added to the `common` namespace here so `t('common:ticketStatus.open')` reads the one definition.
import { TICKET_PRIORITY_WORDS, TICKET_STATUS_WORDS, type WordsLanguage } from '../../../shared/tickets';

export function withSharedWords(lang: WordsLanguage, namespace: string, words: Record<string, unknown>): Record<string, unknown> {
  if (namespace !== 'common') return words;
  return { ...words, ticketStatus: TICKET_STATUS_WORDS[lang], priority: TICKET_PRIORITY_WORDS[lang] };
}
