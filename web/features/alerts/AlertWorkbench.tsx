import { Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Alert } from '../../api.ts';
import { AlertBulkBar } from './AlertBulkBar.tsx';
import { AlertDrawer } from './AlertDrawer.tsx';
import { AlertTable, type ExtraColumn } from './AlertTable.tsx';
import { useQuickTriage } from './QuickTriage.tsx';

interface Props {
  alerts: Alert[];
  canTriage: boolean;
  /** Keys of the columns to show (see alertColumns). */
  shown: readonly string[];
  extra?: ReadonlyArray<ExtraColumn>;
  label: string;
}

/**
 * Alerts where they are worked, on an incident or a case: select some and confirm or dismiss
 * them together, or open one in a drawer in place and step through the others with Previous
 * and Next (or k and j); Shift+C and Shift+D triage the focused one.
 */
export function AlertWorkbench(props: Props) {
  const { alerts, canTriage } = props;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [open, setOpen] = useState<number | undefined>();
  const quick = useQuickTriage();
  // Alerts triaged elsewhere leave the selection when the list changes.
  useEffect(() => {
    setSelected((prev) => new Set(alerts.filter((a) => prev.has(a.id)).map((a) => a.id)));
  }, [alerts]);
  const at = alerts.findIndex((a) => a.id === open);
  const step = (delta: number) => {
    const next = alerts[at + delta];
    return at >= 0 && next ? () => setOpen(next.id) : undefined;
  };
  const onSelect = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return (
    <Stack gap={0}>
      <AlertTable
        alerts={alerts}
        sort="detectedAt"
        order="desc"
        onSort={() => undefined}
        sortable={false}
        selected={selected}
        onSelect={onSelect}
        selectable={canTriage}
        onOpen={setOpen}
        onTriage={quick.start}
        shown={props.shown}
        extra={props.extra}
        label={props.label}
      />
      {canTriage && selected.size > 0 && (
        <AlertBulkBar
          ids={[...selected]}
          alerts={alerts.filter((a) => selected.has(a.id))}
          onDone={() => setSelected(new Set())}
        />
      )}
      <AlertDrawer
        id={open}
        canTriage={canTriage}
        onClose={() => setOpen(undefined)}
        onPrev={step(-1)}
        onNext={step(1)}
      />
      {quick.dialog}
    </Stack>
  );
}
