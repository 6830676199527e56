import {
  Alert,
  Badge,
  Center,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, type EvidenceMessage } from '../../api.ts';
import { formatFull } from '../../components/dates.ts';
import { ErrorState, errorMessage } from '../../components/ErrorState.tsx';
import { formatBytes, formatMailbox, repliesElsewhere } from './evidence-format.ts';
import { FieldRow, wrapText } from './FieldRow.tsx';
import { MessageAttachments } from './MessageAttachments.tsx';
import { MessageHtml, PlainText } from './MessageBody.tsx';
import { isPendingParse, useEvidenceMessage, useRawHeaders } from './useEvidence.ts';

const Line = (props: { label: string; children: React.ReactNode }) => (
  <FieldRow width={90} {...props} />
);

const mailboxes = (list: EvidenceMessage['from']) => (
  <Text size="sm" dir="auto" style={wrapText}>
    {list.length ? list.map(formatMailbox).join(', ') : '—'}
  </Text>
);

function Envelope({ m }: { m: EvidenceMessage }) {
  return (
    <Table withRowBorders={false} verticalSpacing={1} fz="sm">
      <Table.Tbody>
        <Line label="From">{mailboxes(m.from)}</Line>
        <Line label="To">{mailboxes(m.to)}</Line>
        {m.cc.length > 0 && <Line label="Cc">{mailboxes(m.cc)}</Line>}
        {m.replyTo.length > 0 && (
          <Line label="Reply-To">
            <Group gap={6}>
              {mailboxes(m.replyTo)}
              {repliesElsewhere(m.from, m.replyTo) && (
                <Badge size="sm" color="red.9" variant="outline" className="badge-whole">
                  replies go elsewhere than the sender
                </Badge>
              )}
            </Group>
          </Line>
        )}
        <Line label="Date">
          <Text size="sm" style={wrapText}>
            {m.date ?? '—'}
            {m.sentAt && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({formatFull(m.sentAt)} here)
              </Text>
            )}
          </Text>
        </Line>
        <Line label="Message-ID">
          <Text size="xs" ff="monospace" style={wrapText}>
            {m.messageId ?? '—'}
          </Text>
        </Line>
      </Table.Tbody>
    </Table>
  );
}

function HeaderTable({ m }: { m: EvidenceMessage }) {
  return (
    <Table verticalSpacing={2} fz="xs" aria-label="Headers" striped>
      <Table.Tbody>
        {m.headers.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td w={170} ff="monospace" style={{ verticalAlign: 'top' }}>
              {h.name}
            </Table.Td>
            <Table.Td ff="monospace" dir="auto" style={wrapText}>
              {h.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RawHeaders({ number, id, open }: { number: number; id: number; open: boolean }) {
  const raw = useRawHeaders(number, id, open);
  if (raw.isPending) return <Loader size="xs" />;
  if (raw.isError) return <ErrorState error={raw.error} onRetry={() => void raw.refetch()} />;
  return <PlainText text={raw.data} empty="The message has no header block." />;
}

function Parsed({
  number,
  id,
  m,
  onOpen,
}: {
  number: number;
  id: number;
  m: EvidenceMessage;
  onOpen: (id: number) => void;
}) {
  const [tab, setTab] = useState<string | null>(m.hasHtml ? 'html' : 'text');
  return (
    <Stack gap="sm">
      <Title order={3} size="h4" dir="auto" style={wrapText}>
        {m.subject ?? '(no subject)'}
      </Title>
      <Envelope m={m} />
      {m.truncated.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
          Longer than Casefile shows: {m.truncated.join(', ')} cut. The downloaded file is whole.
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {m.hasHtml && <Tabs.Tab value="html">Message</Tabs.Tab>}
          <Tabs.Tab value="text">Plain text</Tabs.Tab>
          <Tabs.Tab value="headers">Headers ({m.headers.length})</Tabs.Tab>
          <Tabs.Tab value="raw">Raw headers ({formatBytes(m.rawHeadersBytes)})</Tabs.Tab>
          <Tabs.Tab value="attachments">Attachments ({m.attachments.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="xs">
          <MessageHtml number={number} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="xs">
          <PlainText text={m.text} empty="The message has no plain-text part." />
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="xs">
          <HeaderTable m={m} />
        </Tabs.Panel>
        <Tabs.Panel value="raw" pt="xs">
          <RawHeaders number={number} id={id} open={tab === 'raw'} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="xs">
          <MessageAttachments number={number} id={id} attachments={m.attachments} onOpen={onOpen} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/**
 * An e-mail item read safely: the envelope and headers as text, the HTML body sanitised in a
 * sandboxed frame, the text part, the raw header block, and the attachments, which can become
 * evidence of their own. Nothing of the message runs.
 */
export function EmailViewer({
  number,
  id,
  onOpen,
}: {
  number: number;
  id: number;
  onOpen: (id: number) => void;
}) {
  const message = useEvidenceMessage(number, id);
  if (message.isPending || isPendingParse(message.error))
    return (
      <Center py="lg">
        <Group gap="xs">
          <Loader size="sm" />
          <Text c="dimmed">Reading the e-mail…</Text>
        </Group>
      </Center>
    );
  if (message.isError) {
    const failed = message.error instanceof ApiError && message.error.status === 409;
    return failed ? (
      <Alert color="orange" title="This e-mail could not be read" icon={<IconAlertTriangle />}>
        {errorMessage(message.error)}. The file itself is kept whole: download it to examine it with
        other tools.
      </Alert>
    ) : (
      <ErrorState error={message.error} onRetry={() => void message.refetch()} />
    );
  }
  return <Parsed number={number} id={id} m={message.data} onOpen={onOpen} />;
}
