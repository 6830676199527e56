import { Badge, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** Where a queue shows its "new" badge: the first wide column (no fixed width), with room. */
export const newMarkColumn = (columns: ReadonlyArray<{ width?: unknown }>): number =>
  Math.max(
    0,
    columns.findIndex((col) => col.width === undefined),
  );

/** A cell's content, with a "new" badge before it for a row that arrived live. */
export function WithNewMark({ isNew, children }: { isNew: boolean; children: ReactNode }) {
  if (!isNew) return children;
  return (
    <Group gap={4} wrap="nowrap">
      <Badge
        size="xs"
        variant="light"
        style={{ flexShrink: 0 }}
        aria-label="New since you opened the queue"
      >
        new
      </Badge>
      {children}
    </Group>
  );
}
