// What crosses the engine worker's thread boundary: errors rebuilt as the same types, and which byte buffers may move.
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { DatabaseFailureError } from '../../db/failures';
import { AppError } from '../../electron/contract';
import { rebuildError, serializeError, transferableOf, transfersIn } from '../../electron/ipc/engine/protocol';

/** Through structured clone, as postMessage does. */
const across = (error: unknown) => rebuildError(structuredClone(serializeError(error)));

describe('errors across the thread', () => {
  it('rebuilds an AppError with its code and details', () => {
    const back = across(new AppError('CONFLICT', 'changed by someone else', { reason: 'stale_version', expected: 2, actual: 3 }));
    expect(back).toBeInstanceOf(AppError);
    expect((back as AppError).toShape()).toEqual({ code: 'CONFLICT', message: 'changed by someone else', details: { reason: 'stale_version', expected: 2, actual: 3 } });
  });

  it('rebuilds a DatabaseOpenError with its reason and path (the shell picks the dialog by them), and other refusals as their base', () => {
    const back = across(new DatabaseOpenError('locked', '/data/emerald.db', 'the database is in use'));
    expect(back).toBeInstanceOf(DatabaseOpenError);
    expect(back).toMatchObject({ reason: 'locked', path: '/data/emerald.db', message: 'the database is in use' });
    const other = across(new DatabaseFailureError('same_file', '/data/emerald.db', 'same file'));
    expect(other).toBeInstanceOf(DatabaseFailureError);
    expect(other).not.toBeInstanceOf(DatabaseOpenError);
  });

  it('keeps any other error’s name, message, stack and code; a thrown non-error becomes its text', () => {
    const original = Object.assign(new TypeError('bad thing'), { code: 'ERR_BAD' });
    const back = across(original);
    expect(back).toMatchObject({ name: 'TypeError', message: 'bad thing', code: 'ERR_BAD' });
    expect(back.stack).toBe(original.stack);
    expect(across('plain text').message).toBe('plain text');
  });
});

describe('byte buffers that may move', () => {
  it('moves a buffer only its view uses, never a pooled Buffer’s shared memory', () => {
    const big = Buffer.concat([Buffer.alloc(70_000, 1), Buffer.alloc(70_000, 2)]);
    expect(transferableOf(new Uint8Array(big.buffer, big.byteOffset, big.length))).toBe(big.buffer);
    const pooled = Buffer.from('small');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    expect(transferableOf(pooled)).toBeNull();
    expect(transferableOf(new Uint8Array(0))).toBeNull();
  });

  it('finds the byte fields directly inside an input, once each', () => {
    const bytes = new Uint8Array(10);
    expect(transfersIn({ ticketId: 'x', bytes, again: bytes, nested: { inner: new Uint8Array(4) } })).toEqual([bytes.buffer]);
    expect(transfersIn(null)).toEqual([]);
    expect(transfersIn('text')).toEqual([]);
  });
});
