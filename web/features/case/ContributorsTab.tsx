import { Button, Group, Loader, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useAccounts } from '../session/useWorkspaceData.ts';
import { useCaseRefresh, useFailureNotice } from './useCase.ts';
import { contributorsKey } from '../../query-keys.ts';

export function ContributorsTab({ number, canManage }: { number: number; canManage: boolean }) {
  const queryClient = useQueryClient();
  const refresh = useCaseRefresh(number);
  const fail = useFailureNotice(number);
  const key = contributorsKey(number);
  const list = useQuery({ queryKey: key, queryFn: () => api.listContributors(number) });
  const accounts = useAccounts();
  const [pick, setPick] = useState<string | null>(null);
  const onSettled = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    await refresh();
  };
  const add = useMutation({
    mutationFn: (id: number) => api.addContributor(number, id),
    onSuccess: () => setPick(null),
    onSettled,
    onError: fail('The contributor was not added'),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.removeContributor(number, id),
    onSettled,
    onError: fail('The contributor was not removed'),
  });
  const present = new Set((list.data?.items ?? []).map((c) => c.account.id));
  // Integration and disabled accounts cannot contribute: the server says which can.
  const options = (accounts.data?.items ?? [])
    .filter((a) => a.canContribute && !present.has(a.id))
    .map((a) => ({ value: String(a.id), label: `${a.name} (${a.email})` }));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Contributors may view this case and comment on it, nothing else: invite an HR partner or
        legal counsel into one investigation.
      </Text>
      {canManage && (
        <Group gap="xs" align="flex-end">
          <Select
            label="Add a contributor"
            placeholder="Choose an account"
            data={options}
            value={pick}
            onChange={setPick}
            searchable
            w={320}
            nothingFoundMessage="No other account"
          />
          <Button
            disabled={!pick}
            loading={add.isPending}
            onClick={() => pick && add.mutate(Number(pick))}
          >
            Add
          </Button>
        </Group>
      )}
      <Paper withBorder>
        {list.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No contributors">Only workspace members can see this case.</EmptyState>
        ) : (
          <Table aria-label="Contributors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Added</Table.Th>
                {canManage && (
                  <Table.Th w={100}>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.account.id}>
                  <Table.Td>{c.account.name}</Table.Td>
                  <Table.Td>{c.account.email}</Table.Td>
                  <Table.Td>
                    {formatWhen(c.addedAt)}
                    {c.addedBy ? ` by ${c.addedBy.name}` : ''}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-xs"
                        aria-label={`Remove ${c.account.name}`}
                        loading={remove.isPending && remove.variables === c.account.id}
                        onClick={() => remove.mutate(c.account.id)}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
