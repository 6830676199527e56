import { Button, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type WorkspaceSettings } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { WorkspaceSettingsPanel } from './WorkspaceSettingsPanel.tsx';
import { settingsKey } from '../../query-keys.ts';

function Form({ saved }: { saved: WorkspaceSettings }) {
  const queryClient = useQueryClient();
  const [on, setOn] = useState(saved.privacy.pseudonymise);
  const [hours, setHours] = useState<number | string>(saved.privacy.revealHours);
  useEffect(() => {
    setOn(saved.privacy.pseudonymise);
    setHours(saved.privacy.revealHours);
  }, [saved]);
  const save = useMutation({
    mutationFn: () =>
      api.updateSettings({ privacy: { pseudonymise: on, revealHours: Number(hours) } }),
    onSuccess: async (next) => {
      queryClient.setQueryData(settingsKey, next);
      // Every name on every page may change: read everything again.
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: 'Privacy settings saved' });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" maw={640}>
        {save.isError && <ErrorState error={save.error} title="The settings were not saved" />}
        <Title order={2} size="h5">
          Pseudonymisation
        </Title>
        <Text size="sm" c="dimmed">
          When on, every person under watch appears under a stable pseudonym such as Anon-7F3K-21QX,
          with no name, e-mail, department, job title or manager, in the console, the API, searches,
          webhooks and logs. An investigator or administrator who needs a person&apos;s identity
          reveals it from the case, saying why; the reveal lasts the time below and is recorded on
          the case.
        </Text>
        <Switch
          label="Show subjects under pseudonyms"
          checked={on}
          onChange={(e) => setOn(e.currentTarget.checked)}
        />
        <NumberInput
          label="A reveal lasts this many hours"
          min={1}
          max={168}
          allowDecimal={false}
          w={360}
          value={hours}
          onChange={setHours}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={hours === ''}>
            Save privacy settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The workspace's pseudonymisation setting, for administrators. */
export const PrivacySettings = () => <WorkspaceSettingsPanel form={Form} />;
