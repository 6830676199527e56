import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.ts';
import * as m0001 from './0001-initial.ts';
import * as m0003 from './0003-alerts.ts';

describe('migration 0003-alerts', () => {
  it('gives existing workspaces the ingestion role and their admin role alerts.ingest', async () => {
    const database = openDatabase({ sqliteFile: ':memory:' });
    const { db } = database;
    try {
      await m0001.up(db);
      const at = '2026-01-01T00:00:00.000Z';
      const ws = await db
        .insertInto('workspaces')
        .values({ name: 'Old', slug: 'old', createdAt: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('roles')
        .values({
          workspaceId: ws.id,
          key: 'admin',
          name: 'Admin',
          permissions: JSON.stringify(['cases.view', 'admin.manage']),
          builtin: 1,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await m0003.up(db);
      const roles = await db
        .selectFrom('roles')
        .select(['key', 'name', 'permissions'])
        .orderBy('id')
        .execute();
      expect(roles).toEqual([
        {
          key: 'admin',
          name: 'Admin',
          permissions: JSON.stringify(['cases.view', 'admin.manage', 'alerts.ingest']),
        },
        {
          key: 'ingest',
          name: 'Ingestion service',
          permissions: JSON.stringify(['alerts.ingest']),
        },
      ]);
    } finally {
      await database.close();
    }
  });
});
