// Signing an OT report (customer or technician) and reading its signatures. Pure: the renderer uses the same rules.
import { z } from 'zod';
import { SIGNATURE_ROLES, type SignatureRole } from '../../shared/enums';
import { byId, id, line } from './common';
import { channel } from './define';

/** Strokes are drawn in this box (x right, y down); the pad scales its canvas to it. */
export const SIGNATURE_BOX = { width: 1000, height: 400 } as const;
export const SIGNATURE_LIMITS = { strokes: 200, points: 5000 } as const;
/**
 * The rule for "nothing was signed" (VALIDATION signature_empty): less than SIGNATURE_MIN_INK units of line in all,
 * or a drawing narrower than SIGNATURE_MIN_WIDTH units (a dot, a tick, a tight scribble, a vertical stroke).
 * In the 1000 × 400 box, a short name written small is about 300 units of ink and 150 wide.
 */
export const SIGNATURE_MIN_INK = 150;
export const SIGNATURE_MIN_WIDTH = 40;

export type SignaturePoint = [number, number];
export type SignatureStrokes = SignaturePoint[][];

const coordinate = (max: number) => z.number().min(0).max(max);
const point = z.tuple([coordinate(SIGNATURE_BOX.width), coordinate(SIGNATURE_BOX.height)]);
const strokes = z
  .array(z.array(point).min(1).max(SIGNATURE_LIMITS.points))
  .max(SIGNATURE_LIMITS.strokes)
  .superRefine((value, ctx) => {
    const total = value.reduce((sum, stroke) => sum + stroke.length, 0);
    if (total > SIGNATURE_LIMITS.points) {
      ctx.addIssue({ code: 'custom', message: `a signature has at most ${SIGNATURE_LIMITS.points} points`, params: { reason: 'signature_too_long' } });
    }
  });

export const signInput = z.strictObject({
  id,
  role: z.enum(SIGNATURE_ROLES),
  signerName: line(1, 120),
  signerIdNumber: line(0, 30).optional(),
  strokes,
});

/** How much was drawn: the line length and the bounding box, in box units. */
export function signatureInk(drawing: SignatureStrokes): { length: number; width: number; height: number } {
  let length = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const stroke of drawing) {
    stroke.forEach(([x, y], index) => {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      const previous = stroke[index - 1];
      if (previous) length += Math.hypot(x - previous[0], y - previous[1]);
    });
  }
  if (length === 0 && minX === Infinity) return { length: 0, width: 0, height: 0 };
  return { length, width: maxX - minX, height: maxY - minY };
}

/** True when the drawing is too little to be a signature (see SIGNATURE_MIN_INK). */
export function isEmptySignature(drawing: SignatureStrokes): boolean {
  const ink = signatureInk(drawing);
  return ink.length < SIGNATURE_MIN_INK || ink.width < SIGNATURE_MIN_WIDTH;
}

/** The latest signature of one role on an OT. */
export interface SignatureDto {
  id: string;
  role: SignatureRole;
  signerName: string;
  signerIdNumber: string | null;
  signedAt: string;
  signedById: string | null;
  /** data:image/png;base64,… drawn from the strokes when signed. */
  imageDataUrl: string;
  /** The report has not changed since: the hash stored with the signature is the current report's. */
  valid: boolean;
}

export const signatureChannels = {
  /** Signs the OT's report as it is now; answers the latest signature of each role. */
  'workOrders.sign': channel<SignatureDto[]>()({ input: signInput, access: 'workorders:execute' }),
  /** The latest signature of each role (customer first), each saying whether it still covers the report. */
  'workOrders.signatures': channel<SignatureDto[]>()({ input: byId, access: 'workorders:read' }),
};
