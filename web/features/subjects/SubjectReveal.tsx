import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconEye, IconEyeOff, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CaseDetail } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatWhen } from '../../components/dates.ts';
import { revealsKey } from '../../query-keys.ts';

const MIN_REASON = 10;

function RevealDialog({ number, onClose }: { number: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: () => api.revealSubject(number, { justification: reason }),
    onSuccess: async () => {
      onClose();
      // The name may appear on any page read so far: read them all again.
      await queryClient.invalidateQueries();
    },
  });
  const short = reason.trim().length < MIN_REASON;
  return (
    <Modal opened onClose={onClose} title="Reveal the subject's identity">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!short) reveal.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            You will see this person&apos;s name, e-mail, department, job title and manager wherever
            they appear, for the workspace&apos;s reveal time. Your reason is recorded on this case,
            with your name and the time, for everyone who can see the case.
          </Text>
          {reveal.isError && <ErrorState error={reveal.error} title="Nothing was revealed" />}
          <Textarea
            label="Why do you need the identity?"
            description={`At least ${MIN_REASON} characters`}
            autosize
            minRows={3}
            maxLength={2000}
            required
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={short} loading={reveal.isPending}>
              Reveal identity
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * On a case about a pseudonymised person: the caller's reveal that lasts now (a banner, with a
 * way to end it), or the way to reveal when the server allows it.
 */
export function SubjectReveal({ c }: { c: CaseDetail }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const reveals = useQuery({
    queryKey: revealsKey(c.number),
    queryFn: () => api.listSubjectReveals(c.number),
    enabled: c.subject !== null,
  });
  const end = useMutation({
    mutationFn: () => api.endSubjectReveal(c.number),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (!c.subject) return null;
  const mine = reveals.data?.mine;
  if (mine)
    return (
      <Alert color="yellow" icon={<IconEye size={18} />} title="Identity revealed to you" py="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm">
            Until {formatWhen(mine.expiresAt)}. Your reason: {mine.justification}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconEyeOff size={14} />}
            loading={end.isPending}
            onClick={() => end.mutate()}
          >
            Hide again
          </Button>
        </Group>
      </Alert>
    );
  if (!c.subject.pseudonymised) return null;
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        <IconShieldLock size={14} style={{ verticalAlign: 'middle' }} /> The subject is shown under
        a pseudonym.
      </Text>
      {c.access.canRevealSubject && (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconEye size={14} />}
          onClick={() => setAsking(true)}
        >
          Reveal identity
        </Button>
      )}
      {asking && <RevealDialog number={c.number} onClose={() => setAsking(false)} />}
    </Group>
  );
}
