// A button busy with its work (a PDF being made, a visit starting) stays focusable and says so: a disabled button
// drops the keyboard focus to the page, and the person's next key goes nowhere.
import type { ButtonHTMLAttributes } from 'react';

type BusyButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled' | 'aria-disabled'> & { busy: boolean };

/** A click (or Enter) while `busy` does nothing; the CSS dims it through `aria-disabled`. */
export function BusyButton({ busy, onClick, ...props }: BusyButtonProps) {
  return (
    <button
      type="button"
      {...props}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (!busy) onClick?.(event);
      }}
    />
  );
}
