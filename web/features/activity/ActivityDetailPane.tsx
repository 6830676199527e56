import { Button, Code, Drawer, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { ErrorState } from '../../components/ErrorState.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { useActivityEvent, useReviewEvents } from './useActivityEvents.ts';

/**
 * One event's every field and its raw payload. The payload is shown as JSON text in a code
 * block, never as HTML: a sensor's payload is untrusted input.
 */
export function ActivityDetailPane(props: {
  subjectId: number;
  id: number | undefined;
  onClose: () => void;
}) {
  const event = useActivityEvent(props.id);
  const review = useReviewEvents(props.subjectId);
  const e = event.data;
  const rows: Array<[string, string]> = e
    ? [
        ['Occurred', e.occurredAt],
        ['Received', e.receivedAt],
        ['Category', e.category],
        ['Activity type', e.activityType],
        ['Risk score', String(e.riskScore)],
        ['Indicators', e.indicators.map((i) => `${i.name} (${i.score})`).join(', ') || '—'],
        ['Object', e.objectName ?? '—'],
        ['Sensitivity label', e.sensitivityLabel ?? '—'],
        ['Sequence', e.sequenceId ?? '—'],
        ['Alert', e.alertId === null ? '—' : `#${e.alertId}`],
        ['Source', e.source],
        ['External id', e.externalId],
        [
          'Reviewed',
          e.reviewedBy ? `by ${e.reviewedBy.name} at ${e.reviewedAt ?? ''}` : 'not reviewed',
        ],
      ]
    : [];
  return (
    <Drawer
      opened={props.id !== undefined}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={e ? `${e.activityType} · event ${e.id}` : 'Activity event'}
    >
      {event.isError ? (
        <ErrorState error={event.error} title="The event could not be loaded" />
      ) : !e ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          {e.access.canReview && (
            <Group>
              <Button
                size="xs"
                variant={e.reviewedAt ? 'default' : 'filled'}
                loading={review.isPending}
                onClick={() => review.mutate({ ids: [e.id], reviewed: !e.reviewedAt })}
              >
                {e.reviewedAt ? 'Mark unreviewed' : 'Mark reviewed'}
              </Button>
              {review.isError && (
                <Text size="xs" c="red">
                  {errorMessage(review.error)}
                </Text>
              )}
            </Group>
          )}
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w={150}>{k}</Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>
            Object
          </Text>
          <Code block>{JSON.stringify(e.object, null, 2)}</Code>
          <Text size="sm" fw={600}>
            Raw payload
          </Text>
          <Code block aria-label="Raw payload">
            {JSON.stringify(e.payload, null, 2)}
          </Code>
        </Stack>
      )}
    </Drawer>
  );
}
