// The OT screen and the OT report name a part's unit with the same word in each language ("2 ud.", "1 unit", "2 units").
import { beforeAll, describe, expect, it } from 'vitest';
import { createFormatter } from '../../electron/services/reports/format';
import { PRODUCT_UNITS } from '../../shared/enums';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['workOrders']);
});

describe('unit words', () => {
  for (const language of ['es', 'en'] as const) {
    it(`are the same on screen and in the PDF (${language})`, () => {
      const pdf = createFormatter(language, 'UTC');
      for (const unit of PRODUCT_UNITS) {
        for (const quantity of [1, 2, 1.5]) {
          const printed = pdf.quantity(quantity, unit);
          const onScreen = translators[language](`unit.${unit}`, { count: quantity });
          expect(printed.endsWith(` ${onScreen}`), `${printed} vs ${onScreen}`).toBe(true);
        }
      }
    });
  }
});
