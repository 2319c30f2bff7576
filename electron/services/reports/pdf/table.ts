// A simple table that measures each row first, never splits a row, and repeats its header on every page.
// (pdfkit's own doc.table() neither repeats headers nor keeps tall rows whole.)
// Tagged as Table > TR > TH/TD; fills and rules are artifacts, and so is the header repeated on a later page.
import { COLOR, contentLeft, contentWidth, FONT, pageBottom, type Pdf } from './document';
import { artifact, group, tag } from './tagging';

export interface TableColumn {
  header: string;
  /** Share of the content width; shares are normalised to sum 1. */
  share: number;
  align?: 'left' | 'right';
}

const PAD_X = 5;
const PAD_Y = 4;
const FONT_SIZE = 9;

function columnGeometry(doc: Pdf, columns: readonly TableColumn[]): { x: number; width: number }[] {
  const total = columns.reduce((sum, c) => sum + c.share, 0);
  let x = contentLeft(doc);
  return columns.map((c) => {
    const width = (contentWidth(doc) * c.share) / total;
    const cell = { x, width };
    x += width;
    return cell;
  });
}

function rowHeight(doc: Pdf, cells: readonly string[], geometry: { width: number }[], font: string): number {
  doc.font(font).fontSize(FONT_SIZE);
  const heights = cells.map((text, i) => doc.heightOfString(text || ' ', { width: (geometry[i]?.width ?? 0) - 2 * PAD_X }));
  return Math.max(...heights) + 2 * PAD_Y;
}

function drawRow(
  doc: Pdf,
  cells: readonly string[],
  columns: readonly TableColumn[],
  geometry: { x: number; width: number }[],
  y: number,
  height: number,
  style: { font: string; fill: string | null; color: string; cell: 'TH' | 'TD' | null },
): void {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  if (style.fill) artifact(doc, () => doc.rect(x, y, width, height).fillColor(style.fill as string).fill());
  const drawCells = () =>
    cells.forEach((text, i) => {
      const cell = geometry[i];
      if (!cell) return;
      const draw = () => {
        doc.font(style.font).fontSize(FONT_SIZE).fillColor(style.color);
        doc.text(text || ' ', cell.x + PAD_X, y + PAD_Y, { width: cell.width - 2 * PAD_X, align: columns[i]?.align ?? 'left' });
      };
      if (style.cell) tag(doc, style.cell, draw, style.cell === 'TH' ? { scope: 'Column' } : {});
      else draw();
    });
  // A header repeated on a later page is only a reading aid: the table's one TH row is on its first page.
  if (style.cell) group(doc, 'TR', drawCells);
  else artifact(doc, drawCells, 'Pagination');
  artifact(doc, () => doc.moveTo(x, y + height).lineTo(x + width, y + height).lineWidth(0.5).strokeColor(COLOR.rule).stroke());
}

/** Draws the table at doc.y; leaves doc.y just below it. */
export function drawTable(doc: Pdf, columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void {
  const geometry = columnGeometry(doc, columns);
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, headers, geometry, FONT.bold);
  const headerStyle = { font: FONT.bold, fill: COLOR.band, color: COLOR.text };

  const drawHeaderAt = (y: number, cell: 'TH' | null): number => {
    drawRow(doc, headers, columns, geometry, y, headerHeight, { ...headerStyle, cell });
    return y + headerHeight;
  };

  const firstRowHeight = rows[0] ? rowHeight(doc, rows[0], geometry, FONT.regular) : 0;
  if (doc.y + headerHeight + firstRowHeight > pageBottom(doc)) doc.addPage();
  let y = doc.y;
  group(doc, 'Table', () => {
    y = drawHeaderAt(y, 'TH');
    rows.forEach((row, index) => {
      const height = rowHeight(doc, row, geometry, FONT.regular);
      if (y + height > pageBottom(doc)) {
        doc.addPage();
        y = drawHeaderAt(doc.page.margins.top, null);
      }
      drawRow(doc, row, columns, geometry, y, height, {
        font: FONT.regular,
        fill: index % 2 === 1 ? COLOR.zebra : null,
        color: COLOR.text,
        cell: 'TD',
      });
      y += height;
    });
  });
  doc.x = contentLeft(doc);
  doc.y = y + 10;
  doc.fillColor(COLOR.text);
}
