import { Button, Group, Paper, Text } from '@mantine/core';
import { IconArrowUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { alertsKey, casesKey } from '../../query-keys.ts';
import { showPending, usePending, type LiveKind } from './live-store.ts';

const nouns: Record<LiveKind, [string, string]> = {
  case: ['case', 'cases'],
  alert: ['alert', 'alerts'],
};

/**
 * "N new — show": rows other people added wait here instead of pushing the queue down under
 * the pointer; showing them reloads the queue and marks them new.
 */
export function LiveBanner({ kind, shown }: { kind: LiveKind; shown: readonly number[] }) {
  const client = useQueryClient();
  // A row already on screen (the tab's own change, refetched) is not news.
  const onScreen = new Set(shown);
  const pending = usePending(kind).filter((id) => !onScreen.has(id));
  if (pending.length === 0) return null;
  const [one, many] = nouns[kind];
  const show = () => {
    showPending(kind);
    void client.invalidateQueries({ queryKey: kind === 'case' ? casesKey : alertsKey });
  };
  return (
    <Paper withBorder px="sm" py={4} role="status" aria-live="polite">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {pending.length} new or updated {pending.length === 1 ? one : many}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconArrowUp size={14} />}
          onClick={show}
        >
          Show
        </Button>
      </Group>
    </Paper>
  );
}
