// Field errors in the user's words, from the contract's own schemas: the text rules' reasons get their own message.
import type { TFunction } from 'i18next';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { line, text } from '../../electron/contract/common';
import { zodFieldErrors } from '../../renderer/src/lib/forms';

const t = ((key: string) => key) as unknown as TFunction;

it('says why a title or a note is refused: control characters, nothing visible, or the generic message', () => {
  const schema = z.strictObject({ title: line(1, 100), note: text(500) });
  expect(zodFieldErrors(t, schema, { title: '\u200b\u200b', note: 'ok' })).toEqual({ title: 'common:validation.blank_text' });
  expect(zodFieldErrors(t, schema, { title: 'Caldera\u0000', note: 'a\u0007b' })).toEqual({
    title: 'common:validation.control_characters',
    note: 'common:validation.control_characters',
  });
  expect(zodFieldErrors(t, schema, { title: '', note: '' })).toEqual({ title: 'common:validation.required' });
});
