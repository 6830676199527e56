import { useState, type ReactNode } from 'react';
import type { Alert } from '../../api.ts';
import { ConfirmDialog, DismissDialog } from './TriageDialogs.tsx';

export type TriageAction = 'confirm' | 'dismiss';

/**
 * Triage of one alert from the keyboard: `start(alert, action)` opens the confirm or dismiss
 * dialog for it, which `dialog` renders; the alert's row keeps the focus once it closes.
 */
export function useQuickTriage(): {
  start: (alert: Alert, action: TriageAction) => void;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<{ alert: Alert; action: TriageAction } | null>(null);
  const close = () => setPending(null);
  let dialog: ReactNode = null;
  if (pending?.action === 'confirm')
    dialog = (
      <ConfirmDialog
        ids={[pending.alert.id]}
        alerts={[pending.alert]}
        onClose={close}
        onDone={close}
      />
    );
  else if (pending?.action === 'dismiss')
    dialog = <DismissDialog ids={[pending.alert.id]} onClose={close} onDone={close} />;
  return { start: (alert, action) => setPending({ alert, action }), dialog };
}
