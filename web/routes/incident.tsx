import { Center, Divider, Group, Loader, Paper, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { ErrorState } from '../components/ErrorState.tsx';
import { defaultAlertColumnKeys } from '../features/alerts/AlertTable.tsx';
import { AlertWorkbench } from '../features/alerts/AlertWorkbench.tsx';
import { CaseActions } from '../features/incidents/CaseActions.tsx';
import { IncidentFields } from '../features/incidents/IncidentFields.tsx';
import { IncidentHeader } from '../features/incidents/IncidentHeader.tsx';
import { ReadyToResolve } from '../features/incidents/ReadyToResolve.tsx';
import { useIncident } from '../features/incidents/useIncidents.ts';
import { accessOf, useMe } from '../features/session/useMe.ts';

const route = getRouteApi('/app/incidents/$id');

/** One incident: its title, status and assignee, its cases and alerts, "link to case" or "create case". */
export function IncidentPage() {
  const id = Number(route.useParams().id);
  const me = useMe();
  const access = me.data ? accessOf(me.data) : null;
  const incident = useIncident(id);

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
  const canEdit = Boolean(access?.canEditIncidents);
  const canLink = Boolean(access?.canManageCases);

  return (
    <Stack gap="sm">
      <IncidentHeader incident={i} canEdit={canEdit} />
      <Group gap="xs" align="flex-end">
        <IncidentFields incident={i} canEdit={canEdit} />
        {canEdit && canLink && <Divider orientation="vertical" mx={4} />}
        {canLink && <CaseActions incident={i} />}
      </Group>
      {canEdit && i.readyToResolve && <ReadyToResolve incident={i} />}
      <Paper withBorder>
        <AlertWorkbench
          alerts={i.alerts}
          canTriage={canEdit}
          label="Alerts of this incident"
          shown={[...defaultAlertColumnKeys.filter((k) => k !== 'incident'), 'grouped']}
        />
      </Paper>
    </Stack>
  );
}
