import { openDatabase, type Database } from '../db/connection.ts';
import type { TestDatabase } from './test-db.ts';

/** Another pool onto the same test database, as a second server process would hold. */
export const openSecondConnection = (database: TestDatabase): Database =>
  openDatabase({
    databaseUrl: database.cliEnv.DATABASE_URL,
    dataDir: database.cliEnv.CASEFILE_DATA_DIR,
    poolSize: 4,
  });
