import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { api } from '../api.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import type { ActivitySearch } from '../features/activity/activity-search.ts';
import { SubjectActivity } from '../features/activity/SubjectActivity.tsx';

const route = getRouteApi('/app/subjects/$id/activity');

/** A subject's activity timeline and explorer; `?case=N` offers that case's scope. */
export function SubjectActivityPage() {
  const { id } = route.useParams();
  const subjectId = Number(id);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const subject = useQuery({
    queryKey: ['subject', subjectId],
    queryFn: () => api.getSubject(subjectId),
    enabled: Number.isSafeInteger(subjectId) && subjectId > 0,
  });
  const { case: caseNumber, ...activity } = search;
  const onChange = (patch: Partial<ActivitySearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: !('event' in patch) });

  if (subject.isError)
    return <ErrorState error={subject.error} title="The subject could not be loaded" />;
  return (
    <Stack gap="md" p="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{subject.data ? subject.data.name : 'Subject'} · activity</Title>
          {subject.data && (
            <Text size="sm" c="dimmed">
              {[subject.data.email, subject.data.department, subject.data.jobTitle]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          )}
        </div>
        {caseNumber !== undefined && (
          <Anchor
            renderRoot={(props) => (
              <Link to="/cases/$number" params={{ number: String(caseNumber) }} {...props} />
            )}
          >
            Back to case {caseNumber}
          </Anchor>
        )}
      </Group>
      <SubjectActivity
        subjectId={subjectId}
        caseNumber={caseNumber}
        search={activity}
        onChange={onChange}
      />
    </Stack>
  );
}
