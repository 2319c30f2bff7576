// A page size is written into the SQL text (services/sql.ts limitSql): only a whole number from 0 may get there.
import { describe, expect, it } from 'vitest';
import { limitSql } from '../../electron/services/sql';

describe('limitSql', () => {
  it('writes a whole number as the LIMIT', () => {
    expect(limitSql(51)).toBe('LIMIT 51');
    expect(limitSql(0)).toBe('LIMIT 0');
  });

  it('refuses anything else, so no input reaches the SQL text', () => {
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '10; DROP TABLE tickets' as unknown as number]) {
      expect(() => limitSql(bad)).toThrow(RangeError);
    }
  });
});
