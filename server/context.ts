import type { Db } from './db/connection.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import type { PseudonymKeys } from './lib/pseudonym.ts';
import type { Actor } from './modules/access/index.ts';

/** What every service function receives: plain data, no container. */
export interface Ctx {
  readonly db: Db;
  readonly actor: Actor;
  readonly clock: Clock;
  readonly log: Logger;
  /** The keys subjects' pseudonyms are made with (never stored in the database). */
  readonly pseudonyms: PseudonymKeys;
  /**
   * An object that lives as long as one request: what is worked out once per request (what
   * the caller may see of subjects) is remembered against it. Actors outlive requests (they
   * are cached), so they cannot serve.
   */
  readonly request?: object;
}

/** The same context bound to a transaction. */
export const withDb = (ctx: Ctx, db: Db): Ctx => ({ ...ctx, db });
