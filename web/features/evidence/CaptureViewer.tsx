import { Anchor, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { EvidenceItem } from '../../api.ts';
import { formatFull } from '../../components/dates.ts';
import { CaptureMedia } from './CaptureMedia.tsx';
import { HashText } from './HashText.tsx';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={120} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** One capture at full size, with when it was captured and what it belongs to. */
export function CaptureViewer({
  item,
  subjectId,
  onClose,
  onDetails,
}: {
  item: EvidenceItem;
  subjectId: number | undefined;
  onClose: () => void;
  onDetails: () => void;
}) {
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        <Text fw={600} dir="auto" className="evidence-ellipsis" maw={680}>
          {item.name}
        </Text>
      }
    >
      <Stack gap="sm">
        <CaptureMedia item={item} variant="viewer" />
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            <Row label="Captured">
              {item.capturedAt ? formatFull(item.capturedAt) : 'Not stated'}
            </Row>
            <Row label="Added">
              {formatFull(item.addedAt)} by {item.addedBy.name}
            </Row>
            {item.activityId !== null && (
              <Row label="Activity">
                {subjectId === undefined ? (
                  `Event #${item.activityId}`
                ) : (
                  <Anchor
                    renderRoot={(props) => (
                      <Link
                        to="/subjects/$id/activity"
                        params={{ id: String(subjectId) }}
                        search={{ event: item.activityId ?? undefined, case: item.caseNumber }}
                        {...props}
                      />
                    )}
                  >
                    Event #{item.activityId}
                  </Anchor>
                )}
              </Row>
            )}
            {item.alertId !== null && (
              <Row label="Alert">
                <Anchor
                  renderRoot={(props) => (
                    <Link to="/alerts" search={{ alert: item.alertId ?? undefined }} {...props} />
                  )}
                >
                  Alert #{item.alertId}
                </Anchor>
              </Row>
            )}
            {item.note && (
              <Row label="Note">
                <Text
                  size="sm"
                  dir="auto"
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                >
                  {item.note}
                </Text>
              </Row>
            )}
            <Row label="SHA-256">
              <HashText hex={item.sha256} full />
            </Row>
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDetails}>
            Details and custody log
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
