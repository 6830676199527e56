import { Button, Group, NumberInput, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type WorkspaceSettings } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { WorkspaceSettingsPanel } from './WorkspaceSettingsPanel.tsx';
import { formatWhen } from '../../components/dates.ts';
import { settingsKey } from '../../query-keys.ts';

function Form({ saved }: { saved: WorkspaceSettings }) {
  const queryClient = useQueryClient();
  const [types, setTypes] = useState(saved.correlation.entityTypes);
  const [common, setCommon] = useState<number | string>(saved.correlation.commonValueSubjects);
  const [days, setDays] = useState<number | string>(saved.correlation.commonValueDays);
  const [autoResolve, setAutoResolve] = useState(saved.incidents.autoResolve);
  useEffect(() => {
    setTypes(saved.correlation.entityTypes);
    setCommon(saved.correlation.commonValueSubjects);
    setDays(saved.correlation.commonValueDays);
    setAutoResolve(saved.incidents.autoResolve);
  }, [saved]);
  const save = useMutation({
    mutationFn: () =>
      api.updateSettings({
        correlation: {
          entityTypes: types,
          commonValueSubjects: Number(common),
          commonValueDays: Number(days),
        },
        incidents: { autoResolve },
      }),
    onSuccess: async (next) => {
      queryClient.setQueryData(settingsKey, next);
      notifications.show({ color: 'green', message: 'Settings saved' });
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
          Correlation
        </Title>
        <Text size="sm" c="dimmed">
          Alerts about the same person always group into one incident. Alerts also group when they
          share a value of these entity types, unless the value is common: seen with more people
          than the limit below over the last days counted (an office egress address, a file server).
          Process command lines and file names are left out by default: unrelated people share them.
        </Text>
        <TagsInput
          label="Entity types that group alerts"
          description="Press Enter after each type; compared without case"
          value={types}
          onChange={(v) => setTypes(v.map((t) => t.trim().toLowerCase()).filter(Boolean))}
          clearable
        />
        <NumberInput
          label="A value is common when seen with more than this many people"
          min={1}
          max={10_000}
          allowDecimal={false}
          w={360}
          value={common}
          onChange={setCommon}
        />
        <NumberInput
          label="Days over which the people seen with a value are counted"
          min={1}
          max={365}
          allowDecimal={false}
          w={360}
          value={days}
          onChange={setDays}
        />
        <Title order={2} size="h5" mt="sm">
          Incidents
        </Title>
        <Switch
          label="Resolve an incident by itself once every alert of it is triaged and every case covering it is closed"
          checked={autoResolve}
          onChange={(e) => setAutoResolve(e.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {saved.updatedAt
              ? `Last changed ${formatWhen(saved.updatedAt)}${saved.updatedBy ? ` by ${saved.updatedBy.name}` : ''}`
              : 'Every setting has its default'}
          </Text>
          <Button type="submit" loading={save.isPending} disabled={common === '' || days === ''}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The workspace's correlation and incident settings, for administrators. */
export const CorrelationSettings = () => <WorkspaceSettingsPanel form={Form} />;
