import { Button } from '@mantine/core';
import { FloatingBar } from '../../components/FloatingBar.tsx';
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
    <FloatingBar count={ids.length}>
      <Button size="xs" onClick={() => setDialog('confirm')}>
        Confirm selected…
      </Button>
      <Button size="xs" variant="default" onClick={() => setDialog('dismiss')}>
        Dismiss selected…
      </Button>
      <Button size="xs" variant="subtle" color="gray" onClick={onDone}>
        Clear selection
      </Button>
      {dialog === 'confirm' && (
        <ConfirmDialog ids={ids} alerts={alerts} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog === 'dismiss' && (
        <DismissDialog ids={ids} onClose={() => setDialog(null)} onDone={done} />
      )}
    </FloatingBar>
  );
}
