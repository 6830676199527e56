import type { CSSProperties, ReactNode } from 'react';

/**
 * Holds a queue table so that its sticky header stays in view while the page scrolls: on a
 * wide screen the frame only clips (a scrolling frame would catch the sticky header); on a
 * narrow one it scrolls sideways instead.
 */
export function TableFrame({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    <div className="table-frame" style={{ '--table-min-width': `${minWidth}px` } as CSSProperties}>
      {children}
    </div>
  );
}

/** The height of the console's fixed header, which sticky table headers stop under. */
export const HEADER_HEIGHT = 48;
