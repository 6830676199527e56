import { Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState.tsx';

/**
 * A queue's table area: what went wrong with a retry, a loader on first load, the empty state
 * when `empty` is given, or the table.
 */
export function QueueBody(props: {
  list: { isError: boolean; error: unknown; isPending: boolean; refetch: () => unknown };
  /** What the queue lists, in the plural: "cases", "alerts". */
  noun: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { list, noun } = props;
  if (list.isError)
    return (
      <ErrorState
        error={list.error}
        title={`The ${noun} could not be loaded`}
        onRetry={() => void list.refetch()}
      />
    );
  if (list.isPending)
    return (
      <Group justify="center" py="xl" aria-live="polite">
        <Loader size="sm" />
        <Text c="dimmed">Loading {noun}…</Text>
      </Group>
    );
  return props.empty ?? props.children;
}
