import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { EvidenceFields } from '../../api.ts';
import { DropZone } from './DropZone.tsx';
import { formatBytes, localToIso } from './evidence-format.ts';
import { UploadList } from './UploadList.tsx';
import { useUploads } from './useEvidence.ts';

/**
 * Adds files to the case: dropped or picked files wait in a list until added (evidence cannot
 * be changed afterwards, and a removal stays on record), then each goes in its own request.
 */
export function AddEvidence({ number }: { number: number }) {
  const uploads = useUploads(number);
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [method, setMethod] = useState('');
  const [acquiredAt, setAcquiredAt] = useState('');
  const acquiredIso = localToIso(acquiredAt);
  const badDate = acquiredAt !== '' && acquiredIso === undefined;

  const submit = () => {
    const fields: EvidenceFields = {
      ...(note.trim() && { note: note.trim() }),
      ...(method.trim() && { acquisitionMethod: method.trim() }),
      ...(acquiredIso && { acquiredAt: acquiredIso }),
    };
    uploads.add(files, fields);
    setFiles([]);
    setNote('');
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <DropZone onFiles={(more) => setFiles((f) => [...f, ...more])} />
        {files.length > 0 && (
          <Stack gap="xs">
            <Stack
              gap={2}
              component="ul"
              aria-label="Files to add"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {files.map((f, i) => (
                <Group key={`${i}-${f.name}`} gap="xs" wrap="nowrap" component="li">
                  <Text
                    size="sm"
                    dir="auto"
                    className="evidence-ellipsis"
                    style={{ flex: 1 }}
                    title={f.name}
                  >
                    {f.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(f.size)}
                  </Text>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={`Leave out ${f.name}`}
                    onClick={() => setFiles((all) => all.filter((_, j) => j !== i))}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            <Textarea
              label="Note"
              description="Optional; kept with each of these files"
              autosize
              minRows={1}
              maxRows={4}
              maxLength={10_000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group gap="sm" align="flex-start" grow>
              <TextInput
                label="Acquisition method"
                placeholder="Endpoint agent export, mailbox search…"
                maxLength={500}
                value={method}
                onChange={(e) => setMethod(e.currentTarget.value)}
              />
              <TextInput
                label="Acquired at"
                type="datetime-local"
                value={acquiredAt}
                error={badDate ? 'Not a date and time' : undefined}
                onChange={(e) => setAcquiredAt(e.currentTarget.value)}
              />
            </Group>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setFiles([])}>
                Discard
              </Button>
              <Button onClick={submit} disabled={badDate}>
                {files.length === 1 ? 'Add 1 file' : `Add ${files.length} files`}
              </Button>
            </Group>
          </Stack>
        )}
        <UploadList
          entries={uploads.entries}
          onCancel={uploads.cancel}
          onClear={uploads.clearFinished}
        />
      </Stack>
    </Paper>
  );
}
