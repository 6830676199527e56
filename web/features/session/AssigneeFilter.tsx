import { Select } from '@mantine/core';
import { useState } from 'react';
import { useAccountOptions } from './useWorkspaceData.ts';

const SHOW_ALL = '__all';

/**
 * A queue's assignee filter: me, unassigned, or an account that may hold case work. "Show all
 * accounts" adds the others (viewers, guests, integrations, disabled accounts); an account
 * already filtered on is offered whatever it is.
 */
export function AssigneeFilter({
  value,
  onChange,
  w,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  w: number;
}) {
  const [all, setAll] = useState(false);
  const working = useAccountOptions('work');
  const every = useAccountOptions('any');
  const picked = value !== undefined && every.some((o) => o.value === value);
  const showAll = all || (picked && !working.some((o) => o.value === value));
  const accounts = showAll ? every : working;
  return (
    <Select
      label="Assignee"
      placeholder="Anyone"
      data={[
        { value: 'me', label: 'Me' },
        { value: 'none', label: 'Unassigned' },
        ...accounts,
        ...(showAll ? [] : [{ value: SHOW_ALL, label: 'Show all accounts…' }]),
      ]}
      value={value ?? null}
      w={w}
      clearable
      searchable
      onChange={(v) => {
        if (v === SHOW_ALL) setAll(true);
        else onChange(v ?? undefined);
      }}
    />
  );
}
