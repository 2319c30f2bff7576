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

/** An ISO date-time with an offset, inside [2000, 2100), answered in UTC ('…Z', milliseconds), the form stored and
 *  compared everywhere. `reasons` name the refusals where a channel has its own words (telemetry's readings). */
export function boundedDateTime(reasons: { beforeRange: string; afterRange: string } = DATE_REASONS) {
  return z.iso.datetime({ offset: true }).transform((value, ctx) => {
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
export const nonEmpty = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const nullableId = id.nullable();
export const empty = z.strictObject({});
export const byId = z.strictObject({ id });
export const listQuery = z.strictObject({ q: z.string().max(200).optional() });
export const pageLimit = z.number().int().min(1).max(200).optional();
export const cursor = z.string().max(500).optional();
export const password = z.string().min(10).max(256);
