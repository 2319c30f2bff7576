// The awkward word of the PDF safety case and its tests: no spaces, and no repeating stretch that would hide a lost or
// doubled piece (each 4 characters are the next number in base 36, written with `digits`).
const BASE_36 = '0123456789abcdefghijklmnopqrstuvwxyz';

export function longWord(length = 20_000, digits = BASE_36): string {
  let word = '';
  for (let i = 0; word.length < length; i++) {
    for (const c of i.toString(36).padStart(4, '0')) word += digits[BASE_36.indexOf(c)];
  }
  return word.slice(0, length);
}

/** 36 Greek letters: a word no other text of a report shares, so its characters can be picked out of pdftotext's. */
export const GREEK_DIGITS = 'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜ';
