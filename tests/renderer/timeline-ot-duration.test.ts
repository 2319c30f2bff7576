// Issue 18 (polish): the ticket timeline's "OT completada" said neither how long the visit took nor, when the
// technician typed another duration, why. Both come from the event workOrders.complete writes (meta_data
// totalDuration, measuredDuration, durationReason), on screen in Spanish and English and in the ticket PDF.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { formatDuration } from '../../electron/contract/duration';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { describeEvent, eventBody, type BodyFormat } from '../../renderer/src/features/tickets/timelineText';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const LANGS = ['es', 'en'] as const;
type Lang = (typeof LANGS)[number];
const load = (lang: Lang, ns: string) => withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);
const translators = {} as Record<Lang, TFunction>;

/** What the Timeline component passes: the one duration formatter and the reason sentence in the UI language. */
const formatFor = (lang: Lang): BodyFormat => {
  const t = translators[lang];
  return {
    number: String,
    metric: (key) => key,
    duration: (seconds) => formatDuration(seconds, lang),
    durationChanged: (reason, measured) => (measured === null ? t('timeline.durationChangedUnmeasured', { reason }) : t('timeline.durationChanged', { reason, measured })),
  };
};

let f: DomainFixture;
let measured: TimelineEventDto;
let overridden: TimelineEventDto;

async function completedEvent(title: string, complete: (id: string, version: number) => Promise<unknown>): Promise<TimelineEventDto> {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: new Date(f.app.clock.now().getTime() + 3_600_000).toISOString(), technicianId: f.tec1.id, version: wo.version });
  wo = await f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
  // 47 minutes in two steps: the admin's session ends after 30 idle minutes.
  f.app.clock.advance(24 * 60_000);
  await f.admin.call('tickets.get', { id: ticket.id });
  f.app.clock.advance(23 * 60_000);
  await complete(wo.id, wo.version);
  const event = (await f.admin.call('tickets.get', { id: ticket.id })).timeline.find((e) => e.eventType === 'ot_completed');
  if (!event) throw new Error('no ot_completed event');
  return event;
}

beforeAll(async () => {
  for (const lang of LANGS) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: load(lang, 'common'), tickets: load(lang, 'tickets') } }, ns: ['common', 'tickets'], defaultNS: 'tickets', interpolation: { escapeValue: false } });
    translators[lang] = instance.t;
  }
  f = await startDomainApp();
  measured = await completedEvent('La caldera pierde presión', (id, version) => f.admin.call('workOrders.complete', { id, version, workDone: 'Purgado el circuito' }));
  overridden = await completedEvent('El split gotea', (id, version) =>
    f.admin.call('workOrders.complete', { id, version, workDone: 'Cambiada la bandeja', totalDuration: 65 * 60, durationReason: 'El cronómetro siguió en marcha durante la comida' }),
  );
}, 60_000);

afterAll(() => f?.app.close());

describe('"OT completada" in the ticket timeline', () => {
  it('the event written at completion carries the duration, the measured one and the reason', () => {
    expect(measured.metaData).toMatchObject({ totalDuration: 47 * 60, measuredDuration: 47 * 60 });
    expect(measured.metaData?.durationReason).toBeUndefined();
    expect(overridden.metaData).toMatchObject({ totalDuration: 65 * 60, measuredDuration: 47 * 60, durationReason: 'El cronómetro siguió en marcha durante la comida' });
  });

  it('says how long it took, in Spanish and English, written as everywhere else', () => {
    const code = String(measured.metaData?.code);
    expect(describeEvent(translators.es, measured, [], formatFor('es'))).toBe(`completó la ${code} en 47 min`);
    expect(describeEvent(translators.en, measured, [], formatFor('en'))).toBe(`completed ${code} in 47m`);
    expect(eventBody(measured, formatFor('es'))).toBeNull();
  });

  it('an overridden duration shows the typed one in the headline and the reason, with the measured one, below', () => {
    const code = String(overridden.metaData?.code);
    expect(describeEvent(translators.es, overridden, [], formatFor('es'))).toBe(`completó la ${code} en 1 h 5 min`);
    expect(describeEvent(translators.en, overridden, [], formatFor('en'))).toBe(`completed ${code} in 1h 5m`);
    expect(eventBody(overridden, formatFor('es'))).toBe('Duración cambiada a mano (medida: 47 min): El cronómetro siguió en marcha durante la comida');
    expect(eventBody(overridden, formatFor('en'))).toBe('Duration changed by hand (measured: 47m): El cronómetro siguió en marcha durante la comida');
  });

  it('the ticket PDF says the same in both languages', () => {
    const es = describeTimelineEvent(overridden, labelsFor('es')).body;
    const en = describeTimelineEvent(overridden, labelsFor('en')).body;
    expect(es).toContain('1 h 5 min');
    expect(es).toContain('Duración cambiada a mano (medida: 47 min): El cronómetro siguió en marcha durante la comida');
    expect(en).toContain('1h 5m');
    expect(en).toContain('Duration changed by hand (measured: 47m)');
    expect(describeTimelineEvent(measured, labelsFor('en')).body).toContain('47m');
  });
});
