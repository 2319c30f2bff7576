// Numbers typed on site: "2,5" and "2.5" both mean two and a half; thousands as the language groups them (lib/decimalText).
import { readDecimal } from '../../lib/decimalText';

/** The number typed, null when the box is empty, 'invalid' when it is no number. */
export function parseDecimal(typed: string, language: string): number | null | 'invalid' {
  if (typed.trim() === '') return null;
  return readDecimal(typed, language) ?? 'invalid';
}

/** A number as it goes back into the box: no grouping, the language's decimal mark. */
export function decimalText(value: number, language: string): string {
  const text = String(value);
  return language.startsWith('en') ? text : text.replace('.', ',');
}
