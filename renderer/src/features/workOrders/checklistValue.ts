// Numbers typed on site: "2,5" and "2.5" both mean two and a half (a Spanish keyboard's decimal comma).

/** The number typed, null when the box is empty, 'invalid' when it is not a plain decimal number. */
export function parseDecimal(typed: string): number | null | 'invalid' {
  const text = typed.trim().replace(/\s/g, '');
  if (text === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return 'invalid';
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : 'invalid';
}

/** A number as it goes back into the box: no grouping, the language's decimal mark. */
export function decimalText(value: number, language: string): string {
  const text = String(value);
  return language.startsWith('en') ? text : text.replace('.', ',');
}
