import { IconFile, IconMail, IconPhoto, IconScreenshot, IconVideo } from '@tabler/icons-react';
import type { EvidenceItem } from '../../api.ts';
import { kindLabels, mediaOf } from './evidence-format.ts';

/** The item's kind as an icon, named for screen readers and on hover. */
export function KindIcon({ item, size = 18 }: { item: EvidenceItem; size?: number }) {
  const label = kindLabels[item.kind];
  const media = mediaOf(item);
  const Icon =
    item.kind === 'email'
      ? IconMail
      : item.kind === 'capture'
        ? media === 'video'
          ? IconVideo
          : media === 'image'
            ? IconPhoto
            : IconScreenshot
        : IconFile;
  return (
    <span title={label} style={{ display: 'inline-flex' }}>
      <Icon size={size} aria-label={label} role="img" stroke={1.6} />
    </span>
  );
}
