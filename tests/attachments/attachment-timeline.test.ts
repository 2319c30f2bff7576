// The bitácora names each photo or file added, on screen and in the ticket PDF, in both languages: it said
// "actualizó la OT-…" once per photo without the file name, and a file added to the ticket itself left no line at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { describeEvent, eventBody } from '../../renderer/src/features/tickets/timelineText';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { minimalPdf, noiseJpeg } from './images';
import { translatorsFor, type Translators } from '../renderer/translators';

let translators: Translators;
const body = { number: String, metric: String, duration: String, durationChanged: (r: string) => r };

let f: DomainFixture;
let code = '';
/** The events adding files, oldest first: a photo and a PDF on the OT, then a photo and a PDF on the ticket. */
let events: TimelineEventDto[] = [];

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
  f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  code = wo.code;
  await f.admin.call('attachments.add', { workOrderId: wo.id, fileName: 'IMG_0001.jpg', bytes: await noiseJpeg(64, 48) });
  await f.admin.call('attachments.add', { workOrderId: wo.id, fileName: 'albaran.pdf', bytes: minimalPdf() });
  await f.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'IMG_0002.jpg', bytes: await noiseJpeg(48, 64) });
  await f.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'presupuesto.pdf', bytes: minimalPdf() });
  const detail = await f.admin.call('tickets.get', { id: ticket.id });
  events = detail.timeline.filter((e) => JSON.stringify(e.metaData ?? {}).includes('attachment_added'));
  events.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
});
afterAll(() => f.app.close());

describe('a photo or file added, in the bitácora', () => {
  it('one line per file, the ticket-level ones included', () => {
    expect(events.map((e) => e.eventType)).toEqual(['ot_updated', 'ot_updated', 'note', 'note']);
  });

  it('on screen: names the photo or the file and where it went, in Spanish and English', () => {
    const line = (lang: 'es' | 'en') => events.map((e) => describeEvent(translators[lang], e, []));
    expect(line('es')).toEqual([
      `añadió la foto «IMG_0001.jpg» a la ${code}`,
      `añadió el archivo «albaran.pdf» a la ${code}`,
      'añadió la foto «IMG_0002.jpg» al ticket',
      'añadió el archivo «presupuesto.pdf» al ticket',
    ]);
    expect(line('en')).toEqual([
      `added the photo “IMG_0001.jpg” to ${code}`,
      `added the file “albaran.pdf” to ${code}`,
      'added the photo “IMG_0002.jpg” to the ticket',
      'added the file “presupuesto.pdf” to the ticket',
    ]);
    // The ticket-level line is not a note: no stored Spanish text repeated under it.
    expect(events.map((e) => eventBody(e, body))).toEqual([null, null, null, null]);
  });

  it('in the ticket PDF: the same facts in the report language', () => {
    const lines = (lang: 'es' | 'en') => events.map((e) => describeTimelineEvent(e, labelsFor(lang)));
    expect(lines('es')).toEqual([
      { heading: 'OT actualizada', body: `${code}: foto añadida: «IMG_0001.jpg»` },
      { heading: 'OT actualizada', body: `${code}: archivo añadido: «albaran.pdf»` },
      { heading: 'Archivo adjunto', body: 'Foto añadida al ticket: «IMG_0002.jpg»' },
      { heading: 'Archivo adjunto', body: 'Archivo añadido al ticket: «presupuesto.pdf»' },
    ]);
    expect(lines('en')).toEqual([
      { heading: 'Work order updated', body: `${code}: photo added: “IMG_0001.jpg”` },
      { heading: 'Work order updated', body: `${code}: file added: “albaran.pdf”` },
      { heading: 'Attachment', body: 'Photo added to the ticket: “IMG_0002.jpg”' },
      { heading: 'Attachment', body: 'File added to the ticket: “presupuesto.pdf”' },
    ]);
  });
});
