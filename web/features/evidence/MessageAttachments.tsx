import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconPaperclip, IconPlus } from '@tabler/icons-react';
import type { MessageAttachment } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { formatBytes } from './evidence-format.ts';
import { HashText } from './HashText.tsx';
import { useAddAttachment } from './useEvidence.ts';

/** Whether the bytes are something else than the message says they are. */
const mislabelled = (a: MessageAttachment) =>
  a.detectedType !== 'application/octet-stream' &&
  a.detectedType.toLowerCase() !== a.contentType.toLowerCase();

/**
 * The attachments of an e-mail item, never opened here: each can become an evidence item of
 * its own (hashed, its type detected, the e-mail its parent) and then be downloaded from it.
 */
export function MessageAttachments({
  number,
  id,
  attachments,
  onOpen,
}: {
  number: number;
  id: number;
  attachments: MessageAttachment[];
  onOpen: (id: number) => void;
}) {
  const add = useAddAttachment(number, id);
  if (attachments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No attachments.
      </Text>
    );
  return (
    <>
      <Table verticalSpacing={4} fz="sm" aria-label="Attachments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attachments.map((a) => (
            <Table.Tr key={a.index}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <IconPaperclip size={14} aria-hidden />
                  <Text size="sm" dir="auto" className="evidence-ellipsis" maw={220}>
                    {a.filename ?? `Part ${a.index}`}
                  </Text>
                  {a.disposition === 'inline' && (
                    <Badge size="xs" variant="outline" color="gray">
                      inline
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {a.detectedType}
                </Text>
                {mislabelled(a) && (
                  <Tooltip label={`The message calls it ${a.contentType}`} withArrow>
                    <Badge size="sm" color="red.9" variant="outline" className="badge-whole">
                      declared {a.contentType}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatBytes(a.sizeBytes)}</Table.Td>
              <Table.Td>
                <HashText hex={a.sha256} />
              </Table.Td>
              <Table.Td ta="right">
                {a.evidenceId !== null ? (
                  <Anchor component="button" size="sm" onClick={() => onOpen(a.evidenceId ?? 0)}>
                    Evidence #{a.evidenceId}
                  </Anchor>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="default"
                    leftSection={<IconPlus size={12} />}
                    loading={add.isPending && add.variables === a.index}
                    onClick={() => add.mutate(a.index)}
                  >
                    Add as evidence
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {add.error && (
        <Text size="sm" c="red" role="alert">
          {errorMessage(add.error)}
        </Text>
      )}
    </>
  );
}
