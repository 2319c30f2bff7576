// The photo panel's hint speaks of "ticket" as the rest of the app does (it said "30 por OT o aviso"), with the real limits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_OWNER } from '../../electron/contract/attachments';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const attachments = (lang: 'es' | 'en') => JSON.parse(readFileSync(path.join(LOCALES, lang, 'attachments.json'), 'utf8')) as Record<string, string>;
const mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;

describe('the photos and files hint', () => {
  it('names the OT and the ticket with the app’s words and the limits the service enforces', () => {
    expect(attachments('es').limits).toBe(`Fotos JPG, PNG o WebP y documentos PDF, hasta ${mb} MB cada uno y ${MAX_ATTACHMENTS_PER_OWNER} por OT o ticket.`);
    expect(attachments('en').limits).toBe(`JPG, PNG or WebP photos and PDF documents, up to ${mb} MB each and ${MAX_ATTACHMENTS_PER_OWNER} per work order or ticket.`);
  });
});
