import { Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutGrid, IconTable } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseDetail } from '../../api.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { AddEvidence } from './AddEvidence.tsx';
import { CaptureViewer } from './CaptureViewer.tsx';
import { EvidenceDrawer } from './EvidenceDrawer.tsx';
import {
  EvidenceFilters,
  isFiltered,
  noFilters,
  toEvidenceQuery,
  type TypedFilters,
} from './EvidenceFilters.tsx';
import { EvidenceGallery } from './EvidenceGallery.tsx';
import { EvidenceTable } from './EvidenceTable.tsx';
import { useEvidenceList } from './useEvidence.ts';

type View = 'table' | 'gallery';

/** The case's evidence: add files, filter, a table or a gallery of captures, one item's detail. */
export function EvidenceTab({ c }: { c: CaseDetail }) {
  const [filters, setFilters] = useState(noFilters);
  const [view, setView] = useState<View>('table');
  const typed: TypedFilters = {
    q: filters.q,
    from: filters.from,
    to: filters.to,
    subject: filters.subject,
  };
  const [typedJson] = useDebouncedValue(JSON.stringify(typed), 250);
  const [openId, setOpenId] = useState<number>();
  const [viewing, setViewing] = useState<number>();
  const list = useEvidenceList(
    c.number,
    toEvidenceQuery(filters, JSON.parse(typedJson) as TypedFilters, view === 'gallery'),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const viewed = items.find((i) => i.id === viewing);
  const filtered = isFiltered(filters);

  return (
    <Stack gap="sm">
      <AddEvidence number={c.number} />
      <Group justify="space-between" gap="sm" align="flex-start">
        <EvidenceFilters value={filters} onChange={setFilters} gallery={view === 'gallery'} />
        <Group gap="xs">
          {list.isFetching && !list.isPending && <Loader size="xs" aria-label="Loading evidence" />}
          <SegmentedControl
            size="xs"
            aria-label="Show as"
            value={view}
            onChange={(v) => setView(v)}
            data={[
              { value: 'table', label: <Label icon={<IconTable size={14} />} text="Table" /> },
              {
                value: 'gallery',
                label: <Label icon={<IconLayoutGrid size={14} />} text="Gallery" />,
              },
            ]}
          />
        </Group>
      </Group>
      {list.isPending ? (
        <Group justify="center" py="lg">
          <Loader size="sm" />
          <Text c="dimmed">Loading evidence…</Text>
        </Group>
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            filtered
              ? 'No evidence matches these filters'
              : view === 'gallery'
                ? 'No captures yet'
                : 'No evidence yet'
          }
        >
          {filtered
            ? 'Clear a filter to see more.'
            : 'Drop files above: screen captures, exported files, e-mails (.eml). Each is hashed on arrival and its custody recorded.'}
        </EmptyState>
      ) : view === 'gallery' ? (
        <EvidenceGallery items={items} onOpen={setViewing} />
      ) : (
        <EvidenceTable items={items} openId={openId} onOpen={setOpenId} />
      )}
      {list.hasNextPage && (
        <Button
          variant="default"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Load more
        </Button>
      )}
      {viewed && (
        <CaptureViewer
          item={viewed}
          subjectId={c.subject?.id}
          onClose={() => setViewing(undefined)}
          onDetails={() => {
            setViewing(undefined);
            setOpenId(viewed.id);
          }}
        />
      )}
      <EvidenceDrawer
        number={c.number}
        id={openId}
        underLegalHold={c.access.underLegalHold}
        onClose={() => setOpenId(undefined)}
        onOpen={setOpenId}
      />
    </Stack>
  );
}

function Label({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
