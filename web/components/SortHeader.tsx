import { Table, UnstyledButton } from '@mantine/core';
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

/** A table's header cells: each column's label, sortable where it names a sort, with aria-sort. */
export function SortHeaderCells<S extends string>(props: {
  columns: ReadonlyArray<{ key: string; label: string; sort?: S | undefined; width?: number }>;
  sort: S;
  order: 'asc' | 'desc';
  onSort: (sort: S) => void;
}) {
  const ariaSort = (s: S | undefined) =>
    s && s === props.sort ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined;
  return props.columns.map((col) => (
    <Table.Th
      key={col.key}
      w={col.width}
      style={{ whiteSpace: 'nowrap' }}
      aria-sort={ariaSort(col.sort)}
    >
      <SortHeader
        label={col.label}
        sort={col.sort}
        current={props.sort}
        order={props.order}
        onSort={props.onSort}
      />
    </Table.Th>
  ));
}

/**
 * The sort after a click on `field`'s header: the same column flips its direction, another
 * column starts descending.
 */
export function nextSort<S extends string>(
  current: { sort?: S | undefined; order?: 'asc' | 'desc' | undefined },
  defaultSort: S,
  field: S,
): { sort: S; order: 'asc' | 'desc' } {
  const same = (current.sort ?? defaultSort) === field;
  return { sort: field, order: same && (current.order ?? 'desc') === 'desc' ? 'asc' : 'desc' };
}
