// Tagged PDF for screen readers and PDF/A "a" conformance: every drawn thing is either inside a structure element
// (heading, paragraph, table cell, figure with alt text) or marked as an artifact (rules, fills, page footers).
// One stack of open structure elements per document; reports draw strictly in order, so a stack is enough.

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const stacks = new WeakMap<Doc, Struct[]>();

/** Opens the document's root element; everything tagged later hangs below it. */
export function beginStructure(doc: Doc): void {
  const root = doc.struct('Document');
  doc.addStructure(root);
  stacks.set(doc, [root]);
}

function openElement(doc: Doc): Struct | null {
  const stack = stacks.get(doc);
  return stack?.[stack.length - 1] ?? null;
}

export interface TagOptions {
  /** Alternate text (figures). */
  alt?: string;
  lang?: string;
  /** Table header cells: which cells they head (pdfkit writes the Table attribute; its types leave it out). */
  scope?: 'Column' | 'Row' | 'Both';
}

/**
 * What `draw` puts on the page becomes one element of `type` (P, H1, H2, TD, TH, Figure, Caption…) under the open group.
 * `draw` must not start a page itself (pdfkit's own text flow may: it carries the marked content over).
 */
export function tag(doc: Doc, type: string, draw: () => void, options: TagOptions = {}): void {
  const parent = openElement(doc);
  if (!parent) {
    draw();
    return;
  }
  parent.add(doc.struct(type, { ...options } as PDFKit.Mixins.StructureElementOptions, [draw]));
}

/** Opens a grouping element under the current one and returns its closer; null when the document is not tagged. */
function openGroup(doc: Doc, type: string, options: TagOptions): (() => void) | null {
  const stack = stacks.get(doc);
  const parent = openElement(doc);
  if (!stack || !parent) return null;
  const element = doc.struct(type, { ...options });
  parent.add(element);
  stack.push(element);
  return () => {
    stack.pop();
    element.end();
  };
}

/** A grouping element (Sect, Div, Table, TR…) that stays open while `body` runs, then ends. */
export function group<T>(doc: Doc, type: string, body: () => T, options: TagOptions = {}): T {
  const close = openGroup(doc, type, options);
  if (!close) return body();
  try {
    return body();
  } finally {
    close();
  }
}

/** The same for an asynchronous body (a section that yields to the event loop between rows). */
export async function groupAsync<T>(doc: Doc, type: string, body: () => Promise<T>, options: TagOptions = {}): Promise<T> {
  const close = openGroup(doc, type, options);
  if (!close) return body();
  try {
    return await body();
  } finally {
    close();
  }
}

/** Decoration that carries no meaning (rules, row fills, repeated table headers, page footers). */
export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  if (!stacks.has(doc)) {
    draw();
    return;
  }
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
