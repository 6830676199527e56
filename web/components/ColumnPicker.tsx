import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { columns, defaultColumnKeys, pickColumns } from './columns.tsx';

/** Choose and order the dashboard columns. */
export function ColumnPicker({
  cols,
  onChange,
}: {
  cols: string | undefined;
  onChange: (cols: string | undefined) => void;
}) {
  const current = pickColumns(cols).map((c) => c.key);
  const rest = columns.map((c) => c.key).filter((k) => !current.includes(k));
  const set = (keys: string[]) => {
    const joined = keys.join(',');
    onChange(joined === defaultColumnKeys.join(',') ? undefined : joined);
  };
  const move = (i: number, d: number) => {
    const next = [...current];
    const [k] = next.splice(i, 1);
    if (k) next.splice(i + d, 0, k);
    set(next);
  };
  const label = (k: string) => columns.find((c) => c.key === k)?.label ?? k;
  return (
    <Popover position="bottom-end" shadow="md" width={240} trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={14} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Shown, in order
          </Text>
          {current.map((k, i) => (
            <Group key={k} justify="space-between" wrap="nowrap">
              <Checkbox
                size="xs"
                label={label(k)}
                checked
                disabled={current.length === 1}
                onChange={() => set(current.filter((x) => x !== k))}
              />
              <Group gap={2}>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  aria-label={`Move ${label(k)} left`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <IconArrowUp size={12} />
                </ActionIcon>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  aria-label={`Move ${label(k)} right`}
                  disabled={i === current.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={12} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
          {rest.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              Hidden
            </Text>
          )}
          {rest.map((k) => (
            <Checkbox
              key={k}
              size="xs"
              label={label(k)}
              checked={false}
              onChange={() => set([...current, k])}
            />
          ))}
          <Button variant="subtle" size="compact-xs" mt={4} onClick={() => onChange(undefined)}>
            Reset to default
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
