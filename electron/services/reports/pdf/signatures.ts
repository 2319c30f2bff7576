// The signatures that close the OT report: what the customer vouches for, then one block per role in the screen's order
// (SIGNATURE_ROLES: customer, technician), kept together on one page with the statement and its title.
import { SIGNATURE_ROLES, type SignatureRole } from '../../../../shared/enums';
import type { WorkOrderDetail } from '../../../contract';
import type { Formatter } from '../format';
import type { Labels } from '../labels';
import { COLOR, contentLeft, contentWidth, drawParagraph, drawSectionTitle, FONT, openImage, placeImage, type Pdf } from './document';
import type { ReportSignature } from './fieldCapture';
import type { FieldLabels } from './fieldLabels';
import { artifact, tag } from './tagging';

const STALE_COLOR = '#b3261e';
const SIGNATURE_BOX_HEIGHT = 72;
/** From the top of a block to its signing line when nobody signed on screen (a pen signs the paper there). */
const HAND_SIGNING_SPACE = 60;
const BLOCK_WIDTH_SHARE = 0.46;

interface Line {
  text: string;
  font: string;
  size: number;
  color: string;
  gapBefore: number;
}

interface Slot {
  label: string;
  signature: ReportSignature | null;
  /** Under an empty box: the technician's name, or "Nombre y DNI" for the customer. */
  caption: string;
}

/** Who signed and when (one paragraph), then whether the signature still covers this report (another). */
function captionLines(slot: Slot, fl: FieldLabels, f: Formatter): { who: Line[]; validity: Line | null } {
  const signature = slot.signature;
  if (!signature) return { who: slot.caption ? [{ text: slot.caption, font: FONT.regular, size: 8.5, color: COLOR.muted, gapBefore: 0 }] : [], validity: null };
  const who: Line[] = [{ text: signature.signerName, font: FONT.bold, size: 9.5, color: COLOR.text, gapBefore: 0 }];
  if (signature.signerIdNumber) who.push({ text: fl.idNumber(signature.signerIdNumber), font: FONT.regular, size: 8.5, color: COLOR.text, gapBefore: 1 });
  who.push({ text: fl.signedAt(f.dateTime(signature.signedAt)), font: FONT.regular, size: 8, color: COLOR.muted, gapBefore: 1 });
  const validity = signature.stale
    ? { text: fl.staleSignature, font: FONT.bold, size: 8.5, color: STALE_COLOR, gapBefore: 2 }
    : { text: fl.validSignature, font: FONT.regular, size: 8.5, color: COLOR.accent, gapBefore: 2 };
  return { who, validity };
}

function linesHeight(doc: Pdf, lines: readonly Line[], width: number): number {
  return lines.reduce((sum, line) => sum + line.gapBefore + doc.font(line.font).fontSize(line.size).heightOfString(line.text, { width }), 0);
}

function drawLines(doc: Pdf, lines: readonly Line[], x: number, width: number): void {
  for (const line of lines) doc.font(line.font).fontSize(line.size).fillColor(line.color).text(line.text, x, doc.y + line.gapBefore, { width });
}

/** The label above the box or line, in points. */
function labelHeight(doc: Pdf, label: string, width: number): number {
  return doc.font(FONT.bold).fontSize(9).heightOfString(label, { width }) + 3;
}

function slotHeight(doc: Pdf, slot: Slot, signedOnScreen: boolean, width: number, fl: FieldLabels, f: Formatter): number {
  const { who, validity } = captionLines(slot, fl, f);
  const lines = validity ? [...who, validity] : who;
  return labelHeight(doc, slot.label, width) + (signedOnScreen ? SIGNATURE_BOX_HEIGHT : HAND_SIGNING_SPACE) + 4 + linesHeight(doc, lines, width);
}

/** A block signed on screen: label, the image in its box, who, when, and whether it is valid for this report. */
function drawSignedSlot(doc: Pdf, slot: Slot, x: number, y: number, width: number, fl: FieldLabels, f: Formatter): number {
  tag(doc, 'P', () => doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text(slot.label, x, y, { width }));
  const boxTop = doc.y + 3;
  artifact(doc, () => doc.roundedRect(x, boxTop, width, SIGNATURE_BOX_HEIGHT, 3).lineWidth(0.6).strokeColor(COLOR.rule).stroke());
  const signature = slot.signature;
  if (signature?.image) {
    try {
      const image = openImage(doc, signature.image);
      const alt = fl.signatureAlt(slot.label, signature.signerName);
      tag(doc, 'Figure', () => placeImage(doc, image, x + 4, boxTop + 4, { fit: [width - 8, SIGNATURE_BOX_HEIGHT - 8], align: 'center', valign: 'center' }), { alt });
    } catch {
      // An unreadable stored image leaves the box empty; the name, ID and time below still say who signed.
    }
  }
  doc.y = boxTop + SIGNATURE_BOX_HEIGHT + 4;
  const { who, validity } = captionLines(slot, fl, f);
  if (who.length > 0) tag(doc, 'P', () => drawLines(doc, who, x, width));
  if (validity) tag(doc, 'P', () => drawLines(doc, [validity], x, width));
  return doc.y;
}

/** A block for a pen: a line to sign on, the label and caption under it. */
function drawHandSlot(doc: Pdf, slot: Slot, x: number, y: number, width: number, fl: FieldLabels, f: Formatter): number {
  const lineY = y + HAND_SIGNING_SPACE;
  artifact(doc, () => doc.moveTo(x, lineY).lineTo(x + width, lineY).lineWidth(0.8).strokeColor(COLOR.text).stroke());
  tag(doc, 'P', () => {
    doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text(slot.label, x, lineY + 5, { width });
    drawLines(doc, captionLines(slot, fl, f).who, x, width);
  });
  return doc.y;
}

const ROLE_LABEL: Record<SignatureRole, (t: Labels) => string> = {
  customer: (t) => t.customerSignature,
  technician: (t) => t.technicianSignature,
};

/**
 * Title, the customer's statement and both blocks, never split across pages. With no signature made on screen the
 * blocks are lines to sign the printed copy by hand.
 */
export function drawSignatures(
  doc: Pdf,
  signatures: readonly ReportSignature[],
  wo: WorkOrderDetail,
  withPhotos: boolean,
  texts: { t: Labels; fl: FieldLabels; f: Formatter },
): void {
  const { t, fl, f } = texts;
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const blockWidth = width * BLOCK_WIDTH_SHARE;
  const signedOnScreen = signatures.length > 0;
  const slots: Slot[] = SIGNATURE_ROLES.map((role) => ({
    label: ROLE_LABEL[role](t),
    signature: signatures.find((s) => s.role === role) ?? null,
    caption: role === 'technician' ? (wo.technician?.fullName ?? '') : t.nameAndId,
  }));
  const statement = fl.customerStatement(withPhotos);
  const statementHeight = doc.font(FONT.regular).fontSize(10).heightOfString(statement, { width, lineGap: 1.5 }) + 8;
  const blocksHeight = Math.max(...slots.map((slot) => slotHeight(doc, slot, signedOnScreen, blockWidth, fl, f)));
  drawSectionTitle(doc, fl.signatures, statementHeight + blocksHeight + 4);
  drawParagraph(doc, statement);
  const top = doc.y + 4;
  const drawSlot = signedOnScreen ? drawSignedSlot : drawHandSlot;
  const bottoms = slots.map((slot, index) => drawSlot(doc, slot, index === 0 ? x : x + width - blockWidth, top, blockWidth, fl, f));
  doc.x = x;
  doc.y = Math.max(...bottoms) + 12;
  doc.fillColor(COLOR.text);
}
