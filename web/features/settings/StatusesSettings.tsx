import {
  ActionIcon,
  Badge,
  Button,
  ColorInput,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useState } from 'react';
import { api, ApiError, type CaseStatus } from '../../api.ts';
import { errorMessage, ErrorState, nextStep } from '../../components/ErrorState.tsx';
import { categoryLabels } from '../../components/labels.ts';
import { statusesKey } from '../../query-keys.ts';
import { useStatuses } from '../session/useWorkspaceData.ts';

type Category = CaseStatus['category'];

/**
 * A refused change (a 4xx) is told by the server's own reason, which names the status and what
 * to do; other failures get the general next step too.
 */
const refusalOf = (e: unknown): string =>
  e instanceof ApiError && e.status >= 400 && e.status < 500 && e.code !== 'unauthenticated'
    ? errorMessage(e)
    : `${errorMessage(e)} ${nextStep(e)}`;
const categoryOptions = (Object.keys(categoryLabels) as Category[]).map((value) => ({
  value,
  label: categoryLabels[value],
}));

function StatusRow({
  s,
  prev,
  next,
  canEdit,
}: {
  s: CaseStatus;
  prev?: CaseStatus;
  next?: CaseStatus;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(s.name);
  const update = useMutation({
    mutationFn: (v: { id: number; body: Parameters<typeof api.updateStatus>[1] }) =>
      api.updateStatus(v.id, v.body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: statusesKey }),
    onError: (e) => {
      setName(s.name);
      notifications.show({
        color: 'red',
        title: `“${s.name}” was not changed`,
        message: refusalOf(e),
      });
    },
  });
  const set = (body: Parameters<typeof api.updateStatus>[1]) => update.mutate({ id: s.id, body });
  const swap = async (other: CaseStatus) => {
    // Orders may tie; give both distinct values around the other's position.
    const a = other.order;
    const b = s.order === a ? a + (other === prev ? 1 : -1) : s.order;
    try {
      await update.mutateAsync({ id: s.id, body: { order: Math.max(0, a) } });
      await update.mutateAsync({ id: other.id, body: { order: Math.max(0, b) } });
    } catch {
      // Told by the mutation's onError; the list is reloaded either way.
    }
  };
  if (!canEdit)
    return (
      <Table.Tr>
        <Table.Td>
          <Badge variant="dot" color={s.color}>
            {s.name}
          </Badge>
        </Table.Td>
        <Table.Td>{categoryLabels[s.category]}</Table.Td>
        <Table.Td>{s.isDefault ? 'Default' : ''}</Table.Td>
        <Table.Td>{s.retired ? 'Retired' : 'In use'}</Table.Td>
      </Table.Tr>
    );
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={`Move ${s.name} up`}
            disabled={!prev || update.isPending}
            onClick={() => prev && void swap(prev)}
          >
            <IconArrowUp size={12} />
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={`Move ${s.name} down`}
            disabled={!next || update.isPending}
            onClick={() => next && void swap(next)}
          >
            <IconArrowDown size={12} />
          </ActionIcon>
        </Group>
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`Name of status ${s.name}`}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name.trim() && name !== s.name && set({ name })}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && name !== s.name && set({ name })}
        />
      </Table.Td>
      <Table.Td w={130}>
        <Select
          aria-label={`Category of ${s.name}`}
          data={categoryOptions}
          value={s.category}
          allowDeselect={false}
          onChange={(v) => v && v !== s.category && set({ category: v })}
        />
      </Table.Td>
      <Table.Td w={140}>
        <ColorInput
          withEyeDropper={false}
          size="xs"
          aria-label={`Colour of ${s.name}`}
          format="hex"
          value={s.color}
          onChangeEnd={(v) => v !== s.color && set({ color: v })}
        />
      </Table.Td>
      <Table.Td w={120}>
        {s.isDefault ? (
          <Badge size="sm">Default</Badge>
        ) : (
          // Offered only where the server would accept it (not retired, not a closed status).
          s.access.canMakeDefault && (
            <Button size="compact-xs" variant="subtle" onClick={() => set({ isDefault: true })}>
              Make default
            </Button>
          )
        )}
      </Table.Td>
      <Table.Td w={110}>
        <Switch
          size="xs"
          label="Retired"
          checked={s.retired}
          disabled={!s.retired && !s.access.canRetire}
          onChange={(e) => set({ retired: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}

export function StatusesSettings({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const statuses = useStatuses();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Category>('active');
  const create = useMutation({
    mutationFn: () => api.createStatus({ name, category }),
    onSuccess: () => setName(''),
    onSettled: () => queryClient.invalidateQueries({ queryKey: statusesKey }),
  });
  const items = statuses.data?.items ?? [];
  return (
    <Stack gap="sm" maw={900}>
      <Text size="sm" c="dimmed">
        The workflow of a case. Each status belongs to a category: the queue groups cases by New,
        Active and Closed. A status in use is never deleted: retire it and it stays on old cases but
        can no longer be chosen.
        {!canEdit && ' Only accounts allowed to customize statuses can change them.'}
      </Text>
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput
              label="New status"
              placeholder="e.g. Awaiting HR"
              maxLength={60}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label="Category"
              data={categoryOptions}
              value={category}
              w={130}
              allowDeselect={false}
              onChange={(v) => v && setCategory(v)}
            />
            <Button type="submit" disabled={!name.trim()} loading={create.isPending}>
              Add status
            </Button>
          </Group>
        </form>
      )}
      {create.isError && <ErrorState error={create.error} title="The status was not added" />}
      <Paper withBorder>
        {statuses.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : statuses.isError ? (
          <ErrorState error={statuses.error} onRetry={() => void statuses.refetch()} />
        ) : (
          <Table aria-label="Case statuses">
            <Table.Thead>
              <Table.Tr>
                {canEdit ? (
                  <>
                    <Table.Th w={60}>Order</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th>Colour</Table.Th>
                    <Table.Th>Default</Table.Th>
                    <Table.Th>Retired</Table.Th>
                  </>
                ) : (
                  <>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th>Default</Table.Th>
                    <Table.Th>State</Table.Th>
                  </>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s, i) => (
                <StatusRow
                  key={`${s.id}-${s.updatedAt}`}
                  s={s}
                  prev={items[i - 1]}
                  next={items[i + 1]}
                  canEdit={canEdit}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
