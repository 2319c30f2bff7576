// Numbers as people type them in each language: the decimal mark ("2,5" in Spanish, "2.5" in English) and thousands
// grouped with the other mark ("1.500" in Spanish, "1,500" in English). Either mark alone before other than three digits
// is a decimal mark in both ("2.5" on a Spanish numpad), so only grouping follows the language. Pure.

const marksOf = (language: string) => (language.startsWith('en') ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' });
const escaped = (mark: string) => `\\${mark}`;

/**
 * The number typed, or null when it is none: "1,500" is fifteen hundred in English and one and a half in Spanish,
 * "1.500" the other way round; "1.500,25" / "1,500.25" in their language; "2,5", "2.5", ",5", "-0,75" in both.
 */
export function readDecimal(typed: string, language: string): number | null {
  const text = typed.replace(/[\s\u00a0\u202f]/g, '');
  const { group, decimal } = marksOf(language);
  const sign = /^[+-]/.test(text) ? text.charAt(0) : '';
  const body = text.slice(sign.length);
  // Grouped thousands: a first group that starts with no zero (0.125 is a decimal), then groups of exactly three.
  const grouped = new RegExp(`^[1-9]\\d{0,2}(?:${escaped(group)}\\d{3})+(?:${escaped(decimal)}\\d+)?$`);
  const plain = /^(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
  let digits: string;
  if (grouped.test(body)) digits = body.split(group).join('').replace(decimal, '.');
  else if (plain.test(body)) digits = body.replace(',', '.');
  else return null;
  const value = Number(`${sign}${digits}`);
  return Number.isFinite(value) ? value : null;
}

/** An amount (a quantity, a length of time): a number typed starting with a digit, no sign and no bare mark (",5"). */
export function readAmount(typed: string, language: string): number | null {
  return /^\s*\d/.test(typed) ? readDecimal(typed, language) : null;
}
