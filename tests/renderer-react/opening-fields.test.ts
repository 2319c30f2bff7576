// A dialog's fields are set in the render that opens it (useOnOpening): the first drawing already holds them. Set in
// an effect, the dialog appeared with an empty technician for a moment and an arrow key pressed then was undone.
import { createElement, useState } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useOnOpening } from '../../renderer/src/lib/opening';

function Dialog({ openOn, calls }: { openOn: string | null; calls: string[] }) {
  const [technician, setTechnician] = useState('');
  useOnOpening(openOn, () => {
    calls.push(openOn ?? 'null');
    setTechnician(`técnico de ${openOn}`);
  });
  return createElement('select', { 'data-value': technician });
}

describe('useOnOpening', () => {
  it('fills the fields in the very render that opens the dialog, once', () => {
    const calls: string[] = [];
    expect(renderToStaticMarkup(createElement(Dialog, { openOn: 'OT-1', calls }))).toContain('data-value="técnico de OT-1"');
    expect(calls).toEqual(['OT-1']);
  });

  it('does nothing while closed', () => {
    const calls: string[] = [];
    expect(renderToStaticMarkup(createElement(Dialog, { openOn: null, calls }))).toContain('data-value=""');
    expect(calls).toEqual([]);
  });
});
