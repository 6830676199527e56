import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-saved-views.ts';
import * as m0003 from './0003-alerts.ts';
import * as m0004 from './0004-incident-queue.ts';
import * as m0005 from './0005-correlation-trust.ts';
import * as m0006 from './0006-alert-sources.ts';

describe('migration 0006-alert-sources', () => {
  it('lists the sources of the alerts stored before, with when each first and last arrived', async () => {
    const database = openDatabase({ sqliteFile: ':memory:' });
    const { db } = database;
    try {
      for (const m of [m0001, m0002, m0003, m0004, m0005]) await m.up(db);
      const ws = (
        await db
          .insertInto('workspaces')
          .values({ name: 'Old', slug: 'old', createdAt: '2026-01-01T00:00:00.000Z' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      let n = 0;
      const alert = (source: string, receivedAt: string) =>
        db
          .insertInto('alerts')
          .values({
            workspaceId: ws,
            source,
            externalId: `a${(n += 1)}`,
            title: 'USB copy',
            description: '',
            severity: 'high',
            severityRank: 4,
            riskScore: 70,
            status: 'needs_review',
            detectedAt: receivedAt,
            receivedAt,
            subjectId: null,
            incidentId: null,
            events: '[]',
            payload: 'null',
            triagedAt: null,
            triagedBy: null,
            dismissReason: null,
          })
          .execute();
      await alert('dlp', '2026-01-02T00:00:00.000Z');
      await alert('dlp', '2026-01-05T00:00:00.000Z');
      await alert('edr', '2026-01-03T00:00:00.000Z');
      await m0006.up(db);
      const rows = await db
        .selectFrom('alertSources')
        .select(['source', 'firstSeenAt', 'lastSeenAt'])
        .orderBy('source')
        .execute();
      expect(rows).toEqual([
        {
          source: 'dlp',
          firstSeenAt: '2026-01-02T00:00:00.000Z',
          lastSeenAt: '2026-01-05T00:00:00.000Z',
        },
        {
          source: 'edr',
          firstSeenAt: '2026-01-03T00:00:00.000Z',
          lastSeenAt: '2026-01-03T00:00:00.000Z',
        },
      ]);
    } finally {
      await database.close();
    }
  });
});
