import { Center, Stack, Text } from '@mantine/core';
import { IconPhotoOff, IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { api, type EvidenceItem } from '../../api.ts';
import { mediaOf } from './evidence-format.ts';

/**
 * A capture's bytes shown by the browser itself (`<img>`, `<video>`), from the inline route;
 * each load is recorded on the item's custody log. A tile shows the thumbnail once the server
 * made one (derived bytes: no custody entry), else the capture itself. A video tile shows an
 * icon until opened: a gallery of clips would fetch every one of them.
 */
export function CaptureMedia({
  item,
  variant,
}: {
  item: EvidenceItem;
  variant: 'tile' | 'viewer';
}) {
  const [failed, setFailed] = useState(false);
  const media = mediaOf(item);
  const src =
    variant === 'tile' && item.thumbnail === 'made'
      ? api.evidenceThumbnailUrl(item.caseNumber, item.id)
      : api.evidenceViewUrl(item.caseNumber, item.id);
  if (item.removed || failed || media === null || (media === 'video' && variant === 'tile'))
    return (
      <Center className={`capture-${variant}`} bg="var(--mantine-color-default-hover)">
        <Stack gap={4} align="center" p="sm">
          {media === 'video' && !failed && !item.removed ? (
            <IconVideo size={36} aria-hidden stroke={1.4} />
          ) : (
            <IconPhotoOff size={36} aria-hidden stroke={1.4} />
          )}
          <Text size="xs" c="dimmed" ta="center">
            {item.removed
              ? 'Removed: not shown'
              : media === 'video' && !failed
                ? 'Video: open to play'
                : 'Not shown in the browser: download it from its details'}
          </Text>
        </Stack>
      </Center>
    );
  if (media === 'video')
    return (
      <video
        className={`capture-${variant}`}
        src={src}
        controls
        preload="metadata"
        onError={() => setFailed(true)}
      />
    );
  return (
    <img
      className={`capture-${variant}`}
      src={src}
      // A tile is named by the text beside it; the viewer's image by its own alt.
      alt={variant === 'tile' ? '' : `Capture ${item.name}`}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
