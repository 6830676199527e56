import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';

export interface PickableColumn {
  key: string;
  label: string;
}

/**
 * The keys of the columns to show, in order, from a comma-separated URL value; unknown keys
 * are dropped, and nothing usable gives the defaults.
 */
export function shownColumnKeys(
  cols: string | undefined,
  all: readonly PickableColumn[],
  defaults: readonly string[],
): string[] {
  const keys = (cols ? cols.split(',') : defaults).filter((k) => all.some((c) => c.key === k));
  return keys.length > 0 ? keys : [...defaults];
}

/** Choose and order a table's columns; `undefined` stands for the defaults. */
export function ColumnPicker({
  cols,
  onChange,
  all,
  defaults,
}: {
  cols: string | undefined;
  onChange: (cols: string | undefined) => void;
  all: readonly PickableColumn[];
  defaults: readonly string[];
}) {
  const current = shownColumnKeys(cols, all, defaults);
  const rest = all.map((c) => c.key).filter((k) => !current.includes(k));
  const set = (keys: string[]) => {
    const joined = keys.join(',');
    onChange(joined === defaults.join(',') ? undefined : joined);
  };
  const move = (i: number, d: number) => {
    const next = [...current];
    const [k] = next.splice(i, 1);
    if (k) next.splice(i + d, 0, k);
    set(next);
  };
  const label = (k: string) => all.find((c) => c.key === k)?.label ?? k;
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
