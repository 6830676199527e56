import { Button, Checkbox, Group, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, type WebhookEventType, type WebhookWithSecret } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { webhookEventOptions } from './webhook-event-types.ts';

/** The form that subscribes a new receiver. */
export function CreateWebhookForm({ onCreated }: { onCreated: (w: WebhookWithSecret) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [everything, setEverything] = useState(true);
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const create = useMutation({
    mutationFn: () =>
      api.createWebhook({ url, description, eventTypes: everything ? 'all' : types }),
    onSuccess: (w) => {
      setUrl('');
      setDescription('');
      setTypes([]);
      setEverything(true);
      onCreated(w);
    },
  });
  // The server says why a URL is refused; the field is marked, the reason shown below.
  const urlRefused = create.error instanceof ApiError && create.error.code === 'invalid_input';
  const ready = url.trim() !== '' && (everything || types.length > 0);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) create.mutate();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Receiver URL"
            placeholder="https://soar.example.com/hooks/casefile"
            maxLength={2000}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            w={420}
            required
            error={urlRefused}
          />
          <TextInput
            label="Description"
            placeholder="e.g. SOAR playbooks"
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            w={260}
          />
        </Group>
        <Checkbox
          label="Every event type"
          checked={everything}
          onChange={(e) => setEverything(e.currentTarget.checked)}
        />
        {!everything && (
          <MultiSelect
            label="Event types"
            placeholder="Pick the changes to send"
            data={webhookEventOptions}
            value={types}
            onChange={(v) => setTypes(v)}
            searchable
            clearable
            maw={700}
          />
        )}
        <Group>
          <Button type="submit" disabled={!ready} loading={create.isPending}>
            Add webhook
          </Button>
        </Group>
        {create.isError && <ErrorState error={create.error} title="The webhook was not added" />}
      </Stack>
    </form>
  );
}
