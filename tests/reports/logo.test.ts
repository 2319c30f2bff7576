// Issue 17 item 4: the company logo is kept no bigger than the PDF prints it (600 px on its long side), PNG or JPEG as
// its content is. Saved through settings.update it is stored small; one an older version stored large is downscaled
// once for the PDFs (cached per process, nothing rewritten) and the PDF embeds the small copy.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearPrintableLogos, downscaleLogo, LOGO_MAX_SIDE, logoBytes, printableLogo } from '../../electron/services/companyLogo';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import { renderWorkOrderPdf } from '../../electron/services/reports/pdf/workOrderReport';
import { startTestApp, type TestApp } from '../support/backend';
import { customerFixture, settingsFixture, ticketFixture, workOrderFixture } from './fixtures';
import { pdfImages } from './poppler';

const es = { language: 'es', generatedAt: '2026-03-02T11:00:00.000Z', timeZone: 'Europe/Madrid' } as const;

async function logo(format: 'png' | 'jpeg', width: number, height: number): Promise<string> {
  // A transparent corner in the PNG: a logo on no background must stay so.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="${width / 4}" y="0" width="${width * 0.75}" height="${height}" fill="#0b6e4f"/></svg>`;
  const image = sharp(Buffer.from(svg));
  const bytes = format === 'png' ? await image.png().toBuffer() : await image.flatten({ background: '#ffffff' }).jpeg().toBuffer();
  return `data:image/${format};base64,${bytes.toString('base64')}`;
}

async function sizeOf(dataUrl: string | null): Promise<{ width?: number; height?: number; format?: string; hasAlpha?: boolean }> {
  const bytes = logoBytes(dataUrl);
  if (!bytes) throw new Error('not a PNG/JPEG data URL');
  const meta = await sharp(bytes).metadata();
  return { width: meta.width, height: meta.height, format: meta.format, hasAlpha: meta.hasAlpha };
}

let bigPng: string;
let bigJpeg: string;
beforeAll(async () => {
  bigPng = await logo('png', 3000, 2000);
  bigJpeg = await logo('jpeg', 2000, 3000);
});

describe('downscaleLogo', () => {
  it('brings a large PNG to 600 px on its long side, still a PNG with its transparency', async () => {
    const small = await downscaleLogo(bigPng);
    expect(small.startsWith('data:image/png;base64,')).toBe(true);
    expect(await sizeOf(small)).toEqual({ width: LOGO_MAX_SIDE, height: 400, format: 'png', hasAlpha: true });
  });

  it('keeps a JPEG a JPEG (portrait: 600 px high)', async () => {
    const small = await downscaleLogo(bigJpeg);
    expect(small.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(await sizeOf(small)).toMatchObject({ width: 400, height: LOGO_MAX_SIDE, format: 'jpeg' });
  });

  it('leaves a logo already small enough, and anything it cannot read, exactly as it was (twice is once)', async () => {
    const fits = await logo('png', 600, 300);
    expect(await downscaleLogo(fits)).toBe(fits);
    const once = await downscaleLogo(bigPng);
    expect(await downscaleLogo(once)).toBe(once);
    const notAnImage = `data:image/png;base64,${Buffer.from('not an image at all').toString('base64')}`;
    expect(await downscaleLogo(notAnImage)).toBe(notAnImage);
  });
});

describe('the logo saved through settings.update', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is stored downscaled, and the form gets the small copy back', async () => {
    const shown = await app.admin.call('settings.get', {});
    const saved = await app.admin.call('settings.update', { versions: shown.versions, companyLogo: bigPng });
    expect(await sizeOf(saved.companyLogo)).toMatchObject({ width: LOGO_MAX_SIDE, height: 400, format: 'png' });
    expect(await sizeOf((await app.admin.call('settings.get', {})).companyLogo)).toMatchObject({ width: LOGO_MAX_SIDE, height: 400 });
  });

  it('still refuses bytes that are not the image they claim', async () => {
    const shown = await app.admin.call('settings.get', {});
    const swapped = bigJpeg.replace('data:image/jpeg', 'data:image/png');
    const env = await app.admin.envelope('settings.update', { versions: shown.versions, companyLogo: swapped });
    expect(env.ok ? null : env.error.details?.reason).toBe('invalid_logo');
  });
});

describe('a large logo stored by an older version', () => {
  it('is downscaled once for the PDFs: both reports embed the 600 px copy', async () => {
    clearPrintableLogos();
    const settings = { ...settingsFixture, companyLogo: bigPng };
    const first = printableLogo(bigPng);
    expect(printableLogo(bigPng)).toBe(first); // the same preparation, not a second resize
    const otPdf = await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer: customerFixture, settings }, es);
    const ticketPdf = await renderTicketPdf({ ticket: ticketFixture(), settings }, es);
    for (const bytes of [otPdf, ticketPdf]) {
      const [embedded] = pdfImages(bytes);
      expect(embedded).toMatchObject({ page: 1, width: LOGO_MAX_SIDE, height: 400 });
    }
  });

  it('a logo that is not a PNG or JPEG prints no logo, as before', async () => {
    expect(await printableLogo('data:image/png;base64,AAAA')).toBeNull();
    const settings = { ...settingsFixture, companyLogo: 'data:image/png;base64,AAAA' };
    const bytes = await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer: customerFixture, settings }, es);
    expect(pdfImages(bytes)).toEqual([]);
  });
});
