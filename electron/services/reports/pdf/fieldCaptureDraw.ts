// Drawing the field-capture parts of the OT report: checklist table and photo thumbnails (signatures: ./signatures).
import type { Formatter } from '../format';
import { breathe, COLOR, contentLeft, contentWidth, drawSectionTitle, FONT, openImage, pageBottom, placeImage, type Pdf } from './document';
import type { ChecklistLine, ReportPhoto } from './fieldCapture';
import type { FieldLabels } from './fieldLabels';
import { drawTable } from './table';
import { artifact, group, tag } from './tagging';

/** "Sí"/"No" for a check, the number with its unit, the text; a dash when not answered. */
export function checklistValueText(line: ChecklistLine, fl: FieldLabels, f: Formatter): string {
  const value = line.value;
  if (value === null || value === undefined || value === '') return '—';
  if (line.kind === 'check') return value === true ? fl.yes : value === false ? fl.no : String(value);
  if (line.kind === 'number' && typeof value === 'number') return line.unit ? `${f.decimal(value)} ${line.unit}` : f.decimal(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function drawChecklist(doc: Pdf, lines: readonly ChecklistLine[], fl: FieldLabels, f: Formatter): void {
  drawSectionTitle(doc, fl.checklist);
  drawTable(
    doc,
    [
      { header: fl.checklistItem, share: 0.42 },
      { header: fl.answer, share: 0.2 },
      { header: fl.note, share: 0.38 },
    ],
    lines.map((line) => [line.label, checklistValueText(line, fl, f), line.note ?? '']),
  );
}

const PHOTO_COLUMNS = 2;
const PHOTO_IMAGE_HEIGHT = 176;
const PHOTO_GAP = 14;
const CAPTION_HEIGHT = 14;

function drawPhotoCell(doc: Pdf, photo: ReportPhoto, x: number, y: number, width: number, fl: FieldLabels): void {
  let placed = false;
  if (photo.image) {
    try {
      const image = openImage(doc, photo.image);
      tag(doc, 'Figure', () => placeImage(doc, image, x, y, { fit: [width, PHOTO_IMAGE_HEIGHT], align: 'center', valign: 'center' }), { alt: fl.photoAlt(photo.fileName) });
      placed = true;
    } catch {
      placed = false;
    }
  }
  if (!placed) {
    artifact(doc, () => doc.rect(x, y, width, PHOTO_IMAGE_HEIGHT).fillColor(COLOR.zebra).fill());
    const note = photo.missing ? fl.photoNotSynced : fl.photoUnreadable;
    tag(doc, 'P', () => doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(note, x + 8, y + PHOTO_IMAGE_HEIGHT / 2 - 6, { width: width - 16, align: 'center' }));
  }
  tag(doc, 'Caption', () =>
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted).text(photo.fileName, x, y + PHOTO_IMAGE_HEIGHT + 4, { width, align: 'center', lineBreak: false, ellipsis: true }),
  );
}

/** The photos in rows of two with their file names (six fill a page), before the signatures that vouch for them; a breath after each. */
export async function drawPhotoPages(doc: Pdf, photos: readonly ReportPhoto[], fl: FieldLabels): Promise<void> {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const cellWidth = (width - PHOTO_GAP * (PHOTO_COLUMNS - 1)) / PHOTO_COLUMNS;
  const rowHeight = PHOTO_IMAGE_HEIGHT + CAPTION_HEIGHT + PHOTO_GAP + 6;
  drawSectionTitle(doc, fl.photos, rowHeight);
  let top = doc.y + 4;
  for (let start = 0; start < photos.length; start += PHOTO_COLUMNS) {
    if (top + rowHeight - PHOTO_GAP > pageBottom(doc)) {
      doc.addPage();
      top = doc.page.margins.top;
    }
    for (const [column, photo] of photos.slice(start, start + PHOTO_COLUMNS).entries()) {
      group(doc, 'Div', () => drawPhotoCell(doc, photo, x + column * (cellWidth + PHOTO_GAP), top, cellWidth, fl));
      await breathe();
    }
    top += rowHeight;
  }
  doc.x = x;
  doc.y = top;
}
