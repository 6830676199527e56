import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type DeliveryState, type WebhookSubscription } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';

const stateColors: Record<DeliveryState, string> = {
  pending: 'yellow',
  delivered: 'green',
  failed: 'red',
};

const replayWindows = [
  { value: '1', label: 'the last hour' },
  { value: '24', label: 'the last day' },
  { value: '168', label: 'the last week' },
];

/** The deliveries of one subscription: state, answer, attempts, and replay. */
export function WebhookDeliveries({ webhook }: { webhook: WebhookSubscription }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<'all' | DeliveryState>('all');
  const [hours, setHours] = useState('24');
  const key = ['webhooks', webhook.id, 'deliveries', state];
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.listWebhookDeliveries(webhook.id, state === 'all' ? undefined : state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const onSettled = () =>
    queryClient.invalidateQueries({ queryKey: ['webhooks', webhook.id, 'deliveries'] });
  const replay = useMutation({
    mutationFn: (deliveryId: number) => api.replayWebhookDelivery(webhook.id, deliveryId),
    onSettled,
  });
  const replayAll = useMutation({
    mutationFn: () =>
      api.replayWebhook(webhook.id, new Date(Date.now() - Number(hours) * 3_600_000).toISOString()),
    onSettled,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          Deliveries to {webhook.url}
        </Title>
        <SegmentedControl
          size="xs"
          value={state}
          onChange={(v) => setState(v)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'pending', label: 'Pending' },
            { value: 'delivered', label: 'Delivered' },
            { value: 'failed', label: 'Failed' },
          ]}
          aria-label="Show deliveries"
        />
      </Group>
      <Group gap="xs" align="flex-end">
        <Text size="sm">Send again every failed delivery of</Text>
        <Select
          size="xs"
          data={replayWindows}
          value={hours}
          onChange={(v) => v && setHours(v)}
          allowDeselect={false}
          w={150}
          aria-label="Failed deliveries since"
        />
        <Button
          size="xs"
          variant="light"
          loading={replayAll.isPending}
          onClick={() => replayAll.mutate()}
        >
          Replay failed
        </Button>
        {replayAll.data && (
          <Text size="sm" c="dimmed" role="status">
            {replayAll.data.replayed === 0
              ? 'No failed delivery in that time.'
              : `${replayAll.data.replayed} going out again.`}
          </Text>
        )}
      </Group>
      {replayAll.isError && <ErrorState error={replayAll.error} title="Nothing was replayed" />}
      {replay.isError && <ErrorState error={replay.error} title="The delivery was not replayed" />}
      <Paper withBorder>
        {list.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={state === 'all' ? 'No deliveries yet' : `No ${state} deliveries`}>
            Each change this webhook subscribes to appears here once it is sent.
          </EmptyState>
        ) : (
          <Table aria-label={`Deliveries to ${webhook.url}`} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last attempt</Table.Th>
                <Table.Th>Next attempt</Table.Th>
                <Table.Th w={90}>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm">{d.eventType}</Text>
                    <Text size="xs" c="dimmed">
                      {d.webhookId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColors[d.state]} variant="light">
                      {d.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.lastStatus ?? '—'}</Table.Td>
                  <Table.Td maw={320} style={{ wordBreak: 'break-word' }}>
                    {d.lastError ?? '—'}
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{d.lastAttemptAt ? formatWhen(d.lastAttemptAt) : '—'}</Table.Td>
                  <Table.Td>
                    {d.state === 'pending' && d.nextAttemptAt ? formatWhen(d.nextAttemptAt) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Replay delivery ${d.webhookId}`}
                      loading={replay.isPending && replay.variables === d.id}
                      onClick={() => replay.mutate(d.id)}
                    >
                      Replay
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {list.hasNextPage && (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            Show older deliveries
          </Button>
        </Group>
      )}
    </Stack>
  );
}
