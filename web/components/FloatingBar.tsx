import { Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The bulk actions of a queue, floating at the bottom of the screen so that rows never move
 * under the mouse when it appears; a spacer keeps the last rows reachable above it.
 */
export function FloatingBar(props: { count: number; children: ReactNode }) {
  return (
    <>
      <div className="bulk-bar-space" />
      <Paper
        withBorder
        shadow="md"
        px="sm"
        py={6}
        role="region"
        aria-label="Bulk actions"
        className="bulk-bar"
      >
        <Group gap="sm">
          <Text size="sm" fw={600}>
            {props.count} selected
          </Text>
          {props.children}
        </Group>
      </Paper>
    </>
  );
}
