import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * j / k move through a table's rows: the active row takes the focus, so Enter and screen
 * readers act on it. Spread `rowProps(i)` on each row; the cursor resets when the rows change.
 */
export function useRowCursor(rows: readonly unknown[]) {
  const [active, setActive] = useState(-1);
  const elements = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => setActive(-1), [rows]);
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, active + delta));
    setActive(next);
    elements.current[next]?.focus();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);
  return {
    rowProps: (i: number) => ({
      ref: (el: HTMLTableRowElement | null) => {
        elements.current[i] = el;
      },
      tabIndex: 0,
      'data-active': i === active,
      onFocus: () => setActive(i),
    }),
  };
}
