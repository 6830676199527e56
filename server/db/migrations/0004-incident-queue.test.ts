import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-saved-views.ts';
import * as m0003 from './0003-alerts.ts';
import * as m0004 from './0004-incident-queue.ts';

describe('migration 0004-incident-queue', () => {
  it('gives existing incidents version 1, and new ones too', async () => {
    const database = openDatabase({ sqliteFile: ':memory:' });
    const { db } = database;
    try {
      for (const m of [m0001, m0002, m0003]) await m.up(db);
      const at = '2026-01-01T00:00:00.000Z';
      const ws = await db
        .insertInto('workspaces')
        .values({ name: 'Old', slug: 'old', createdAt: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const incident = {
        workspaceId: ws.id,
        title: 'Rule hit',
        status: 'active',
        severity: 'low',
        severityRank: 1,
        subjectId: null,
        assigneeId: null,
        alertCount: 1,
        firstAlertAt: at,
        lastAlertAt: at,
        createdAt: at,
        updatedAt: at,
        updatedBy: null,
      };
      // Before the migration the table has no version column: insert without one.
      await db.insertInto('incidents').values(incident).execute();
      await m0004.up(db);
      await db.insertInto('incidents').values(incident).execute();
      const rows = await db
        .selectFrom('incidents')
        .select(['id', 'version'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.version)).toEqual([1, 1]);
    } finally {
      await database.close();
    }
  });
});
