import { useState } from 'react';

/*
 * The columns a person last chose for a table, kept in this browser per account and table, so
 * that they come back on the next visit without saving a view. A `cols` value in the address
 * (typed, shared, or set by applying a saved view) wins over the remembered one.
 */
const keyOf = (accountId: number, table: string) => `casefile:columns:${accountId}:${table}`;

export function readColumns(accountId: number, table: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(keyOf(accountId, table)) ?? undefined;
  } catch {
    // Storage can be switched off; the defaults are then used.
    return undefined;
  }
}

export function writeColumns(accountId: number, table: string, cols: string | undefined) {
  try {
    if (cols === undefined) globalThis.localStorage?.removeItem(keyOf(accountId, table));
    else globalThis.localStorage?.setItem(keyOf(accountId, table), cols);
  } catch {
    // Not remembered: the choice still applies to this page.
  }
}

/** The columns to show: the address's, else the remembered choice; `remember` keeps a new one. */
export function useRememberedColumns(
  table: string,
  fromAddress: string | undefined,
  accountId: number | undefined,
) {
  const [stored, setStored] = useState(() =>
    accountId === undefined ? undefined : readColumns(accountId, table),
  );
  return {
    cols: fromAddress ?? stored,
    remember: (cols: string | undefined) => {
      if (accountId !== undefined) writeColumns(accountId, table, cols);
      setStored(cols);
    },
  };
}
