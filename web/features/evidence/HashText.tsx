import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { shortHash } from './evidence-format.ts';

/** A SHA-256, shortened (the whole of it on hover, or `full`), with a button that copies it. */
export function HashText({ hex, full = false }: { hex: string; full?: boolean }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Text
        span
        size="xs"
        ff="monospace"
        title={full ? undefined : hex}
        style={full ? { wordBreak: 'break-all' } : { whiteSpace: 'nowrap' }}
      >
        {full ? hex : shortHash(hex)}
      </Text>
      <CopyButton value={hex} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the SHA-256'} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              aria-label="Copy the SHA-256"
              onClick={(e: React.MouseEvent) => {
                e.stopPropagation();
                copy();
              }}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
