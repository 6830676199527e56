import { Anchor, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState } from '../components/ErrorState.tsx';
import type { ActivitySearch } from '../features/activity/activity-search.ts';
import { SubjectActivity } from '../features/activity/SubjectActivity.tsx';
import { SubjectCard } from '../features/subjects/SubjectCard.tsx';
import { AlertCounts, CaseList, IncidentList } from '../features/subjects/SubjectSummaryPanels.tsx';
import { useSubject, useSubjectSummary } from '../features/subjects/useSubjects.ts';

const route = getRouteApi('/app/subjects/$id');

/** One person's profile: identity and risk, their alerts, incidents and the cases about them. */
export function SubjectPage() {
  const id = Number(route.useParams().id);
  const subject = useSubject(id);
  const summary = useSubjectSummary(id);
  // The timeline's window and filters live on the page (its own page keeps them in the address).
  const [activity, setActivity] = useState<ActivitySearch>({});
  if (subject.isError)
    return (
      <ErrorState
        error={subject.error}
        title="The subject could not be loaded"
        onRetry={() => void subject.refetch()}
      />
    );
  if (!subject.data)
    return (
      <Group justify="center" py="xl">
        <Loader size="sm" />
        <Text c="dimmed">Loading the subject…</Text>
      </Group>
    );
  const s = subject.data;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Anchor component={Link} to="/subjects" size="sm">
          Subjects
        </Anchor>
        <Text size="sm" c="dimmed">
          /
        </Text>
      </Group>
      <Title order={1} size="h3">
        {s.name}
      </Title>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SubjectCard subject={s} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {summary.isError ? (
            <ErrorState
              error={summary.error}
              title="The alerts and cases about this person could not be loaded"
              onRetry={() => void summary.refetch()}
            />
          ) : !summary.data ? (
            <Loader size="sm" aria-label="Loading the summary" />
          ) : (
            <Stack gap="sm">
              {summary.data.alerts && <AlertCounts subjectId={id} alerts={summary.data.alerts} />}
              {summary.data.incidents && (
                <IncidentList
                  incidents={summary.data.incidents}
                  empty="No incident holds an alert about this person."
                />
              )}
              <CaseList cases={summary.data.cases} />
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      <Group justify="space-between" mt="sm">
        <Title order={2} size="h4">
          Activity
        </Title>
        <Anchor
          size="sm"
          renderRoot={(p) => (
            <Link
              to="/subjects/$id/activity"
              params={{ id: String(id) }}
              search={activity}
              {...p}
            />
          )}
        >
          Open on its own page
        </Anchor>
      </Group>
      <SubjectActivity
        subjectId={id}
        search={activity}
        onChange={(patch) => setActivity((prev) => ({ ...prev, ...patch }))}
      />
    </Stack>
  );
}
