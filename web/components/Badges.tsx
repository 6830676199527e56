import { Badge } from '@mantine/core';
import type { Case, Priority } from '../api.ts';
import { priorityColors, priorityLabels } from './labels.ts';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    // Tinted background, body-coloured text: readable at 4.5:1 in both themes.
    <Badge
      className="badge-whole"
      color={priorityColors[priority]}
      variant="light"
      size="sm"
      radius="sm"
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      {priorityLabels[priority]}
    </Badge>
  );
}

export function StatusBadge({
  status,
  color,
}: {
  status: Case['status'];
  color?: string | undefined;
}) {
  return (
    <Badge
      className="badge-whole"
      variant="dot"
      size="sm"
      radius="sm"
      color={
        color ??
        (status.category === 'closed' ? 'gray' : status.category === 'new' ? 'blue' : 'yellow')
      }
    >
      {status.name}
    </Badge>
  );
}
