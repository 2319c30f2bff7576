// The parts form reads "1,5" as well as "1.5" and checks a quantity as workOrders.addItem will (issue 15).
import { describe, expect, it } from 'vitest';
import { parseQuantity, partFieldsOf, quantityProblem } from '../../renderer/src/features/workOrders/partDraft';

describe('part quantities', () => {
  it('reads a decimal comma or point, and nothing else', () => {
    for (const language of ['es', 'en']) {
      expect(parseQuantity('1,5', language)).toBe(1.5);
      expect(parseQuantity(' 1.5 ', language)).toBe(1.5);
      expect(parseQuantity('2', language)).toBe(2);
      for (const bad of ['', 'abc', '1,2,3', '-1', '1e3', ',5']) expect(parseQuantity(bad, language)).toBeNull();
    }
    // A thousand units as each language writes it.
    expect(parseQuantity('1,000', 'en')).toBe(1000);
    expect(parseQuantity('1.000', 'es')).toBe(1000);
  });

  it('wants positive, at most 3 decimals, whole in units', () => {
    expect(quantityProblem(1.5, 'kg')).toBeNull();
    expect(quantityProblem(0.125, 'l')).toBeNull();
    expect(quantityProblem(1.2345, 'm')).toBe('bad');
    expect(quantityProblem(0, 'kg')).toBe('bad');
    expect(quantityProblem(null, 'kg')).toBe('bad');
    expect(quantityProblem(1.5, 'unit')).toBe('whole');
    expect(quantityProblem(3, 'unit')).toBeNull();
  });
});

describe('what a refusal of a part is about', () => {
  it('a serial twice goes with the serial or the direction; an unknown field with any change', () => {
    expect(partFieldsOf('serialNumber')).toEqual(['serial', 'direction']);
    expect(partFieldsOf('quantity')).toEqual(['quantity', 'part']);
    expect(partFieldsOf('productId')).toEqual(['part']);
    expect(partFieldsOf(undefined)).toEqual(['part', 'quantity', 'direction', 'serial']);
  });
});
