import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';

/**
 * A queue table's rows: j / k move through them and the active row takes the focus, so
 * screen readers follow; a click (not on a control inside the row) or Enter opens the row, and
 * x toggles its selection when the table selects; `keys` adds the row's own keys (by
 * KeyboardEvent.key, so "D" is Shift+D). Spread `rowProps(i, actions)` on each row; the cursor
 * resets when the rows change.
 */
export function useRowCursor(rows: readonly unknown[]) {
  const [active, setActive] = useState(-1);
  const elements = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => setActive(-1), [rows]);
  const move = (delta: number) => {
    // A dialog or drawer above the table has the keys (an alert drawer steps with j / k itself).
    if (document.querySelector('[role="dialog"]')) return;
    const next = Math.max(0, Math.min(rows.length - 1, active + delta));
    setActive(next);
    elements.current[next]?.focus();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);
  return {
    rowProps: (
      i: number,
      actions: {
        open: () => void;
        toggle?: (() => void) | undefined;
        keys?: Readonly<Record<string, () => void>> | undefined;
      },
    ) => ({
      ref: (el: HTMLTableRowElement | null) => {
        elements.current[i] = el;
      },
      tabIndex: 0,
      className: 'case-row',
      style: { cursor: 'pointer' },
      'data-active': i === active,
      onFocus: () => setActive(i),
      onClick: (e: MouseEvent<HTMLTableRowElement>) => {
        if ((e.target as HTMLElement).closest('input,a,button')) return;
        actions.open();
      },
      onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') actions.open();
        else if (e.key === 'x') actions.toggle?.();
        else actions.keys?.[e.key]?.();
      },
    }),
  };
}
