// A photo or file added to an OT (`ot_updated`, meta change 'attachment_added') or to the ticket itself (a `note` with
// meta kind 'attachment_added'), read from meta_data so the screen and the PDF name the file in their language.

export interface AttachmentAdded {
  fileName: string;
  /** A photo (image/*) or another file (a PDF). */
  photo: boolean;
}

/** The attachment an event added; null when the event is about something else. */
export function attachmentAddedOf(meta: Record<string, unknown> | null | undefined): AttachmentAdded | null {
  if (!meta || (meta.change !== 'attachment_added' && meta.kind !== 'attachment_added')) return null;
  const attachment = (meta.attachment && typeof meta.attachment === 'object' ? meta.attachment : {}) as Record<string, unknown>;
  const fileName = typeof attachment.fileName === 'string' ? attachment.fileName : '';
  return { fileName, photo: typeof attachment.mime === 'string' && attachment.mime.startsWith('image/') };
}
