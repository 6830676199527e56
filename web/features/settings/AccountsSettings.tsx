import {
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, type Account } from '../../api.ts';
import { errorMessage, ErrorState, nextStep } from '../../components/ErrorState.tsx';
import { accountsKey } from '../../query-keys.ts';
import { useAccounts } from '../session/useWorkspaceData.ts';
import { SetPasswordDialog } from './SetPasswordDialog.tsx';

function NewAccountDialog({
  roles,
  onClose,
}: {
  roles: { value: string; label: string }[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('analyst');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => api.createAccount({ email, name, role, password }),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: accountsKey });
      notifications.show({ color: 'green', message: `Account for ${a.name} created` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="New account">
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          {create.isError && (
            <ErrorState error={create.error} title="The account was not created" />
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Select
            label="Role"
            data={roles}
            value={role}
            allowDeselect={false}
            onChange={(v) => v && setRole(v)}
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; ask them to change it"
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!name.trim() || !email || password.length < 12}
            >
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function AccountsSettings({ meId }: { meId: number }) {
  const queryClient = useQueryClient();
  const accounts = useAccounts();
  const roles = useQuery({ queryKey: ['roles'], queryFn: api.listRoles, staleTime: 60_000 });
  const [adding, setAdding] = useState(false);
  const [settingPassword, setSettingPassword] = useState<Account | null>(null);
  const update = useMutation({
    mutationFn: (v: { id: number; body: Parameters<typeof api.updateAccount>[1] }) =>
      api.updateAccount(v.id, v.body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: 'Account not changed',
        message: `${errorMessage(e)} ${nextStep(e)}`,
      }),
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.key, label: r.name }));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Everyone who signs in to this workspace. Disabling an account ends its sessions and
          revokes its API tokens; its records stay.
        </Text>
        <Button
          leftSection={<IconPlus size={14} />}
          onClick={() => setAdding(true)}
          disabled={!roles.data}
        >
          New account
        </Button>
      </Group>
      {adding && <NewAccountDialog roles={roleOptions} onClose={() => setAdding(false)} />}
      {settingPassword && (
        <SetPasswordDialog account={settingPassword} onClose={() => setSettingPassword(null)} />
      )}
      <Paper withBorder>
        {accounts.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : accounts.isError ? (
          <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : (
          <Table aria-label="Accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>E-mail</Table.Th>
                <Table.Th w={170}>Role</Table.Th>
                <Table.Th w={110}>Enabled</Table.Th>
                <Table.Th w={140}>Password</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {a.name}{' '}
                    {a.id === meId && (
                      <Badge size="xs" variant="light">
                        you
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{a.email}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${a.name}`}
                      data={roleOptions.length ? roleOptions : [{ value: a.role, label: a.role }]}
                      value={a.role}
                      allowDeselect={false}
                      disabled={a.id === meId}
                      onChange={(v) =>
                        v && v !== a.role && update.mutate({ id: a.id, body: { role: v } })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      size="xs"
                      aria-label={`${a.name} may sign in`}
                      checked={!a.disabled}
                      disabled={a.id === meId}
                      onChange={(e) =>
                        update.mutate({ id: a.id, body: { disabled: !e.currentTarget.checked } })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {a.id !== meId && (
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={`Set password… for ${a.name}`}
                        onClick={() => setSettingPassword(a)}
                      >
                        Set password…
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Title order={2} size="h5" mt="sm">
        Roles
      </Title>
      <Paper withBorder>
        <Table aria-label="Roles and permissions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>Role</Table.Th>
              <Table.Th>Permissions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(roles.data?.items ?? []).map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {r.permissions.length
                      ? r.permissions.join(', ')
                      : 'None workspace-wide (sees only the cases it contributes to)'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
