import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDay, formatFull, formatWhen } from './dates.ts';

/**
 * A point in time on one line: compact ("2 Dec 14:05"), with the whole timestamp on hover.
 * `day` writes the day alone (due dates); `children` follow the date on the same line.
 */
export function WhenText({
  iso,
  day = false,
  className,
  size = 'sm',
  children,
}: {
  iso: string;
  day?: boolean;
  className?: string | undefined;
  size?: 'xs' | 'sm';
  children?: ReactNode;
}) {
  return (
    <Text
      span
      size={size}
      title={formatFull(iso)}
      className={className}
      style={{ whiteSpace: 'nowrap' }}
    >
      {day ? formatDay(iso) : formatWhen(iso)}
      {children}
    </Text>
  );
}
