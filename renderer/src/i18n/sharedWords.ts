// Words the main process also writes (PDFs, CSVs, timeline text) live in shared/words.ts, not in the JSON files:
// they are added to the `common` namespace here so `t('common:workOrderStatus.scheduled')` reads the one definition.
import { sharedCommonWords, type WordsLanguage } from '../../../shared/words';

export function withSharedWords(lang: WordsLanguage, namespace: string, words: Record<string, unknown>): Record<string, unknown> {
  if (namespace !== 'common') return words;
  return { ...words, ...sharedCommonWords(lang) };
}
