// A reading typed as "1,500" on an English screen was saved as 1.5: every number box read a comma as the decimal mark.
import { describe, expect, it } from 'vitest';
import { readDecimal } from '../../renderer/src/lib/decimalText';

describe('numbers as typed in each language', () => {
  it('reads thousands grouped with the language’s mark', () => {
    expect(readDecimal('1,500', 'en')).toBe(1500);
    expect(readDecimal('1.500', 'es')).toBe(1500);
    expect(readDecimal('12,345,678', 'en')).toBe(12_345_678);
    expect(readDecimal('1.500,25', 'es')).toBe(1500.25);
    expect(readDecimal('1,500.25', 'en')).toBe(1500.25);
    expect(readDecimal('-1 500', 'es')).toBe(-1500);
  });

  it('reads the other mark, or a mark before other than three digits, as the decimal one', () => {
    expect(readDecimal('1,500', 'es')).toBe(1.5);
    expect(readDecimal('1.500', 'en')).toBe(1.5);
    for (const language of ['es', 'en']) {
      expect(readDecimal('2,5', language)).toBe(2.5);
      expect(readDecimal(' 2.5 ', language)).toBe(2.5);
      expect(readDecimal('-0,75', language)).toBe(-0.75);
      expect(readDecimal(',5', language)).toBe(0.5);
      expect(readDecimal('0.125', language)).toBe(0.125);
      expect(readDecimal('0,125', language)).toBe(0.125);
      expect(readDecimal('230', language)).toBe(230);
    }
  });

  it('reads nothing else', () => {
    for (const bad of ['', '2,x', '1e3', 'abc', '2,5 bar', 'Infinity', '1,2,3', '1.500,25.3', '1,50,000', '--1']) {
      expect(readDecimal(bad, 'es'), bad).toBeNull();
      expect(readDecimal(bad, 'en'), bad).toBeNull();
    }
    // Grouping in the other language's marks is no number here.
    expect(readDecimal('1,500.25', 'es')).toBeNull();
    expect(readDecimal('1.500,25', 'en')).toBeNull();
  });
});

