// The OT's "Trabajo realizado" box when a newer saved text arrives: a CI run lost "Sin fugas." typed while the save
// of the sentence before it was on its way, because the refresh put the box back to what had been saved.
import { describe, expect, it } from 'vitest';
import { boxAfterNewSave } from '../../renderer/src/features/workOrders/workDoneDraft';

describe('work done box after a save', () => {
  it('keeps what was typed while its own save was on its way', () => {
    const before = { saved: '', sent: 'Cambiado el compresor.' };
    expect(boxAfterNewSave('Cambiado el compresor. Sin fugas.', before, 'Cambiado el compresor.')).toBe('Cambiado el compresor. Sin fugas.');
  });

  it('takes the saved text when the box holds exactly what it sent', () => {
    const before = { saved: '', sent: 'Cambiado el compresor.' };
    expect(boxAfterNewSave('Cambiado el compresor.', before, 'Cambiado el compresor.')).toBe('Cambiado el compresor.');
  });

  it('takes a save from elsewhere when nothing was typed here', () => {
    const before = { saved: 'Revisado.', sent: 'Revisado.' };
    expect(boxAfterNewSave('Revisado.', before, 'Revisado por Ana.')).toBe('Revisado por Ana.');
  });

  it('keeps unsaved typing when a save from elsewhere arrives', () => {
    const before = { saved: 'Revisado.', sent: 'Revisado.' };
    expect(boxAfterNewSave('Revisado y limpiado.', before, 'Revisado por Ana.')).toBe('Revisado y limpiado.');
  });
});
