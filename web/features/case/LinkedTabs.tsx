import { Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Alert, Incident } from '../../api.ts';
import { WhenText } from '../../components/WhenText.tsx';
import { PageButtons } from '../../components/PageButtons.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState, errorMessage } from '../../components/ErrorState.tsx';
import { SeverityBadge } from '../alerts/AlertBadges.tsx';
import type { ExtraColumn } from '../alerts/AlertTable.tsx';
import { AlertWorkbench } from '../alerts/AlertWorkbench.tsx';
import { useAlertList, useCaseLinks, useUnlink } from '../alerts/useAlerts.ts';

interface Props {
  number: number;
  canManage: boolean;
  /** Whether the caller may confirm and dismiss alerts (contributors may not). */
  canTriage?: boolean;
}

function useLinks(number: number) {
  const links = useCaseLinks(number);
  const unlink = useUnlink(number);
  const remove = (kind: 'alert' | 'incident', id: number) =>
    unlink.mutate(
      { kind, id },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: `${kind === 'alert' ? 'Alert' : 'Incident'} #${id} unlinked`,
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Not unlinked', message: errorMessage(e) }),
      },
    );
  return { links, remove, busy: unlink.isPending };
}

function UnlinkButton(props: { label: string; busy: boolean; onClick: () => void }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      aria-label={props.label}
      disabled={props.busy}
      onClick={props.onClick}
    >
      Unlink
    </Button>
  );
}

function Loading({ what }: { what: string }) {
  return (
    <Center py="lg">
      <Loader size="sm" aria-label={`Loading the linked ${what}`} />
    </Center>
  );
}

/** How an alert reaches the case: linked directly (and unlinkable), or through an incident. */
function LinkedVia(props: { alert: Alert; direct: boolean }) {
  const { alert, direct } = props;
  if (direct || alert.incidentId === null) return <Text size="sm">Directly</Text>;
  return (
    <Anchor
      renderRoot={(p) => (
        <Link to="/incidents/$id" params={{ id: String(alert.incidentId) }} {...p} />
      )}
      size="sm"
    >
      Incident #{alert.incidentId}
    </Anchor>
  );
}

/**
 * Every alert of a case, linked directly or through a linked incident, newest first and one
 * page at a time; Unlink on those linked directly, for those who manage cases.
 */
export function AlertsTab({ number, canManage, canTriage = false }: Props) {
  const { links, remove, busy } = useLinks(number);
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useAlertList(
    { case: number, sort: 'detectedAt', order: 'desc', limit: 50 },
    cursors.at(-1),
  );
  const failed = links.isError ? links : list.isError ? list : undefined;
  if (failed)
    return (
      <ErrorState
        error={failed.error}
        title="The case's alerts could not be loaded"
        onRetry={() => void Promise.all([links.refetch(), list.refetch()])}
      />
    );
  if (!links.data || !list.data) return <Loading what="alerts" />;
  const direct = new Set(links.data.alerts.map((a) => a.id));
  const alerts: Alert[] = list.data.items;
  if (alerts.length === 0 && cursors.length === 0)
    return (
      <EmptyState title="No alert is linked to this case">
        Confirm an alert into this case from the Alerts page, or link an incident: its alerts are
        listed here too.
      </EmptyState>
    );
  const extra: ExtraColumn[] = [
    {
      key: 'linked',
      label: 'Linked',
      width: 120,
      render: (a) => <LinkedVia alert={a} direct={direct.has(a.id)} />,
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            label: 'Actions',
            width: 90,
            render: (a: Alert) =>
              direct.has(a.id) ? (
                <UnlinkButton
                  label={`Unlink alert ${a.id}`}
                  busy={busy}
                  onClick={() => remove('alert', a.id)}
                />
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Stack gap="sm">
      <Paper withBorder>
        <AlertWorkbench
          alerts={alerts}
          canTriage={canTriage}
          label="Alerts of this case"
          shown={['severity', 'title', 'subject', 'status', 'detected']}
          extra={extra}
        />
      </Paper>
      {(cursors.length > 0 || list.data.nextCursor) && (
        <Group justify="flex-end">
          <PageButtons
            cursors={cursors}
            setCursors={setCursors}
            nextCursor={list.isPlaceholderData ? undefined : list.data.nextCursor}
          />
        </Group>
      )}
    </Stack>
  );
}

/** The incidents linked to a case, with Unlink for those who manage cases. */
export function IncidentsTab({ number, canManage }: Props) {
  const { links, remove, busy } = useLinks(number);
  if (links.isError)
    return (
      <ErrorState
        error={links.error}
        title="The linked incidents could not be loaded"
        onRetry={() => void links.refetch()}
      />
    );
  if (!links.data) return <Loading what="incidents" />;
  const incidents: Incident[] = links.data.incidents;
  if (incidents.length === 0)
    return (
      <EmptyState title="No incident is linked to this case">
        Link one from its incident page.
      </EmptyState>
    );
  return (
    <Table fz="sm" aria-label="Linked incidents" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Severity</Table.Th>
          <Table.Th>Title</Table.Th>
          <Table.Th w={170}>Subject</Table.Th>
          <Table.Th w={80}>Alerts</Table.Th>
          <Table.Th w={140}>Last alert</Table.Th>
          {canManage && <Table.Th w={90}>Actions</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {incidents.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>
              <SeverityBadge severity={i.severity} />
            </Table.Td>
            <Table.Td>
              <Anchor
                renderRoot={(props) => (
                  <Link to="/incidents/$id" params={{ id: String(i.id) }} {...props} />
                )}
                size="sm"
              >
                {i.title}
              </Anchor>
              {i.status === 'resolved' && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · resolved
                </Text>
              )}
            </Table.Td>
            <Table.Td>{i.subject?.name ?? '—'}</Table.Td>
            <Table.Td>{i.alertCount}</Table.Td>
            <Table.Td>
              <WhenText iso={i.lastAlertAt} />
            </Table.Td>
            {canManage && (
              <Table.Td>
                <UnlinkButton
                  label={`Unlink incident ${i.id}`}
                  busy={busy}
                  onClick={() => remove('incident', i.id)}
                />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
