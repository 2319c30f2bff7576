// The join card names each setting the team's value replaces with both values when they fit in a line: a laptop's
// admin saw "nombre de la empresa" and could not tell what the company would be called after the join.
import { beforeAll, describe, expect, it } from 'vitest';
import { replacedSettingText } from '../../renderer/src/features/team/format';
import { translatorsFor, type Translators } from './translators';

let t: Translators;
beforeAll(async () => {
  t = await translatorsFor(['team']);
});

describe('a replaced setting on the join card', () => {
  it('says the value here and the team’s, in both languages', () => {
    const name = { key: 'companyName', here: 'Climas Sur', team: 'Servicios Norte' } as const;
    expect(replacedSettingText(t.es, name)).toBe('nombre de la empresa: «Climas Sur» → «Servicios Norte»');
    expect(replacedSettingText(t.en, name)).toBe('company name: “Climas Sur” → “Servicios Norte”');
  });

  it('words a blank value and a number of minutes', () => {
    expect(replacedSettingText(t.es, { key: 'companyPhone', here: '', team: '954 000 000' })).toBe('teléfono: en blanco → «954 000 000»');
    expect(replacedSettingText(t.es, { key: 'sessionTimeoutMinutes', here: 30, team: 15 })).toBe('bloqueo por inactividad: 30 min → 15 min');
  });

  it('only names a logo or a list', () => {
    expect(replacedSettingText(t.es, { key: 'checklistTemplates', here: null, team: null })).toBe('listas de comprobación');
    expect(replacedSettingText(t.en, { key: 'companyLogo', here: null, team: null })).toBe('logo');
  });
});

describe('the codes a join moves', () => {
  it('counts each kind in words that agree: 1 ticket, 2 OT; the verb follows the total', async () => {
    const { movedCodesText } = await import('../../renderer/src/features/team/format');
    expect(movedCodesText(t.es, 1, 0)).toBe('1 ticket');
    expect(movedCodesText(t.es, 3, 2)).toBe('3 tickets y 2 OT');
    expect(movedCodesText(t.en, 0, 1)).toBe('1 work order');
    const what = movedCodesText(t.es, 1, 0);
    expect(t.es('join.preview.renumbered', { what, count: 1, slot: '03' })).toMatch(/^1 ticket de este ordenador cambia de código para no chocar/);
    expect(t.en('join.renumbered', { what: movedCodesText(t.en, 2, 1), count: 3 })).toMatch(/^2 tickets and 1 work order of this computer got new codes/);
  });
});
