import { Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type Account } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { accountsKey } from '../../query-keys.ts';

/**
 * An administrator sets a new password for an account: its sessions end, and its API tokens
 * too when the administrator says so (the password may have leaked with them).
 */
export function SetPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [revokeTokens, setRevokeTokens] = useState(false);
  const save = useMutation({
    mutationFn: () => api.updateAccount(account.id, { password, revokeTokens }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: accountsKey });
      notifications.show({
        color: 'green',
        message: revokeTokens
          ? `New password set for ${account.name}; their sessions and API tokens were ended`
          : `New password set for ${account.name}; their sessions were ended`,
      });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={`Set a new password for ${account.name}`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {save.isError && <ErrorState error={save.error} title="The password was not set" />}
          <Text size="sm" c="dimmed">
            Every session of {account.name} ends. Tell them the new password another way than
            e-mail.
          </Text>
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Checkbox
            label="Also revoke their API tokens"
            description="Integrations using them stop working until they get new tokens"
            checked={revokeTokens}
            onChange={(e) => setRevokeTokens(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={password.length < 12}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
