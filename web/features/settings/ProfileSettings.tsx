import {
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, setCsrfToken, type MeInfo } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { meKey } from '../../query-keys.ts';

export function ProfileSettings({ me }: { me: MeInfo }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.account.name);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const rename = useMutation({
    mutationFn: () => api.updateProfile(name),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Name saved' });
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
  const password = useMutation({
    mutationFn: () => api.changePassword(current, next),
    onSuccess: (fresh) => {
      setCsrfToken(fresh.csrfToken);
      queryClient.setQueryData(meKey, fresh);
      setCurrent('');
      setNext('');
      setConfirm('');
      notifications.show({
        color: 'green',
        message: 'Password changed; your other sessions were signed out',
      });
    },
  });
  const mismatch = confirm !== '' && confirm !== next;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <Paper withBorder p="sm">
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            rename.mutate();
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h5">
              Profile
            </Title>
            <Text size="sm" c="dimmed">
              {me.account.email} · role {me.account.role} · workspace {me.workspace.name}
            </Text>
            {rename.isError && <ErrorState error={rename.error} title="Not saved" />}
            <TextInput
              label="Display name"
              required
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Group>
              <Button
                type="submit"
                loading={rename.isPending}
                disabled={!name.trim() || name === me.account.name}
              >
                Save name
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="sm">
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            password.mutate();
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h5">
              Password
            </Title>
            {password.isError && <ErrorState error={password.error} title="Password not changed" />}
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
            <PasswordInput
              label="New password"
              description="At least 12 characters"
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              required
              value={confirm}
              error={mismatch ? 'The two passwords differ' : undefined}
              onChange={(e) => setConfirm(e.currentTarget.value)}
            />
            <Group>
              <Button
                type="submit"
                loading={password.isPending}
                disabled={!current || next.length < 12 || next !== confirm}
              >
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </SimpleGrid>
  );
}
