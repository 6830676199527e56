import { ActionIcon, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { UploadEntry } from './upload-queue.ts';
import { formatBytes } from './evidence-format.ts';

const stateText = (e: UploadEntry): string => {
  switch (e.state) {
    case 'waiting':
      return 'Waiting';
    case 'sending':
      return e.sent >= e.size
        ? 'Hashing and storing…'
        : `${formatBytes(e.sent)} of ${formatBytes(e.size)}`;
    case 'done':
      return 'Added';
    case 'failed':
      return 'Not added';
    case 'cancelled':
      return 'Cancelled';
  }
};

const colors = { waiting: 'gray', sending: 'blue', done: 'teal', failed: 'red', cancelled: 'gray' };

/** Each file being added, with its own progress and outcome. */
export function UploadList({
  entries,
  onCancel,
  onClear,
}: {
  entries: UploadEntry[];
  onCancel: (key: number) => void;
  onClear: () => void;
}) {
  if (entries.length === 0) return null;
  const finished = entries.some((e) => e.state !== 'waiting' && e.state !== 'sending');
  return (
    <Stack gap={4}>
      <Stack
        gap={6}
        component="ul"
        aria-label="Uploads"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {entries.map((e) => {
          const percent = e.size === 0 ? 100 : Math.min(100, Math.round((e.sent / e.size) * 100));
          const active = e.state === 'waiting' || e.state === 'sending';
          return (
            <li key={e.key} aria-label={e.name}>
              <Group gap="xs" wrap="nowrap">
                <Text
                  size="sm"
                  dir="auto"
                  className="evidence-ellipsis"
                  style={{ flex: 1 }}
                  title={e.name}
                >
                  {e.name}
                </Text>
                <Text
                  size="xs"
                  c={e.state === 'failed' ? 'red' : 'dimmed'}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {stateText(e)}
                </Text>
                {active && (
                  <Tooltip label="Cancel this upload">
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={`Cancel the upload of ${e.name}`}
                      onClick={() => onCancel(e.key)}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <Progress
                size="sm"
                value={e.state === 'done' ? 100 : percent}
                color={colors[e.state]}
                animated={e.state === 'sending' && e.sent >= e.size}
                aria-label={`Upload of ${e.name}`}
              />
              {e.error && e.state === 'failed' && (
                <Text size="xs" c="red" role="alert" mt={2}>
                  {e.error}
                </Text>
              )}
            </li>
          );
        })}
      </Stack>
      {finished && (
        <Group justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={onClear}>
            Clear finished
          </Button>
        </Group>
      )}
    </Stack>
  );
}
