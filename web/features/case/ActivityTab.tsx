import { Button, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { IconMessage, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { api, type ActivityItem } from '../../api.ts';
import { formatFull, formatWhen } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { auditSentences } from './audit-sentence.ts';
import { CommentBox } from './CommentBox.tsx';
import { Markdown } from './Markdown.tsx';
import { activityKey } from '../../query-keys.ts';

type Kind = 'all' | 'comment' | 'audit';

function Item({ item }: { item: ActivityItem }) {
  const when = (
    <Text span size="xs" c="dimmed" title={formatFull(item.at)}>
      {formatWhen(item.at)}
    </Text>
  );
  if (item.kind === 'comment')
    return (
      <Paper withBorder p="xs">
        <Group gap={6} mb={4}>
          <IconMessage size={14} aria-hidden />
          <Text size="sm" fw={600}>
            {item.author?.name ?? 'Someone'}
          </Text>
          {when}
        </Group>
        {item.format === 'markdown' ? (
          <Markdown source={item.body} />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {item.body}
          </Text>
        )}
      </Paper>
    );
  return (
    <Group gap={6} px="xs" wrap="nowrap" align="flex-start">
      <IconHistory size={14} aria-hidden style={{ marginTop: 3, flex: 'none' }} />
      <div>
        {auditSentences(item).map((s, i) => (
          <Text key={i} size="sm" style={{ wordBreak: 'break-word' }}>
            {s}
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          by {item.actor.name}, {formatWhen(item.at)}
        </Text>
      </div>
    </Group>
  );
}

export function ActivityTab({ number, canComment }: { number: number; canComment: boolean }) {
  const [kind, setKind] = useState<Kind>('all');
  const activity = useInfiniteQuery({
    queryKey: [...activityKey(number), kind],
    queryFn: ({ pageParam }) => api.listActivity(number, kind, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      {canComment && <CommentBox number={number} />}
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          aria-label="Show"
          value={kind}
          onChange={(v) => setKind(v)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'comment', label: 'Comments' },
            { value: 'audit', label: 'Changes' },
          ]}
        />
        {activity.isFetching && <Loader size="xs" aria-label="Loading activity" />}
      </Group>
      {activity.isPending ? (
        <Group justify="center" py="lg">
          <Loader size="sm" />
          <Text c="dimmed">Loading activity…</Text>
        </Group>
      ) : activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={kind === 'comment' ? 'No comments yet' : 'Nothing recorded yet'} />
      ) : (
        <Stack
          gap="xs"
          component="ol"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Activity, newest first"
        >
          {items.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <Item item={item} />
            </li>
          ))}
        </Stack>
      )}
      {activity.hasNextPage && (
        <Button
          variant="default"
          loading={activity.isFetchingNextPage}
          onClick={() => void activity.fetchNextPage()}
        >
          Show older
        </Button>
      )}
    </Stack>
  );
}
