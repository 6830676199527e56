import { Group, Paper, Text, Title } from '@mantine/core';
import type { AlertStatus, Severity } from '../../api.ts';
import { alertStatusLabels, severityLabels } from '../alerts/alerts-search.ts';
import { useAlertList } from '../alerts/useAlerts.ts';

const severities: Severity[] = ['high', 'medium', 'low', 'informational'];
const statuses: AlertStatus[] = ['needs_review', 'confirmed', 'dismissed', 'resolved'];

/** The case's alerts (linked directly or through its incidents) counted by severity and status. */
export function CaseAlertSummary({ number }: { number: number }) {
  const list = useAlertList({ case: number, limit: 200 }, undefined);
  const alerts = list.data?.items ?? [];
  const count = <K extends string>(key: (a: (typeof alerts)[number]) => K, k: K) =>
    alerts.filter((a) => key(a) === k).length;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Alert summary">
      <Title order={2} size="h5" mb={6}>
        Alerts
        {alerts.length > 0
          ? ` (${list.data?.nextCursor ? `${alerts.length}+` : alerts.length})`
          : ''}
      </Title>
      {list.isError ? (
        <Text size="sm" c="red">
          The alerts could not be loaded.
        </Text>
      ) : !list.data ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : alerts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No alert is linked to this case.
        </Text>
      ) : (
        <>
          <Group gap="md">
            {severities.map((s) => (
              <Text key={s} size="sm" c={count((a) => a.severity, s) ? undefined : 'dimmed'}>
                {severityLabels[s]} {count((a) => a.severity, s)}
              </Text>
            ))}
          </Group>
          <Group gap="md">
            {statuses.map((s) => (
              <Text key={s} size="sm" c={count((a) => a.status, s) ? undefined : 'dimmed'}>
                {alertStatusLabels[s]} {count((a) => a.status, s)}
              </Text>
            ))}
          </Group>
          {list.data.nextCursor && (
            <Text size="xs" c="dimmed" mt={4}>
              Counted over the 200 most recent; the Alerts tab lists them all.
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
