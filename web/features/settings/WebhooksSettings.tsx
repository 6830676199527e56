import {
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type WebhookSubscription } from '../../api.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { CreateWebhookForm } from './CreateWebhookForm.tsx';
import { webhookEventLabels } from './webhook-event-types.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookSecretNotice } from './WebhookSecretNotice.tsx';

const eventsText = (w: WebhookSubscription) =>
  w.eventTypes === 'all'
    ? 'Every event'
    : w.eventTypes.length <= 2
      ? w.eventTypes.map((t) => webhookEventLabels[t]).join(', ')
      : `${w.eventTypes.length} event types`;

/** Outbound webhooks: subscriptions, their secrets (shown once) and their deliveries. */
export function WebhooksSettings() {
  const queryClient = useQueryClient();
  const key = ['webhooks'];
  const list = useQuery({ queryKey: key, queryFn: api.listWebhooks });
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const onSettled = () => queryClient.invalidateQueries({ queryKey: key });
  const toggle = useMutation({
    mutationFn: (w: WebhookSubscription) =>
      api.updateWebhook(w.id, { enabled: !w.enabled }, w.version),
    onSettled,
  });
  const rotate = useMutation({
    mutationFn: api.rotateWebhookSecret,
    onSuccess: (w) => setSecret({ title: `New secret for ${w.url}`, secret: w.secret }),
    onSettled,
  });
  const remove = useMutation({ mutationFn: api.deleteWebhook, onSettled });
  const shown = list.data?.items.find((w) => w.id === open);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={820}>
        Webhooks send each change of this workspace to another system as it happens, in the Standard
        Webhooks format: a JSON body signed with the webhook&apos;s secret (in the{' '}
        <Code>webhook-signature</Code> header). Only a 2xx answer counts as delivered; other answers
        are retried for more than a day, and a receiver answering 410 Gone stops its webhook.
      </Text>
      <CreateWebhookForm
        onCreated={(w) => {
          setSecret({ title: `Webhook to ${w.url} added`, secret: w.secret });
          void onSettled();
        }}
      />
      {secret && (
        <WebhookSecretNotice
          title={secret.title}
          secret={secret.secret}
          onClose={() => setSecret(null)}
        />
      )}
      {toggle.isError && <ErrorState error={toggle.error} title="The webhook did not change" />}
      {rotate.isError && <ErrorState error={rotate.error} title="The secret was not rotated" />}
      {remove.isError && <ErrorState error={remove.error} title="The webhook was not deleted" />}
      <Paper withBorder>
        {list.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No webhooks">
            Add one above to send changes to a SOAR, a ticketing system or a chat bridge.
          </EmptyState>
        ) : (
          <Table aria-label="Webhooks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Receiver</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Enabled</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {w.url}
                    </Text>
                    {w.description && (
                      <Text size="xs" c="dimmed">
                        {w.description}
                      </Text>
                    )}
                    {w.disabledReason && (
                      <Badge color="red" variant="light" mt={4}>
                        {w.disabledReason}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{eventsText(w)}</Table.Td>
                  <Table.Td>
                    <Switch
                      checked={w.enabled}
                      onChange={() => toggle.mutate(w)}
                      disabled={toggle.isPending && toggle.variables.id === w.id}
                      aria-label={`${w.enabled ? 'Disable' : 'Enable'} the webhook to ${w.url}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-xs"
                        variant={open === w.id ? 'light' : 'subtle'}
                        onClick={() => setOpen(open === w.id ? null : w.id)}
                        aria-expanded={open === w.id}
                      >
                        Deliveries
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        loading={rotate.isPending && rotate.variables === w.id}
                        onClick={() =>
                          window.confirm(
                            `Rotate the secret of the webhook to ${w.url}? Its receiver must switch to the new secret, or refuse what is sent from now on.`,
                          ) && rotate.mutate(w.id)
                        }
                      >
                        Rotate secret
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables === w.id}
                        onClick={() =>
                          window.confirm(
                            `Delete the webhook to ${w.url} and its delivery records? Changes are no longer sent there.`,
                          ) && remove.mutate(w.id)
                        }
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {shown && <WebhookDeliveries webhook={shown} />}
    </Stack>
  );
}
