/** True when a write failed on a unique or primary-key constraint, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Messages of node-postgres when a connection drops or cannot be made. */
const lostConnection =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/;

/** Network error codes of a socket to the database. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True when the database could not write for lack of space: SQLite's "database or disk is
 * full" (also its size limit), PostgreSQL's disk_full (53100). The write did not happen; it
 * may succeed once space is freed.
 */
export function isDiskFull(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code === '53100' || /^SQLITE_FULL/.test(code));
}

/**
 * True when a query failed because the database cannot be reached or cannot take the work
 * now (a lost or refused connection, a server shutting down, SQLite busy or out of disk):
 * the request may succeed later, so it is answered 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (socketCodes.has(code)) return true;
    // PostgreSQL: connection exceptions (08) and operator intervention (57P01-57P03).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code)) return true;
    // PostgreSQL: insufficient resources (disk full, out of memory, too many connections).
    if (/^53[0-3]00$/.test(code)) return true;
    if (/^SQLITE_(BUSY|FULL|IOERR|CANTOPEN)/.test(code)) return true;
  }
  return lostConnection.test(error.message);
}
