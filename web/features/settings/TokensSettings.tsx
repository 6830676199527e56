import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CreatedToken, type TokenScope } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';

const scopeLabels: Record<TokenScope, string> = {
  full: 'Everything your role may',
  read: 'Only read',
  ingest: 'Only send alerts',
};
const scopeOptions = (Object.keys(scopeLabels) as TokenScope[]).map((value) => ({
  value,
  label: scopeLabels[value],
}));
const expiryOptions = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never' },
];

export function TokensSettings() {
  const queryClient = useQueryClient();
  const key = ['tokens'];
  const list = useQuery({ queryKey: key, queryFn: api.listTokens });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('full');
  const [days, setDays] = useState('never');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const onSettled = () => queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: () =>
      api.createToken({
        name,
        scope,
        ...(days === 'never' ? {} : { expiresInDays: Number(days) }),
      }),
    onSuccess: (t) => {
      setCreated(t);
      setName('');
    },
    onSettled,
  });
  const revoke = useMutation({ mutationFn: api.revokeToken, onSettled });
  return (
    <Stack gap="sm" maw={820}>
      <Text size="sm" c="dimmed">
        API tokens let scripts and integrations act as you: with your role, only its reading, or
        only sending alerts. Keep them secret; give them an end date, and revoke one you no longer
        use.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            label="New token name"
            placeholder="e.g. SIEM connector"
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={260}
          />
          <Select
            label="May"
            data={scopeOptions}
            value={scope}
            onChange={(v) => v && setScope(v)}
            allowDeselect={false}
            w={230}
          />
          <Select
            label="Expires"
            data={expiryOptions}
            value={days}
            onChange={(v) => v && setDays(v)}
            allowDeselect={false}
            w={150}
          />
          <Button type="submit" disabled={!name.trim()} loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
      {create.isError && <ErrorState error={create.error} title="The token was not created" />}
      {created && (
        <Alert
          color="green"
          variant="light"
          title={`Token “${created.name}” created`}
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Text size="sm" mb={6}>
            Copy it now: it is shown this once and never again.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ wordBreak: 'break-all' }}>{created.token}</Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Paper withBorder>
        {list.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No API tokens">
            Create one above when an integration needs to reach Casefile.
          </EmptyState>
        ) : (
          <Table aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Starts with</Table.Th>
                <Table.Th>May</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th w={90}>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td>
                    <Code>{t.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{scopeLabels[t.scope]}</Table.Td>
                  <Table.Td>{formatWhen(t.createdAt)}</Table.Td>
                  <Table.Td>{t.expiresAt ? formatWhen(t.expiresAt) : 'Never'}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? formatWhen(t.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Revoke token ${t.name}`}
                      loading={revoke.isPending && revoke.variables === t.id}
                      onClick={() =>
                        window.confirm(
                          `Revoke the token “${t.name}”? Integrations using it stop working.`,
                        ) && revoke.mutate(t.id)
                      }
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
