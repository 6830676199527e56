import { Alert, Button, Group, Text } from '@mantine/core';
import type { IncidentInfo } from '../../api.ts';
import { useUpdateIncident } from './useIncidents.ts';

/** Offers to resolve an incident whose alerts are all triaged and whose cases are all closed. */
export function ReadyToResolve({ incident: i }: { incident: IncidentInfo }) {
  const update = useUpdateIncident(i);
  return (
    <Alert color="teal" variant="light" p="xs" role="region" aria-label="Ready to resolve">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          Every alert of this incident is triaged
          {i.cases.length > 0 ? ' and every case covering it is closed' : ''}: it can be resolved.
        </Text>
        <Button
          size="xs"
          color="teal"
          loading={update.isPending}
          onClick={() => update.mutate({ status: 'resolved' })}
        >
          Resolve incident
        </Button>
      </Group>
    </Alert>
  );
}
