import { describe, expect, it } from 'vitest';
import { SIGNATURE_BOX, isEmptySignature, signInput, signatureInk } from '../../electron/contract/signatures';
import { typedSignature } from '../../renderer/src/features/workOrders/typedSignature';

const strokesOf = (name: string) => {
  const written = typedSignature(name);
  if (!('strokes' in written)) throw new Error(`refused: ${written.refused}`);
  return written.strokes;
};
const accepted = (name: string) =>
  signInput.safeParse({ id: '3f0c8c2e-8a4b-4c1e-9d2a-1b2c3d4e5f60', role: 'customer', signerName: name, strokes: strokesOf(name) }).success;

describe('a signature typed as a name', () => {
  it('is a signature the contract accepts and the empty rule keeps, inside the box', () => {
    for (const name of ['Ana', 'José Peña Muñoz', 'Ñuño Ibáñez', 'Łukasz Żółć']) {
      const strokes = strokesOf(name);
      expect(isEmptySignature(strokes)).toBe(false);
      expect(accepted(name)).toBe(true);
      for (const [x, y] of strokes.flat()) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(SIGNATURE_BOX.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(SIGNATURE_BOX.height);
      }
    }
  });

  it('writes each accent: an accented name has more ink than the same letters without them', () => {
    expect(signatureInk(strokesOf('José Peña')).length).toBeGreaterThan(signatureInk(strokesOf('Jose Pena')).length);
  });

  it('centres the name and keeps its size whatever the spaces typed', () => {
    const ink = signatureInk(strokesOf('  Ana   María '));
    expect(ink).toEqual(signatureInk(strokesOf('Ana María')));
    for (const name of ['Ana María', 'José Peña Muñoz']) {
      const xs = strokesOf(name).flat().map(([x]) => x);
      expect(Math.abs((Math.min(...xs) + Math.max(...xs)) / 2 - SIGNATURE_BOX.width / 2)).toBeLessThan(1);
    }
  });

  it('takes two lines for a long name, smaller but still legible, and refuses one that would not be', () => {
    const oneLine = signatureInk(strokesOf('Ana Gil'));
    const long = signatureInk(strokesOf('María de los Ángeles Fernández Ruiz'));
    expect(long.height).toBeGreaterThan(oneLine.height);
    expect(typedSignature('María de los Ángeles Fernández-Villaverde y Rodríguez de la Fuente Olmos')).toEqual({ refused: 'too_long' });
    expect(typedSignature('x'.repeat(60))).toEqual({ refused: 'too_long' });
  });

  it('refuses a name with nothing to write', () => {
    expect(typedSignature('')).toEqual({ refused: 'empty' });
    expect(typedSignature('   ')).toEqual({ refused: 'empty' });
    expect(typedSignature('€ €')).toEqual({ refused: 'empty' });
  });
});
