import { Button, Group } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';

/**
 * Previous / Next over cursor pages: `cursors` is the stack of cursors that led to the page
 * shown, `nextCursor` the list's answer (absent on the last page or while a page loads).
 */
export function PageButtons(props: {
  cursors: string[];
  setCursors: Dispatch<SetStateAction<string[]>>;
  nextCursor: string | null | undefined;
}) {
  const { nextCursor, setCursors } = props;
  return (
    <Group gap={4}>
      <Button
        variant="default"
        leftSection={<IconChevronLeft size={14} />}
        disabled={props.cursors.length === 0}
        onClick={() => setCursors((c) => c.slice(0, -1))}
      >
        Previous
      </Button>
      <Button
        variant="default"
        rightSection={<IconChevronRight size={14} />}
        disabled={!nextCursor}
        onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
      >
        Next
      </Button>
    </Group>
  );
}
