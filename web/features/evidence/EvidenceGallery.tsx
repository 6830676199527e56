import { SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import type { EvidenceItem } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { CaptureMedia } from './CaptureMedia.tsx';

/** The case's captures as tiles; a click opens the viewer. */
export function EvidenceGallery({
  items,
  onOpen,
}: {
  items: EvidenceItem[];
  onOpen: (id: number) => void;
}) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, md: 4, lg: 5 }}
      spacing="sm"
      component="ul"
      aria-label="Captures"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {items.map((item) => (
        <li key={item.id}>
          <UnstyledButton className="capture-card" onClick={() => onOpen(item.id)}>
            <CaptureMedia item={item} variant="tile" />
            <Text
              size="sm"
              dir="auto"
              className="evidence-ellipsis"
              px={6}
              pt={4}
              title={item.name}
            >
              {item.name}
            </Text>
            <Text size="xs" c="dimmed" px={6} pb={6}>
              {item.capturedAt
                ? `Captured ${formatWhen(item.capturedAt)}`
                : `Added ${formatWhen(item.addedAt)}`}
            </Text>
          </UnstyledButton>
        </li>
      ))}
    </SimpleGrid>
  );
}
