import { Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type Case } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useTriageRefresh } from '../alerts/useAlerts.ts';
import { ResolveWarnings } from './ResolveWarnings.tsx';
import { useCaseRefresh } from './useCase.ts';

type Classification = 'benign' | 'confirmed_violation';

export function ResolveDialog({ c, onClose }: { c: Case; onClose: () => void }) {
  const refresh = useCaseRefresh(c.number);
  // Its alerts move between confirmed and resolved with it.
  const refreshAlerts = useTriageRefresh();
  const [classification, setClassification] = useState<Classification | null>(null);
  const [reason, setReason] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      api.resolveCase(c.number, { classification: classification ?? 'benign', reason }, c.version),
    onSuccess: async (updated) => {
      await Promise.all([refresh(updated), refreshAlerts()]);
      notifications.show({ color: 'green', message: `Case #${c.number} resolved` });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={`Resolve case #${c.number}`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {resolve.isError && (
            <ErrorState error={resolve.error} title="The case was not resolved" />
          )}
          <ResolveWarnings c={c} />
          <Radio.Group
            label="Classification"
            required
            value={classification}
            onChange={(v) => setClassification(v)}
          >
            <Stack gap={6} mt={6}>
              <Radio value="benign" label="Benign" />
              <Radio value="confirmed_violation" label="Confirmed policy violation" />
            </Stack>
          </Radio.Group>
          <Textarea
            label="Reason"
            description="Recorded in the activity log"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="teal.9"
              loading={resolve.isPending}
              disabled={!classification || !reason.trim()}
            >
              Resolve case
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReopenDialog({ c, onClose }: { c: Case; onClose: () => void }) {
  const refresh = useCaseRefresh(c.number);
  // Its alerts move between confirmed and resolved with it.
  const refreshAlerts = useTriageRefresh();
  const [reason, setReason] = useState('');
  const reopen = useMutation({
    mutationFn: () => api.reopenCase(c.number, { reason }, c.version),
    onSuccess: async (updated) => {
      await Promise.all([refresh(updated), refreshAlerts()]);
      notifications.show({ color: 'green', message: `Case #${c.number} reopened` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Reopen case #${c.number}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reopen.mutate();
        }}
      >
        <Stack gap="sm">
          {reopen.isError && <ErrorState error={reopen.error} title="The case was not reopened" />}
          <Textarea
            label="Reason"
            description="Why the case needs more work; recorded in the activity log"
            required
            data-autofocus
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={reopen.isPending} disabled={!reason.trim()}>
              Reopen case
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
