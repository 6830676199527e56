import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { EvidenceItem } from '../../api.ts';
import { TableFrame } from '../../components/TableFrame.tsx';
import { WhenText } from '../../components/WhenText.tsx';
import { formatBytes, formatMailbox } from './evidence-format.ts';
import { HashText } from './HashText.tsx';
import { KindIcon } from './KindIcon.tsx';

/** An e-mail in brief under its name: subject, sender, attachments, or where its parse is. */
function MessageLine({ m }: { m: NonNullable<EvidenceItem['message']> }) {
  if (m.status !== 'parsed')
    return (
      <Text size="xs" c={m.status === 'failed' ? 'orange' : 'dimmed'}>
        {m.status === 'failed'
          ? 'Could not be read: open it for the reason'
          : 'Reading the e-mail…'}
      </Text>
    );
  const line = [
    m.subject ?? '(no subject)',
    m.from && `from ${formatMailbox(m.from)}`,
    m.attachments > 0 && `${m.attachments} attachment${m.attachments === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Text size="xs" c="dimmed" dir="auto" className="evidence-ellipsis" title={line}>
      {line}
    </Text>
  );
}

/** The case's evidence, one row per item; a click on a row opens its detail. */
export function EvidenceTable({
  items,
  openId,
  onOpen,
}: {
  items: EvidenceItem[];
  openId: number | undefined;
  onOpen: (id: number) => void;
}) {
  return (
    <TableFrame minWidth={1000}>
      <Table
        striped
        highlightOnHover
        verticalSpacing={4}
        aria-label="Evidence"
        className="evidence-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>Kind</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th w={90} ta="right">
              Size
            </Table.Th>
            <Table.Th w={170}>Detected type</Table.Th>
            <Table.Th w={170}>SHA-256</Table.Th>
            <Table.Th w={200}>Added</Table.Th>
            <Table.Th w={220}>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr
              key={e.id}
              onClick={() => onOpen(e.id)}
              style={{ cursor: 'pointer' }}
              aria-selected={openId === e.id}
              bg={openId === e.id ? 'var(--mantine-color-blue-light)' : undefined}
              c={e.removed ? 'dimmed' : undefined}
            >
              <Table.Td>
                <KindIcon item={e} />
              </Table.Td>
              <Table.Td className="cell-grow">
                <Group gap={6} wrap="nowrap">
                  <Anchor
                    component="button"
                    size="sm"
                    dir="auto"
                    className="evidence-name"
                    title={e.name}
                    td={e.removed ? 'line-through' : undefined}
                    onClick={(ev: React.MouseEvent) => {
                      ev.stopPropagation();
                      onOpen(e.id);
                    }}
                  >
                    {e.name}
                  </Anchor>
                  {e.removed && (
                    <Badge size="xs" color="gray" variant="outline" className="badge-whole">
                      removed
                    </Badge>
                  )}
                </Group>
                {e.message && <MessageLine m={e.message} />}
              </Table.Td>
              <Table.Td ta="right">
                <Text span size="sm" title={`${e.sizeBytes.toLocaleString('en-GB')} bytes`}>
                  {formatBytes(e.sizeBytes)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text span size="xs" ff="monospace">
                  {e.detectedType}
                </Text>
              </Table.Td>
              <Table.Td>
                <HashText hex={e.sha256} />
              </Table.Td>
              <Table.Td>
                <Text span size="sm" className="evidence-ellipsis" maw={200} title={e.addedBy.name}>
                  <WhenText iso={e.addedAt} size="xs" /> {e.addedBy.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text
                  span
                  size="sm"
                  dir="auto"
                  className="evidence-ellipsis"
                  maw={220}
                  title={e.note || undefined}
                >
                  {e.note || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
