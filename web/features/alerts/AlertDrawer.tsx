import {
  Anchor,
  Button,
  Center,
  Code,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { AlertInfo } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatWhen } from '../../components/dates.ts';
import { AlertStatusBadge, SeverityBadge } from './AlertBadges.tsx';
import { correlationText } from './correlation-text.ts';
import { dismissCategoryLabels } from './dismiss-categories.ts';
import { ConfirmDialog, DismissDialog } from './TriageDialogs.tsx';
import { useAlert } from './useAlerts.ts';
import { subjectLabel } from '../subjects/subject-label.ts';

/** JSON as indented text; React renders it as text, never as HTML. */
const pretty = (v: unknown): string => JSON.stringify(v ?? null, null, 2) ?? 'null';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Body({
  a,
  canTriage,
  onClose,
}: {
  a: AlertInfo;
  canTriage: boolean;
  onClose: () => void;
}) {
  const [dialog, setDialog] = useState<'confirm' | 'dismiss' | null>(null);
  const open = a.status === 'needs_review';
  return (
    <Stack gap="md">
      <Group gap="xs">
        <SeverityBadge severity={a.severity} />
        <AlertStatusBadge status={a.status} />
        <Text size="sm" c="dimmed">
          Alert #{a.id} · risk {a.riskScore}
        </Text>
      </Group>
      {a.status === 'resolved' && (
        <Text size="sm" c="dimmed">
          Its investigation has ended: no open case covers it. Reopening one of its cases confirms
          it again.
        </Text>
      )}
      {canTriage && open && (
        <Group gap="xs">
          <Button onClick={() => setDialog('confirm')}>Confirm</Button>
          <Button variant="default" color="red" onClick={() => setDialog('dismiss')}>
            Dismiss
          </Button>
        </Group>
      )}
      {a.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {a.description}
        </Text>
      )}
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          <Field label="Source">
            {a.source} · {a.externalId}
          </Field>
          {a.sourceStatus !== null && <Field label="Source status">{a.sourceStatus}</Field>}
          {a.sourceSeverity !== null && <Field label="Source severity">{a.sourceSeverity}</Field>}
          <Field label="Detected">{formatWhen(a.detectedAt)}</Field>
          <Field label="Received">{formatWhen(a.receivedAt)}</Field>
          <Field label="Subject">{a.subject ? subjectLabel(a.subject) : '—'}</Field>
          <Field label="Incident">
            {a.incidentId ? (
              <Anchor
                renderRoot={(props) => (
                  <Link to="/incidents/$id" params={{ id: String(a.incidentId) }} {...props} />
                )}
              >
                Incident #{a.incidentId}
              </Anchor>
            ) : (
              '—'
            )}
          </Field>
          {correlationText(a.correlation) && (
            <Field label="Grouped by">{correlationText(a.correlation)}</Field>
          )}
          <Field label="Cases">
            {a.caseNumbers.length === 0 ? (
              '—'
            ) : (
              <Group gap={6}>
                {a.caseNumbers.map((n) => (
                  <Anchor
                    key={n}
                    renderRoot={(props) => (
                      <Link to="/cases/$number" params={{ number: String(n) }} {...props} />
                    )}
                  >
                    #{n}
                  </Anchor>
                ))}
              </Group>
            )}
          </Field>
          {a.triage && (
            <Field label={a.status === 'dismissed' ? 'Dismissed' : 'Confirmed'}>
              {formatWhen(a.triage.at)}
              {a.triage.by && ` by ${a.triage.by.name}`}
              {a.triage.category && ` as ${dismissCategoryLabels[a.triage.category].toLowerCase()}`}
              {a.triage.reason && `: ${a.triage.reason}`}
            </Field>
          )}
        </Table.Tbody>
      </Table>
      <Section title={`Entities (${a.entities.length})`}>
        {a.entities.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={2} aria-label="Entities">
            <Table.Tbody>
              {a.entities.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td w={100}>{e.type}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title={`Events (${a.events.length})`}>
        {a.events.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Code block mah={240} style={{ overflow: 'auto' }}>
            {pretty(a.events)}
          </Code>
        )}
      </Section>
      <Section title="Raw payload">
        <Code block mah={360} style={{ overflow: 'auto' }} aria-label="Raw payload">
          {pretty(a.payload)}
        </Code>
      </Section>
      {dialog === 'confirm' && (
        <ConfirmDialog ids={[a.id]} alerts={[a]} onClose={() => setDialog(null)} onDone={onClose} />
      )}
      {dialog === 'dismiss' && (
        <DismissDialog
          ids={[a.id]}
          onClose={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

/** Previous and next alert of the list the drawer was opened from; also k and j. */
function Stepper(props: { onPrev?: (() => void) | undefined; onNext?: (() => void) | undefined }) {
  useHotkeys([
    ['k', () => props.onPrev?.()],
    ['j', () => props.onNext?.()],
  ]);
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="default"
        aria-label="Previous alert (k)"
        disabled={!props.onPrev}
        onClick={props.onPrev}
      >
        ‹ Previous
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        aria-label="Next alert (j)"
        disabled={!props.onNext}
        onClick={props.onNext}
      >
        Next ›
      </Button>
    </Group>
  );
}

/**
 * One alert beside the list it was opened from: its fields, entities, events and raw payload,
 * and triage; with onPrev/onNext, the list's previous and next alert one click or key away.
 */
export function AlertDrawer(props: {
  id: number | undefined;
  canTriage: boolean;
  onClose: () => void;
  onPrev?: (() => void) | undefined;
  onNext?: (() => void) | undefined;
}) {
  const alert = useAlert(props.id);
  const stepping = props.onPrev !== undefined || props.onNext !== undefined;
  return (
    <Drawer
      opened={props.id !== undefined}
      onClose={props.onClose}
      position="right"
      closeButtonProps={{ 'aria-label': 'Close the alert' }}
      size="xl"
      title={
        <Text span fw={600} lineClamp={2}>
          {alert.data?.title ?? 'Alert'}
        </Text>
      }
    >
      {stepping && props.id !== undefined && (
        <Group justify="flex-end" mb="xs" mt={-8}>
          <Stepper onPrev={props.onPrev} onNext={props.onNext} />
        </Group>
      )}
      {alert.isError ? (
        <ErrorState
          error={alert.error}
          title="The alert could not be loaded"
          onRetry={() => void alert.refetch()}
        />
      ) : alert.data ? (
        <Body a={alert.data} canTriage={props.canTriage} onClose={props.onClose} />
      ) : (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading the alert" />
        </Center>
      )}
    </Drawer>
  );
}
