// Issue 18 (polish): the OT list said "Por planificar" where the PDF said "Pendiente de planificar". Statuses,
// priorities, OT types and contact channels are worded once (shared/words.ts): what the screens show through i18next
// is, word for word, what the PDFs and CSVs print and what the timeline text stores.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../electron/services/reports/labels';
import { WORK_ORDER_STATUS_LABEL, WORK_ORDER_TYPE_LABEL } from '../../electron/services/tickets/labels';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { CONTACT_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../../shared/enums';
import { WORK_ORDER_STATUS_WORDS } from '../../shared/words';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const LANGS = ['es', 'en'] as const;
const translators = {} as Record<(typeof LANGS)[number], TFunction>;

beforeAll(async () => {
  for (const lang of LANGS) {
    // Loaded as the renderer loads them: the JSON files plus the shared words.
    const common = withSharedWords(lang, 'common', JSON.parse(readFileSync(path.join(LOCALES, lang, 'common.json'), 'utf8')) as Record<string, unknown>);
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common } }, ns: ['common'], defaultNS: 'common', interpolation: { escapeValue: false } });
    translators[lang] = instance.t;
  }
});

describe('the screens and the reports use one set of words', () => {
  for (const lang of LANGS) {
    it(`${lang}: every status, priority, OT type and channel the renderer shows is the one the PDF prints`, () => {
      const t = translators[lang];
      const pdf = labelsFor(lang);
      for (const s of WORK_ORDER_STATUSES) expect(t(`workOrderStatus.${s}`), s).toBe(pdf.workOrderStatus[s]);
      for (const s of TICKET_STATUSES) expect(t(`ticketStatus.${s}`), s).toBe(pdf.ticketStatus[s]);
      for (const p of TICKET_PRIORITIES) expect(t(`priority.${p}`), p).toBe(pdf.ticketPriority[p]);
      for (const type of WORK_ORDER_TYPES) expect(t(`workOrderType.${type}`), type).toBe(pdf.workOrderType[type]);
      for (const c of CONTACT_CHANNELS) expect(t(`contactChannel.${c}`), c).toBe(pdf.contactChannel[c]);
    });
  }

  it('the Spanish timeline text stored by the services says the same', () => {
    expect(WORK_ORDER_STATUS_LABEL).toEqual(labelsFor('es').workOrderStatus);
    expect(WORK_ORDER_TYPE_LABEL).toEqual(labelsFor('es').workOrderType);
    expect(translators.es('workOrderStatus.pending_planning')).toBe('Por planificar');
  });

  it('no locale file keeps its own copy (it would win over the shared words or drift from them)', () => {
    for (const lang of LANGS) {
      const files = readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json'));
      for (const file of files) {
        const words = JSON.parse(readFileSync(path.join(LOCALES, lang, file), 'utf8')) as Record<string, unknown>;
        for (const key of ['ticketStatus', 'priority', 'workOrderStatus', 'workOrderType', 'contactChannel']) expect(words[key], `${lang}/${file} ${key}`).toBeUndefined();
      }
    }
    // The older wording is gone from the code too.
    expect(Object.values(WORK_ORDER_STATUS_WORDS.es)).not.toContain('Pendiente de planificar');
  });
});
