import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { AlertStatus, Severity, SubjectSummary } from '../../api.ts';
import { StatusBadge } from '../../components/Badges.tsx';
import { WhenText } from '../../components/WhenText.tsx';
import { SeverityBadge } from '../alerts/AlertBadges.tsx';
import { alertStatusLabels, severityLabels } from '../alerts/alerts-search.ts';
import { IncidentStatusBadge } from '../incidents/IncidentStatusBadge.tsx';

const severities: Severity[] = ['high', 'medium', 'low', 'informational'];
const statuses: AlertStatus[] = ['needs_review', 'confirmed', 'dismissed', 'resolved'];

/** Counts that link to the alert queue filtered by the subject (and the severity or status). */
export function AlertCounts({
  subjectId,
  alerts,
}: {
  subjectId: number;
  alerts: NonNullable<SubjectSummary['alerts']>;
}) {
  const link = (label: string, n: number, search: { severity?: string; status?: string }) =>
    n === 0 ? (
      <Text size="sm" c="dimmed">
        {label} 0
      </Text>
    ) : (
      <Anchor
        size="sm"
        renderRoot={(props) => (
          <Link to="/alerts" search={{ subject: subjectId, ...search }} {...props} />
        )}
      >
        {label} {n}
      </Anchor>
    );
  return (
    <Paper withBorder p="sm" component="section" aria-label="Alerts">
      <Group justify="space-between" mb={6}>
        <Title order={2} size="h5">
          Alerts
        </Title>
        {alerts.total > 0 && (
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/alerts" search={{ subject: subjectId, status: 'all' }} {...props} />
            )}
          >
            All {alerts.total}
          </Anchor>
        )}
      </Group>
      {alerts.total === 0 ? (
        <Text size="sm" c="dimmed">
          No alert about this person.
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap="md">
            {severities.map((s) => (
              <span key={s}>
                {link(severityLabels[s], alerts.bySeverity[s] ?? 0, { severity: s, status: 'all' })}
              </span>
            ))}
          </Group>
          <Group gap="md">
            {statuses.map((s) => (
              <span key={s}>
                {link(alertStatusLabels[s], alerts.byStatus[s] ?? 0, { status: s })}
              </span>
            ))}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

export function IncidentList({
  incidents,
  empty,
}: {
  incidents: NonNullable<SubjectSummary['incidents']>;
  empty: string;
}) {
  return (
    <Paper withBorder p="sm" component="section" aria-label="Incidents">
      <Title order={2} size="h5" mb={6}>
        Incidents{incidents.total > 0 ? ` (${incidents.total})` : ''}
      </Title>
      {incidents.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Incidents list">
          <Table.Tbody>
            {incidents.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td w={90}>
                  <SeverityBadge severity={i.severity} />
                </Table.Td>
                <Table.Td>
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link to="/incidents/$id" params={{ id: String(i.id) }} {...props} />
                    )}
                  >
                    #{i.id} {i.title}
                  </Anchor>
                </Table.Td>
                <Table.Td w={90}>
                  <IncidentStatusBadge status={i.status} />
                </Table.Td>
                <Table.Td w={80}>
                  <Text size="sm">{i.alertCount} alerts</Text>
                </Table.Td>
                <Table.Td w={120}>
                  <WhenText iso={i.lastAlertAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {incidents.total > incidents.items.length && (
        <Text size="xs" c="dimmed" mt={4}>
          The {incidents.items.length} most recent of {incidents.total}.
        </Text>
      )}
    </Paper>
  );
}

export function CaseList({ cases }: { cases: SubjectSummary['cases'] }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label="Cases">
      <Title order={2} size="h5" mb={6}>
        Cases{cases.total > 0 ? ` (${cases.total})` : ''}
      </Title>
      {cases.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No case you can open is about this person.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Cases list">
          <Table.Tbody>
            {cases.items.map((c) => (
              <Table.Tr key={c.number}>
                <Table.Td>
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link to="/cases/$number" params={{ number: String(c.number) }} {...props} />
                    )}
                  >
                    #{c.number} {c.title}
                  </Anchor>
                </Table.Td>
                <Table.Td w={110}>
                  <StatusBadge status={c.status} />
                </Table.Td>
                <Table.Td w={80}>
                  {c.alertCount > 0 ? (
                    <Text size="sm">{c.alertCount} alerts</Text>
                  ) : (
                    <Badge variant="outline" color="gray" size="sm">
                      no alerts
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td w={120}>
                  <WhenText iso={c.updatedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {cases.total > cases.items.length && (
        <Text size="xs" c="dimmed" mt={4}>
          The {cases.items.length} most recently updated of {cases.total}.
        </Text>
      )}
    </Paper>
  );
}
