// The largest file each upload channel takes, as plain numbers: the browser-mode client (api/request-init.ts, on the
// renderer's start path) and the upload forms read them without loading the channels' zod schemas; the schemas in
// attachments.ts, team.ts and telemetry.ts use these same constants.

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** An .eminvite carries the team's snapshot: large, yet a text file. */
export const MAX_INVITE_CHARS = 20_000_000;
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
