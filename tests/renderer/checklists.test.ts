// Checklists in the renderer, without a browser: numbers typed with a decimal comma, the admin draft (keys, kinds,
// order, errors) and the bitácora line of an answer in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { blankItem, draftOf, moved, readChecklistDraft, serverErrors, withKind } from '../../renderer/src/features/admin/checklistDraft';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';
import { decimalText, parseDecimal } from '../../renderer/src/features/workOrders/checklistValue';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['tickets', 'checklists']);
});

describe('numbers typed on site', () => {
  it('read a decimal comma or point; empty is no answer; anything else is refused', () => {
    // How each language's numbers read is lib/decimalText's (decimal-text.test.ts); here, what the panel gets.
    expect(parseDecimal('2,5', 'es')).toBe(2.5);
    expect(parseDecimal(' 2.5 ', 'en')).toBe(2.5);
    expect(parseDecimal('1.000,5', 'es')).toBe(1000.5);
    expect(parseDecimal('', 'es')).toBeNull();
    for (const bad of ['2,x', '1e3', '2,5 bar', '1.000,5']) expect(parseDecimal(bad, 'en'), bad).toBe('invalid');
  });

  it('go back into the box with the language decimal mark and no grouping', () => {
    expect(decimalText(2.5, 'es')).toBe('2,5');
    expect(decimalText(12345.5, 'es')).toBe('12345,5');
    expect(decimalText(2.5, 'en')).toBe('2.5');
  });
});

describe('the admin draft', () => {
  const saved = draftOf({ repair: [{ key: 'p', label: 'Presión', kind: 'number', unit: 'bar', required: true }] });

  it('makes a new key when a saved item changes kind, and takes the saved one back when it returns', () => {
    const item = saved.repair[0];
    if (!item) throw new Error('no item');
    const asText = withKind(item, 'text');
    expect(asText.key).not.toBe('p');
    expect(asText.unit).toBe('');
    expect(withKind(asText, 'check').key).toBe(asText.key);
    expect(withKind(asText, 'number').key).toBe('p');
    const fresh = blankItem();
    expect(withKind(fresh, 'number').key).toBe(fresh.key);
  });

  it('moves an item up or down, never past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('sends trimmed items (unit only on numbers) or says what is wrong per cell', () => {
    const t = translators.es;
    const draft = { ...saved, install: [{ ...blankItem(), label: '  Tierra conectada ', unit: 'V' }] };
    const ok = readChecklistDraft(draft, (key, options) => t(`checklists:${key}`, options));
    expect(ok.errors).toEqual({});
    expect(ok.templates).toEqual({
      repair: [{ key: 'p', label: 'Presión', kind: 'number', unit: 'bar', required: true }],
      install: [{ key: draft.install[0]?.key, label: 'Tierra conectada', kind: 'check', required: false }],
    });
    const bad = readChecklistDraft({ ...draft, repair: [{ ...blankItem(), kind: 'number', unit: 'kilopascales/s' }] }, (key, options) => t(`checklists:${key}`, options));
    expect(bad.templates).toBeNull();
    expect(bad.errors).toEqual({ 'repair.0.label': 'Escribe el texto del punto.', 'repair.0.unit': 'Como mucho 12 caracteres.' });
    expect(serverErrors([{ path: 'checklistTemplates.repair.3.unit', message: 'only a number has a unit' }, { path: 'companyName', message: 'x' }])).toEqual({ 'repair.3.unit': 'only a number has a unit' });
  });
});

describe('an answer in the bitácora', () => {
  const event = (checklist: Record<string, unknown>): TimelineEventDto =>
    ({
      id: 'e1',
      ticketId: 't1',
      eventType: 'ot_updated',
      content: 'stored Spanish line',
      metaData: { workOrderId: 'w1', code: 'OT-2026-000007', from: 'in_progress', to: 'in_progress', change: 'checklist', checklist },
      createdAt: '2026-03-05T10:00:00.000Z',
      author: null,
    }) as unknown as TimelineEventDto;

  it('names the item and the value in the reader language', () => {
    const number = event({ key: 'p', label: 'Presión comprobada', kind: 'number', unit: 'bar', value: 2.5 });
    expect(describeEvent(translators.es, number, [])).toBe('anotó en la lista de la OT-2026-000007: Presión comprobada = 2,5 bar');
    expect(describeEvent(translators.en, number, [])).toBe('noted on the OT-2026-000007 checklist: Presión comprobada = 2.5 bar');
    expect(describeEvent(translators.es, event({ label: 'Sin fugas', kind: 'check', value: true }), [])).toBe('anotó en la lista de la OT-2026-000007: Sin fugas = Sí');
    expect(describeEvent(translators.en, event({ label: 'Sin fugas', kind: 'check', value: false }), [])).toBe('noted on the OT-2026-000007 checklist: Sin fugas = No');
    expect(describeEvent(translators.es, event({ label: 'Observaciones', kind: 'text', value: 'Todo bien' }), [])).toBe('anotó en la lista de la OT-2026-000007: Observaciones = «Todo bien»');
    // English quotes on an English screen (a trial read «…» there).
    expect(describeEvent(translators.en, event({ label: 'Notes', kind: 'text', value: 'All good' }), [])).toMatch(/: Notes = “All good”$/);
    expect(describeEvent(translators.es, event({ label: 'Observaciones', kind: 'text', value: null }), [])).toBe('anotó en la lista de la OT-2026-000007: Observaciones = sin respuesta');
  });
});
