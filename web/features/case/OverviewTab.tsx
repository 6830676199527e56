import { Anchor, Grid, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { CaseDetail } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { classificationLabels } from '../../components/labels.ts';
import { useCaseLinks } from '../alerts/useAlerts.ts';
import { SubjectCard } from '../subjects/SubjectCard.tsx';
import { IncidentList } from '../subjects/SubjectSummaryPanels.tsx';
import { CaseAlertSummary } from './CaseAlertSummary.tsx';
import { CaseDescription } from './CaseDescription.tsx';

/** The case's subject, its alerts counted and its linked incidents (for those who see alerts). */
function Investigation(props: { c: CaseDetail; seesAlerts: boolean; readsSubjects: boolean }) {
  const { c, seesAlerts } = props;
  const links = useCaseLinks(c.number, seesAlerts);
  return (
    <Stack gap="sm">
      {c.subject ? (
        <>
          <SubjectCard
            subject={c.subject}
            titleLink={props.readsSubjects}
            readable={props.readsSubjects}
          />
          {props.readsSubjects && (
            <Anchor
              size="sm"
              renderRoot={(p) => (
                <Link
                  to="/subjects/$id/activity"
                  params={{ id: String(c.subject!.id) }}
                  search={{ case: c.number, scope: 'case' }}
                  {...p}
                />
              )}
            >
              Activity timeline of this case&apos;s alerts
            </Anchor>
          )}
        </>
      ) : (
        <Paper withBorder p="sm" component="section" aria-label="Subject">
          <Title order={2} size="h5" mb={6}>
            Subject
          </Title>
          <Text size="sm" c="dimmed">
            This case is about no one in particular.
            {c.access.canEdit ? ' Choose its subject above.' : ''}
          </Text>
        </Paper>
      )}
      {seesAlerts && <CaseAlertSummary number={c.number} />}
      {seesAlerts && links.data && (
        <IncidentList
          incidents={{ total: links.data.incidents.length, items: links.data.incidents }}
          empty="No incident is linked to this case."
        />
      )}
    </Stack>
  );
}

export function OverviewTab({
  c,
  seesAlerts,
  readsSubjects,
}: {
  c: CaseDetail;
  seesAlerts: boolean;
  readsSubjects: boolean;
}) {
  const done = c.taskCounts.total - c.taskCounts.open;
  const rows: [string, string][] = [
    ['Opened', `${formatWhen(c.createdAt)}${c.createdBy ? ` by ${c.createdBy.name}` : ''}`],
    ['Last updated', `${formatWhen(c.updatedAt)}${c.updatedBy ? ` by ${c.updatedBy.name}` : ''}`],
    ['Comments', String(c.commentCount)],
  ];
  if (c.resolution)
    rows.push(
      ['Resolution', classificationLabels[c.resolution.classification]],
      ['Resolution reason', c.resolution.reason],
    );
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <CaseDescription c={c} />
          <Investigation c={c} seesAlerts={seesAlerts} readsSubjects={readsSubjects} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="sm">
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb={6}>
              Task progress
            </Title>
            {c.taskCounts.total === 0 ? (
              <Text size="sm" c="dimmed">
                No tasks yet.
              </Text>
            ) : (
              <>
                <Progress
                  value={(done / c.taskCounts.total) * 100}
                  aria-label={`${done} of ${c.taskCounts.total} tasks closed`}
                  mb={4}
                />
                <Text size="sm">
                  {done} of {c.taskCounts.total} tasks closed, {c.taskCounts.open} open
                </Text>
              </>
            )}
          </Paper>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb={6}>
              Details
            </Title>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {rows.map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Th w={120} fw={500} c="dimmed">
                      {k}
                    </Table.Th>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
