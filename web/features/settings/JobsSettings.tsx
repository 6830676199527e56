import {
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Job, type JobState } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';

type Show = 'failing' | 'all';
const statesOf: Record<Show, JobState[]> = { failing: ['failed', 'dead'], all: [] };

const stateColor: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'orange',
  dead: 'red',
};
const stateLabel: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failing',
  dead: 'Dead',
};

/** When the job runs next, or when it ended. */
function when(job: Job): string {
  if (job.state === 'failed') return `Next attempt ${formatWhen(job.runAt)}`;
  if (job.state === 'queued') return `Due ${formatWhen(job.runAt)}`;
  if (job.finishedAt)
    return `${job.state === 'dead' ? 'Gave up' : 'Finished'} ${formatWhen(job.finishedAt)}`;
  return `Since ${formatWhen(job.updatedAt)}`;
}

export function JobsSettings() {
  const queryClient = useQueryClient();
  const [show, setShow] = useState<Show>('failing');
  const key = ['jobs', show];
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.listJobs({ state: statesOf[show], cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const retry = useMutation({
    mutationFn: api.retryJob,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const jobs = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" maw={1100}>
      <Text size="sm" c="dimmed">
        Work the server does in the background: webhook deliveries, audit anchors, sweeps. A failing
        job is retried by itself, waiting longer each time; a dead one ran out of attempts and waits
        for you. Retry it once its cause is fixed.
      </Text>
      <SegmentedControl
        w={320}
        value={show}
        onChange={(v) => setShow(v)}
        data={[
          { value: 'failing', label: 'Failing and dead' },
          { value: 'all', label: 'All jobs' },
        ]}
        aria-label="Which jobs"
      />
      {retry.isError && <ErrorState error={retry.error} title="The job was not retried" />}
      <Paper withBorder>
        {list.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : jobs.length === 0 ? (
          <EmptyState title={show === 'failing' ? 'No failing jobs' : 'No jobs yet'}>
            {show === 'failing'
              ? 'Every background job ran or is waiting its turn.'
              : 'Jobs appear here as the server schedules its duties.'}
          </EmptyState>
        ) : (
          <Table aria-label="Background jobs" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Job</Table.Th>
                <Table.Th w={110}>State</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th w={90}>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.map((j) => (
                <Table.Tr key={j.id}>
                  <Table.Td>
                    <Code>{j.type}</Code>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      #{j.id} · {j.idempotencyKey}
                      {j.system ? ' · server duty' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[j.state]} variant="light">
                      {stateLabel[j.state]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {j.attempts} of {j.maxAttempts}
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {j.lastError ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{when(j)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {(j.state === 'failed' || j.state === 'dead') && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        aria-label={`Retry job ${j.id} (${j.type})`}
                        loading={retry.isPending && retry.variables === j.id}
                        onClick={() => retry.mutate(j.id)}
                      >
                        Retry
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
