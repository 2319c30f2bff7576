// Hashed build assets are kept by the browser (a fresh open of the list loads a dozen chunks); the page is asked for each time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, loadStaticFile } from '../../electron/ipc/http/static-files';

const IMMUTABLE = 'public, max-age=31536000, immutable';
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'emerald-assets-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Emerald</title>');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  for (const name of ['TicketsScreen-BtAZmnSb.js', 'AttachmentsPanel-C6-x9FM1.css', 'app.js']) writeFileSync(path.join(dist, 'assets', name), '/**/');
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('static files: browser caching', () => {
  it('lets the browser keep a content-hashed asset (its name changes with its content)', async () => {
    for (const name of ['TicketsScreen-BtAZmnSb.js', 'AttachmentsPanel-C6-x9FM1.css']) {
      const answer = await loadStaticFile(dist, `/assets/${name}`);
      expect(answer.status).toBe(200);
      expect(answer.headers['Cache-Control']).toBe(IMMUTABLE);
    }
  });

  it('asks again for the page, unhashed files, client routes and missing files', async () => {
    for (const pathname of ['/', '/index.html', '/favicon.svg', '/assets/app.js', '/tickets', '/assets/Gone-ABCDEFGH.js']) {
      const answer = await loadStaticFile(dist, pathname);
      expect(answer.headers['Cache-Control'], pathname).toBe('no-cache');
    }
    expect(cacheControlFor('/assets/../assets/TicketsScreen-BtAZmnSb.js')).toBe('no-cache');
    expect(cacheControlFor('/other/TicketsScreen-BtAZmnSb.js')).toBe('no-cache');
  });
});
