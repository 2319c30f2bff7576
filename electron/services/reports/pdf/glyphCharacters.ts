// The report fonts are parsed once per process and shared by every report (document.ts). fontkit keeps one glyph object
// per glyph id, holding the characters of its first lookup, and pdfkit writes those characters as the text a reader
// copies or searches (the ToUnicode map). DejaVu draws Latin Z and Greek Zeta with one glyph: after one report with a
// Ζ, every later report of the process said its Z was a Zeta. Here a lookup for other characters gets a glyph of its own.

interface Glyph {
  codePoints: number[];
}

/** The part of a parsed fontkit font this touches (its glyph cache and the lookup that fills it). */
interface GlyphSource {
  _glyphs: Record<number, Glyph | undefined>;
  getGlyph(id: number, characters?: number[]): Glyph | null;
}

const sameCharacters = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** Makes `font`'s glyph lookups answer with the characters asked for; the cache keeps serving its first lookup's. */
export function glyphsKeepTheirCharacters(font: object): void {
  const source = font as GlyphSource;
  const lookUp = source.getGlyph.bind(source);
  source.getGlyph = (id, characters = []) => {
    const cached = source._glyphs[id];
    if (!cached || characters.length === 0 || sameCharacters(cached.codePoints, characters)) return lookUp(id, characters);
    delete source._glyphs[id];
    try {
      return lookUp(id, characters);
    } finally {
      source._glyphs[id] = cached;
    }
  };
}
