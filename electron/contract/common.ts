// Reusable zod pieces for channel inputs. Inputs are strict objects: unknown keys are a VALIDATION error.
import { z } from 'zod';

// No generated code: the renderer's CSP forbids eval (zod's probe for it is reported as a violation),
// and these schemas must be built jitless before any is constructed; every channel file imports this one.
z.config({ jitless: true });

export const id = z.uuid();
export const version = z.number().int().min(1);
/** Dates on the wire lie in [2000, 2100): beyond, toISOString writes '+010000-…' or '-000001-…', which sorts outside
 *  every range query (they compare ISO strings); nothing Emerald records is that far off. */
export const EARLIEST_DATE = '2000-01-01T00:00:00.000Z';
export const DATE_LIMIT = '2100-01-01T00:00:00.000Z';
export const DATE_REASONS = { beforeRange: 'date_before_2000', afterRange: 'date_after_2100' } as const;
/** Real time zones lie between UTC−12:00 and UTC+14:00; '-23:59' is a typo or a probe, not a place. */
export const OFFSET_REASON = 'impossible_offset';
const OFFSET = /([+-])(\d{2}):?(\d{2})$/;
function offsetMinutes(value: string): number {
  const match = OFFSET.exec(value);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** An ISO date-time with an offset, inside [2000, 2100), answered in UTC ('…Z', milliseconds), the form stored and
 *  compared everywhere. `reasons` name the refusals where a channel has its own words (telemetry's readings). */
export function boundedDateTime(reasons: { beforeRange: string; afterRange: string } = DATE_REASONS) {
  return z.iso.datetime({ offset: true }).transform((value, ctx) => {
    const offset = offsetMinutes(value);
    if (offset < -12 * 60 || offset > 14 * 60) {
      ctx.addIssue({ code: 'custom', message: 'the UTC offset is outside −12:00…+14:00', params: { reason: OFFSET_REASON } });
      return z.NEVER;
    }
    const at = Date.parse(value);
    const reason = at < Date.parse(EARLIEST_DATE) ? reasons.beforeRange : at >= Date.parse(DATE_LIMIT) ? reasons.afterRange : null;
    if (reason) {
      ctx.addIssue({ code: 'custom', message: reason, params: { reason } });
      return z.NEVER;
    }
    return new Date(at).toISOString();
  });
}

/** Every channel's date goes through this (or boundedDateTime): one bound, one UTC form. */
export const isoDateTime = boundedDateTime();

/** Reasons for text nobody can read: control characters (a NUL, a bell…) and text of invisible characters only. */
export const TEXT_REASONS = { controlCharacters: 'control_characters', blank: 'blank_text' } as const;
// Multi-line text keeps tab, line feed and carriage return; a single line (titles, names) keeps none.
const CONTROL_IN_TEXT = /(?![\t\n\r])\p{Cc}/u;
const CONTROL_IN_LINE = /[\p{Cc}\u2028\u2029]/u;
// Spaces, controls, format characters (zero-width spaces and joiners, BOM, soft hyphen, bidi marks) and the fillers that draw nothing.
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u034F\u115F\u1160\u2800\u3164\uFFA0]/gu;

const isBlankLooking = (value: string) => value.length > 0 && value.replace(INVISIBLE, '') === '';

function readable(kind: 'line' | 'text') {
  const control = kind === 'line' ? CONTROL_IN_LINE : CONTROL_IN_TEXT;
  return (value: string, ctx: z.RefinementCtx) => {
    const reason = control.test(value) ? TEXT_REASONS.controlCharacters : isBlankLooking(value) ? TEXT_REASONS.blank : null;
    if (reason) ctx.addIssue({ code: 'custom', message: reason === TEXT_REASONS.blank ? 'the text has no visible characters' : 'the text holds control characters', params: { reason } });
  };
}

/** A single line (title, name, code) of min..max characters after trimming. */
export const line = (min: number, max: number) => z.string().trim().min(min).max(max).superRefine(readable('line'));
export const nameText = (max: number) => line(1, max);
export const optionalLine = (max: number) => line(0, max).optional();
/** Text that may span lines (descriptions, notes, reasons); empty allowed. */
export const text = (max: number) => z.string().trim().max(max).superRefine(readable('text'));
export const nonEmpty = (max: number) => z.string().trim().min(1).max(max).superRefine(readable('text'));
export const optionalText = (max: number) => text(max).optional();
export const nullableId = id.nullable();
export const empty = z.strictObject({});
/** The language of a file's name made for the person (the UI's); Spanish when omitted. */
export const fileNameLanguage = z.enum(['es', 'en']).optional();
export const byId = z.strictObject({ id });
export const listQuery = z.strictObject({ q: z.string().max(200).optional() });
export const pageLimit = z.number().int().min(1).max(200).optional();
export const cursor = z.string().max(500).optional();
/** Not trimmed (spaces may be part of it), but never control characters nor only invisible ones. Common ones are
 *  refused by the services (electron/services/users/passwords.ts): the list stays out of the renderer's bundle. */
export const PASSWORD_MIN_LENGTH = 10;
export const password = z.string().min(PASSWORD_MIN_LENGTH).max(256).superRefine(readable('line'));
