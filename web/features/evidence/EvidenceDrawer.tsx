import {
  Badge,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { EvidenceDetail } from '../../api.ts';
import { formatFull } from '../../components/dates.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ChainBadge, CustodyLog } from './CustodyLog.tsx';
import { EmailViewer } from './EmailViewer.tsx';
import { DownloadDialog, RemoveDialog } from './EvidenceDialogs.tsx';
import { formatBytes, kindLabels } from './evidence-format.ts';
import { FieldRow, wrapText } from './FieldRow.tsx';
import { HashText } from './HashText.tsx';
import { KindIcon } from './KindIcon.tsx';
import { useEvidenceItem } from './useEvidence.ts';

const when = (iso: string | null) => (iso ? formatFull(iso) : '—');

function Fields({ e }: { e: EvidenceDetail }) {
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm">
      <Table.Tbody>
        <FieldRow label="Kind">{kindLabels[e.kind]}</FieldRow>
        <FieldRow label="Name">
          <Text size="sm" dir="auto" style={wrapText}>
            {e.name}
          </Text>
        </FieldRow>
        <FieldRow label="Size">
          {formatBytes(e.sizeBytes)} ({e.sizeBytes.toLocaleString('en-GB')} bytes)
        </FieldRow>
        <FieldRow label="Detected type">{e.detectedType}</FieldRow>
        <FieldRow label="Claimed type">{e.claimedType ?? '—'}</FieldRow>
        <FieldRow label="SHA-256">
          <HashText hex={e.sha256} full />
        </FieldRow>
        <FieldRow label="Note">
          <Text size="sm" dir="auto" style={wrapText}>
            {e.note || '—'}
          </Text>
        </FieldRow>
        <FieldRow label="Acquired at">{when(e.acquiredAt)}</FieldRow>
        <FieldRow label="Acquisition method">
          <Text size="sm" dir="auto" style={wrapText}>
            {e.acquisitionMethod ?? '—'}
          </Text>
        </FieldRow>
        {e.capturedAt && <FieldRow label="Captured">{when(e.capturedAt)}</FieldRow>}
        {e.activityId !== null && <FieldRow label="Activity event">#{e.activityId}</FieldRow>}
        {e.alertId !== null && <FieldRow label="Alert">#{e.alertId}</FieldRow>}
        {e.parentId !== null && <FieldRow label="Attached to">Evidence #{e.parentId}</FieldRow>}
        <FieldRow label="Added">
          {when(e.addedAt)} by {e.addedBy.name}
        </FieldRow>
        {e.removed && (
          <FieldRow label="Removed">
            <Text size="sm" dir="auto" style={wrapText}>
              {when(e.removed.at)} by {e.removed.by.name}: {e.removed.reason}
            </Text>
          </FieldRow>
        )}
      </Table.Tbody>
    </Table>
  );
}

function Body({
  e,
  underLegalHold,
  onOpen,
}: {
  e: EvidenceDetail;
  underLegalHold: boolean;
  onOpen: (id: number) => void;
}) {
  const [dialog, setDialog] = useState<'download' | 'remove' | null>(null);
  const details = (
    <>
      <Fields e={e} />
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={3} size="h5">
            Custody log ({e.custody.length})
          </Title>
          <ChainBadge intact={e.chainIntact} />
        </Group>
        {!e.chainIntact && (
          <Text size="sm" c="red">
            The entries no longer hash one to the next: the log was altered outside Casefile. Tell
            your administrator before relying on this item.
          </Text>
        )}
        <CustodyLog item={e} />
      </Stack>
    </>
  );
  return (
    <Stack gap="md">
      <Group gap="xs">
        <KindIcon item={e} />
        <Text size="sm" c="dimmed">
          Evidence #{e.id}
        </Text>
        <ChainBadge intact={e.chainIntact} />
        {e.removed && (
          <Badge color="gray" variant="outline" className="badge-whole">
            Removed
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        <Button
          leftSection={<IconDownload size={16} />}
          disabled={e.removed !== null}
          onClick={() => setDialog('download')}
        >
          Download
        </Button>
        {!e.removed &&
          (underLegalHold ? (
            <Group gap={6}>
              <Button variant="default" disabled leftSection={<IconLock size={16} />}>
                Remove
              </Button>
              <Text size="xs" c="dimmed">
                The case is under legal hold: its evidence cannot be removed.
              </Text>
            </Group>
          ) : (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDialog('remove')}
            >
              Remove
            </Button>
          ))}
      </Group>
      {e.kind === 'email' && !e.removed ? (
        <Tabs defaultValue="email" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="email">E-mail</Tabs.Tab>
            <Tabs.Tab value="details">Details and custody ({e.custody.length})</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="email" pt="sm">
            <EmailViewer number={e.caseNumber} id={e.id} onOpen={onOpen} />
          </Tabs.Panel>
          <Tabs.Panel value="details" pt="sm">
            <Stack gap="md">{details}</Stack>
          </Tabs.Panel>
        </Tabs>
      ) : (
        details
      )}
      {dialog === 'download' && <DownloadDialog item={e} onClose={() => setDialog(null)} />}
      {dialog === 'remove' && <RemoveDialog item={e} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/**
 * One item's detail beside the list: every field, the custody log, download and removal; an
 * e-mail read in its viewer.
 */
export function EvidenceDrawer({
  number,
  id,
  underLegalHold,
  onClose,
  onOpen,
}: {
  number: number;
  id: number | undefined;
  underLegalHold: boolean;
  onClose: () => void;
  /** Shows another item of the case instead (an attachment made evidence). */
  onOpen: (id: number) => void;
}) {
  const item = useEvidenceItem(number, id);
  return (
    <Drawer
      opened={id !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close the evidence' }}
      title={
        <Text fw={600} dir="auto" className="evidence-ellipsis" maw={560}>
          {item.data?.name ?? 'Evidence'}
        </Text>
      }
    >
      {item.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : item.isError ? (
        <ErrorState error={item.error} onRetry={() => void item.refetch()} />
      ) : (
        <Body key={item.data.id} e={item.data} underLegalHold={underLegalHold} onOpen={onOpen} />
      )}
    </Drawer>
  );
}
