// Reusable zod pieces for channel inputs. Inputs are strict objects: unknown keys are a VALIDATION error.
import { z } from 'zod';

// No generated code: the renderer's CSP forbids eval (zod's probe for it is reported as a violation),
// and these schemas must be built jitless before any is constructed; every channel file imports this one.
z.config({ jitless: true });

export const id = z.uuid();
export const version = z.number().int().min(1);
export const isoDateTime = z.iso.datetime({ offset: true });
export const nonEmpty = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const nullableId = id.nullable();
export const empty = z.strictObject({});
export const byId = z.strictObject({ id });
export const listQuery = z.strictObject({ q: z.string().max(200).optional() });
export const pageLimit = z.number().int().min(1).max(200).optional();
export const cursor = z.string().max(500).optional();
export const password = z.string().min(10).max(256);
