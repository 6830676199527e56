import { Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import type { AlertFacts } from './case-suggestion.ts';
import { ConfirmDialog, DismissDialog } from './TriageDialogs.tsx';

/**
 * Confirms or dismisses the selected alerts together; `alerts` are those of them on the pages
 * seen, which a new case is suggested from.
 */
export function AlertBulkBar({
  ids,
  alerts,
  onDone,
}: {
  ids: number[];
  alerts: readonly AlertFacts[];
  onDone: () => void;
}) {
  const [dialog, setDialog] = useState<'confirm' | 'dismiss' | null>(null);
  const done = () => {
    setDialog(null);
    onDone();
  };
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
            {ids.length} selected
          </Text>
          <Button size="xs" onClick={() => setDialog('confirm')}>
            Confirm selected…
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('dismiss')}>
            Dismiss selected…
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={onDone}>
            Clear selection
          </Button>
        </Group>
        {dialog === 'confirm' && (
          <ConfirmDialog ids={ids} alerts={alerts} onClose={() => setDialog(null)} onDone={done} />
        )}
        {dialog === 'dismiss' && (
          <DismissDialog ids={ids} onClose={() => setDialog(null)} onDone={done} />
        )}
      </Paper>
    </>
  );
}
