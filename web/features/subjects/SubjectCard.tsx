import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError, type Subject, type SubjectRisk } from '../../api.ts';
import { formatDay } from '../../components/dates.ts';
import { WhenText } from '../../components/WhenText.tsx';
import { RiskSparkline } from './RiskSparkline.tsx';
import { useSubject, useSubjectRisk } from './useSubjects.ts';

/** The colour of a risk score: the bands an investigator reads at a glance. */
export const riskColor = (score: number) =>
  score >= 70 ? 'red' : score >= 40 ? 'orange' : score > 0 ? 'yellow' : 'gray';

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

function Identity({ s }: { s: Subject }) {
  const rows: [string, ReactNode][] = [
    ['E-mail / UPN', s.email],
    ['Department', s.department ?? dash],
    ['Job title', s.jobTitle ?? dash],
    [
      'Manager',
      s.managerSubject ? (
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link to="/subjects/$id" params={{ id: String(s.managerSubject!.id) }} {...props} />
          )}
        >
          {s.managerSubject.name}
        </Anchor>
      ) : (
        (s.manager ?? dash)
      ),
    ],
    ['Alerts', s.alertCount === 0 ? 'None' : `${s.alertCount}, highest risk ${s.riskScore}`],
    ['Last activity', s.lastActivityAt ? <WhenText iso={s.lastActivityAt} /> : 'None recorded'],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={110} fw={500} c="dimmed">
              {k}
            </Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Risk({ risk }: { risk: SubjectRisk }) {
  const c = risk.contributor;
  return (
    <Stack gap={4}>
      <Group gap="sm" align="center" wrap="nowrap">
        <Badge size="lg" color={riskColor(risk.score)} variant="filled" aria-label="Risk score now">
          {risk.score}
        </Badge>
        <RiskSparkline history={risk.history} />
      </Group>
      {c ? (
        <Text size="xs" c="dimmed">
          From {formatDay(`${c.day}T12:00:00Z`)}: {c.category} at {c.maxScore}
          {c.weight < 1 ? `, weighted ${c.weight}` : ''}
          {c.topIndicators.length > 0 &&
            ` · ${c.topIndicators
              .slice(0, 3)
              .map((i) => `${i.name} (${i.count})`)
              .join(', ')}`}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          No scored activity in the last 30 days.
        </Text>
      )}
    </Stack>
  );
}

/**
 * A subject at a glance: identity, manager (a link when the manager is a subject), the activity
 * risk score now with its 90-day trend and what explains it. `titleLink` makes the name a link
 * to the profile (the case overview). Those who may not read subjects see the name and e-mail.
 */
export function SubjectCard({
  subject,
  titleLink = false,
  readable = true,
}: {
  subject: { id: number; name: string; email: string };
  titleLink?: boolean;
  /** False for those whose role reads no subjects (guests): only the name and e-mail show. */
  readable?: boolean;
}) {
  const record = useSubject(subject.id, readable);
  const refused =
    !readable || (record.error instanceof ApiError && record.error.code === 'forbidden');
  const risk = useSubjectRisk(subject.id, !refused);
  const name = titleLink ? (
    <Anchor
      renderRoot={(props) => (
        <Link to="/subjects/$id" params={{ id: String(subject.id) }} {...props} />
      )}
    >
      {subject.name}
    </Anchor>
  ) : (
    subject.name
  );
  return (
    <Paper withBorder p="sm" aria-label={`Subject ${subject.name}`} component="section">
      <Stack gap={6}>
        <Title order={2} size="h5">
          {name}
        </Title>
        {refused ? (
          <Text size="sm" c="dimmed">
            {subject.email}. Your role does not show more about the people cases are about.
          </Text>
        ) : record.isError ? (
          <Text size="sm" c="red">
            The subject could not be loaded.
          </Text>
        ) : record.data ? (
          <>
            {risk.data && <Risk risk={risk.data} />}
            <Identity s={record.data} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
