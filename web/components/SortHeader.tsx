import { UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';

/** A column header's label: a sort button with the current direction when the column sorts. */
export function SortHeader<S extends string>(props: {
  label: string;
  sort: S | undefined;
  current: S;
  order: 'asc' | 'desc';
  onSort: (sort: S) => void;
}) {
  const { label, sort } = props;
  if (!sort) return <>{label}</>;
  return (
    <UnstyledButton
      fz="sm"
      fw={600}
      onClick={() => props.onSort(sort)}
      aria-label={`Sort by ${label}`}
    >
      {label}{' '}
      {sort === props.current &&
        (props.order === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
    </UnstyledButton>
  );
}
