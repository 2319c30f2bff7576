// What the parts form sends (pure: no DOM, no i18n): a quantity typed as "1,5" or "1.5", checked as the service will.
import type { ProductUnit } from '../../../../shared/enums';
import { readAmount } from '../../lib/decimalText';

/** "1,5", "1.5", " 2 ", "1,000" in English → the number; anything else (empty, "1,2,3", "abc", a sign, ",5") → null. */
export function parseQuantity(text: string, language: string): number | null {
  return readAmount(text, language);
}

export type QuantityProblem = 'bad' | 'whole' | null;

/** Positive, at most 3 decimals, whole when counted in units (the service's quantity_whole_units). */
export function quantityProblem(value: number | null, unit: ProductUnit): QuantityProblem {
  if (value === null || value <= 0 || value > 100_000) return 'bad';
  if (Math.abs(Math.round(value * 1000) - value * 1000) > 1e-6) return 'bad';
  if (unit === 'unit' && !Number.isInteger(value)) return 'whole';
  return null;
}

/** The boxes of the parts form an error can be about ('part': the product, its search or the words describing it). */
export type PartField = 'part' | 'quantity' | 'direction' | 'serial';
const EVERY_PART_FIELD: PartField[] = ['part', 'quantity', 'direction', 'serial'];

/** What a refusal is about, from the service's `details.field`: its message goes once one of these changes. */
export function partFieldsOf(field: string | undefined): PartField[] {
  switch (field) {
    case 'serialNumber':
      // The same serial twice is refused per direction: installed and removed on one OT is a swap.
      return ['serial', 'direction'];
    case 'quantity':
      // Whole or not depends on the unit, which a catalogue product brings.
      return ['quantity', 'part'];
    case 'productId':
    case 'description':
      return ['part'];
    default:
      return EVERY_PART_FIELD;
  }
}
