import { Text } from '@mantine/core';
import { formatWhen } from './dates.ts';

/** A point in time in a table cell: short, with the exact ISO time on hover. */
export function WhenText({ iso }: { iso: string }) {
  return (
    <Text size="sm" title={iso}>
      {formatWhen(iso)}
    </Text>
  );
}
