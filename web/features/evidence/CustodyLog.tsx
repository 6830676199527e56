import { Badge, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import type { EvidenceDetail } from '../../api.ts';
import { WhenText } from '../../components/WhenText.tsx';
import { custodyActionLabels, custodyDetails } from './custody-text.ts';

/** Whether every entry of the log hashes to the next, as the server checked it. */
export function ChainBadge({ intact }: { intact: boolean }) {
  return intact ? (
    // Tinted background, body-coloured text: 4.5:1 in both themes.
    <Badge
      color="teal"
      variant="light"
      leftSection={<IconShieldCheck size={14} />}
      className="badge-whole"
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      Chain intact
    </Badge>
  ) : (
    <Badge
      color="red.9"
      variant="filled"
      leftSection={<IconShieldX size={14} />}
      className="badge-whole"
    >
      Chain broken
    </Badge>
  );
}

/** The custody log, oldest first: who did what to the item, when, from where, and why. */
export function CustodyLog({ item }: { item: EvidenceDetail }) {
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Custody log">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>#</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Address</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {item.custody.map((e) => {
          const details = custodyDetails(e);
          return (
            <Table.Tr key={e.seq} c={e.action === 'integrity_failed' ? 'red' : undefined}>
              <Table.Td c="dimmed">{e.seq}</Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {custodyActionLabels[e.action]}
                  </Text>
                  {e.purpose && (
                    <Text size="xs" dir="auto" style={{ wordBreak: 'break-word' }}>
                      Purpose: {e.purpose}
                    </Text>
                  )}
                  {details.map((d) => (
                    <Text
                      key={d}
                      size="xs"
                      c="dimmed"
                      dir="auto"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {d}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.actor?.name ?? 'Casefile'}</Table.Td>
              <Table.Td>
                <WhenText iso={e.at} size="xs" />
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {e.address ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
