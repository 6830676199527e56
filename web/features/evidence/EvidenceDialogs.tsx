import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, type EvidenceItem } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { useEvidenceRefresh, useRemoveEvidence } from './useEvidence.ts';

/** Starts the browser's own download of a URL, leaving the console where it is. */
function startDownload(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Asks why the bytes are taken (recorded on the custody log), then downloads them. */
export function DownloadDialog({ item, onClose }: { item: EvidenceItem; onClose: () => void }) {
  const [purpose, setPurpose] = useState('');
  const refresh = useEvidenceRefresh(item.caseNumber);
  const ready = purpose.trim().length > 0;
  const submit = () => {
    if (!ready) return;
    startDownload(api.evidenceContentUrl(item.caseNumber, item.id, purpose.trim()));
    // The custody entry is written before the first byte leaves: show it once it is there.
    window.setTimeout(() => void refresh(), 800);
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title="Download evidence">
      <Stack gap="sm">
        <Text size="sm" dir="auto" style={{ wordBreak: 'break-word' }}>
          {item.name}
        </Text>
        <Textarea
          label="Purpose"
          description="Why you take a copy: recorded on the custody log with your name"
          required
          autosize
          minRows={2}
          maxLength={500}
          data-autofocus
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!ready}>
            Download
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks why the item is removed: a tombstone, the bytes and the custody log kept. */
export function RemoveDialog({ item, onClose }: { item: EvidenceItem; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const remove = useRemoveEvidence(item.caseNumber, item.id);
  const ready = reason.trim().length > 0;
  return (
    <Modal opened onClose={onClose} title="Remove evidence">
      <Stack gap="sm">
        <Text size="sm">
          The item leaves the case&apos;s evidence; its bytes and custody log are kept, and the
          removal is recorded with your reason.
        </Text>
        <Text size="sm" fw={500} dir="auto" style={{ wordBreak: 'break-word' }}>
          {item.name}
        </Text>
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {remove.isError && (
          <Alert color="red" variant="light" role="alert" title="Not removed">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!ready}
            loading={remove.isPending}
            onClick={() => remove.mutate(reason.trim(), { onSuccess: onClose })}
          >
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
