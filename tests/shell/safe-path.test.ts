// The resolver behind app:// and browser mode: normal files resolve inside the root, anything else is refused.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isClientRoute, mimeTypeOf, resolveStaticPath } from '../../electron/ipc/http/safe-path';

const root = path.resolve('/srv/emerald/dist');

describe('resolveStaticPath', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['/assets/', 'assets/index.html'],
    ['/fonts/Inter%20Bold.woff2', 'fonts/Inter Bold.woff2'],
    ['/img/%C3%B1and%C3%BA.png', 'img/ñandú.png'],
  ])('resolves %s inside the root', (request, relative) => {
    expect(resolveStaticPath(root, request)).toBe(path.join(root, relative));
  });

  it.each([
    ['plain traversal', '/../etc/passwd'],
    ['traversal mid-path', '/assets/../../etc/passwd'],
    ['encoded dots', '/%2e%2e/etc/passwd'],
    ['encoded dots, upper case', '/assets/%2E%2E/%2E%2E/etc/passwd'],
    ['half-encoded dots', '/.%2e/etc/passwd'],
    ['encoded slash', '/..%2fetc%2fpasswd'],
    ['encoded slash, upper case', '/assets%2F..%2F..%2Fsecret'],
    ['backslash', '/..\\..\\secret'],
    ['encoded backslash', '/..%5c..%5csecret'],
    ['absolute path via double slash', '//etc/passwd'],
    ['windows drive letter', '/C:/Windows/win.ini'],
    ['encoded drive letter', '/C%3A/Windows/win.ini'],
    ['NUL byte', '/index.html\0.png'],
    ['encoded NUL byte', '/index.html%00.png'],
    ['malformed encoding', '/%E0%A4%A'],
    ['no leading slash', 'index.html'],
    ['dot segment', '/./index.html'],
  ])('refuses %s', (_label, request) => {
    expect(resolveStaticPath(root, request)).toBeNull();
  });

  it('never returns a path outside the root for any ASCII dot/slash combination', () => {
    const alphabet = ['.', '/', '%2e', '%2f', 'a', '%5c', '\\', '%00'];
    const outside: string[] = [];
    const grow = (prefix: string, depth: number) => {
      if (depth === 0) return;
      for (const piece of alphabet) {
        const candidate = prefix + piece;
        const resolved = resolveStaticPath(root, candidate);
        if (resolved !== null && !resolved.startsWith(root + path.sep)) outside.push(candidate);
        grow(candidate, depth - 1);
      }
    };
    grow('/', 5);
    expect(outside).toEqual([]);
  });
});

describe('static helpers', () => {
  it('knows the MIME types Vite emits and treats extension-less paths as client routes', () => {
    expect(mimeTypeOf('a/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeOf('a/app.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeOf('a/style.css')).toMatch(/^text\/css/);
    expect(mimeTypeOf('a/unknown.bin')).toBe('application/octet-stream');
    expect(isClientRoute('/tickets/123')).toBe(true);
    expect(isClientRoute('/assets/app.js')).toBe(false);
  });
});
