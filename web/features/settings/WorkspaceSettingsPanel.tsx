import { Paper } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { api, type WorkspaceSettings } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { settingsKey } from '../../query-keys.ts';

/** Loads the workspace's settings and shows one form of them, framed. */
export function WorkspaceSettingsPanel({
  form: Form,
}: {
  form: ComponentType<{ saved: WorkspaceSettings }>;
}) {
  const settings = useQuery({ queryKey: settingsKey, queryFn: api.getSettings });
  if (settings.isError)
    return (
      <ErrorState
        error={settings.error}
        title="The settings could not be loaded"
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data) return null;
  return (
    <Paper withBorder p="sm">
      <Form saved={settings.data} />
    </Paper>
  );
}
