import {
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api.ts';
import { formatDateTime } from '../components/dates.ts';
import { ErrorState, errorMessage } from '../components/ErrorState.tsx';
import { SeverityBadge } from '../features/alerts/AlertBadges.tsx';
import { AlertTable } from '../features/alerts/AlertTable.tsx';
import { useTriageRefresh } from '../features/alerts/useAlerts.ts';
import { accessOf, useMe } from '../features/session/useMe.ts';
import { useQuery } from '@tanstack/react-query';

const route = getRouteApi('/app/incidents/$id');

/** One incident: its alerts, its cases, and "link to case" or "create case". */
export function IncidentPage() {
  const id = Number(route.useParams().id);
  const navigate = route.useNavigate();
  const me = useMe();
  const access = me.data ? accessOf(me.data) : null;
  const refresh = useTriageRefresh();
  const incident = useQuery({ queryKey: ['incident', id], queryFn: () => api.getIncident(id) });
  const [caseNumber, setCaseNumber] = useState<number | string>('');
  const [busy, setBusy] = useState(false);

  if (incident.isError)
    return (
      <ErrorState
        error={incident.error}
        title={`Incident #${id} could not be opened`}
        onRetry={() => void incident.refetch()}
      />
    );
  if (!incident.data)
    return (
      <Center mih="40vh">
        <Loader size="sm" aria-label="Loading the incident" />
      </Center>
    );
  const i = incident.data;
  const done = async (number: number, verb: string) => {
    notifications.show({ color: 'green', message: `Incident ${verb} case #${number}` });
    await Promise.all([refresh(), incident.refetch()]);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not linked', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const link = () =>
    run(async () => {
      await api.linkToCase(Number(caseNumber), { incidentIds: [id] });
      await done(Number(caseNumber), 'linked to');
    });
  const create = () =>
    run(async () => {
      const c = await api.createCase({ title: i.title, subjectId: i.subject?.id });
      await api.linkToCase(c.number, { incidentIds: [id] });
      await done(c.number, 'opened as');
      void navigate({
        to: '/cases/$number',
        params: { number: String(c.number) },
        search: { tab: 'incidents' },
      });
    });

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <SeverityBadge severity={i.severity} />
        <Text size="sm" c="dimmed">
          Incident #{i.id} · {i.status} · {i.alertCount} {i.alertCount === 1 ? 'alert' : 'alerts'} ·{' '}
          {formatDateTime(i.firstAlertAt)} to {formatDateTime(i.lastAlertAt)}
        </Text>
      </Group>
      <Title order={1} size="h3">
        {i.title}
      </Title>
      <Text size="sm">
        Subject: {i.subject ? `${i.subject.name} (${i.subject.email})` : '—'} · Cases:{' '}
        {i.caseNumbers.length === 0
          ? 'none'
          : i.caseNumbers.map((n) => (
              <Anchor
                key={n}
                renderRoot={(props) => (
                  <Link to="/cases/$number" params={{ number: String(n) }} {...props} />
                )}
                mr={6}
              >
                #{n}
              </Anchor>
            ))}
      </Text>
      {access?.canManageCases && (
        <Group gap="xs" align="flex-end">
          <NumberInput
            label="Case number"
            w={140}
            min={1}
            allowDecimal={false}
            value={caseNumber}
            onChange={setCaseNumber}
          />
          <Button
            variant="default"
            disabled={typeof caseNumber !== 'number'}
            loading={busy}
            onClick={() => void link()}
          >
            Link to case
          </Button>
          <Button loading={busy} onClick={() => void create()}>
            Create case
          </Button>
        </Group>
      )}
      <Paper withBorder>
        <AlertTable
          alerts={i.alerts}
          sort="detectedAt"
          order="desc"
          onSort={() => undefined}
          selected={new Set()}
          onSelect={() => undefined}
          selectable={false}
          onOpen={(alert) => void navigate({ to: '/alerts', search: { alert, status: 'all' } })}
        />
      </Paper>
    </Stack>
  );
}
