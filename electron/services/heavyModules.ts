// pdfkit and sharp take about a quarter of a second to import: loaded on first use, so starting the data engine (and
// any process that never draws a PDF or touches an image) does not wait for them.
import type PdfKit from 'pdfkit';
import type Sharp from 'sharp';

let pdfKit: Promise<typeof PdfKit> | undefined;
let sharp: Promise<typeof Sharp> | undefined;

/** pdfkit's PDFDocument class, imported once per process. */
export const loadPdfKit = (): Promise<typeof PdfKit> => (pdfKit ??= import('pdfkit').then((module) => module.default));

/** sharp's entry function, imported once per process. */
export const loadSharp = (): Promise<typeof Sharp> => (sharp ??= import('sharp').then((module) => module.default));
