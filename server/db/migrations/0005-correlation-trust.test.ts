import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-saved-views.ts';
import * as m0003 from './0003-alerts.ts';
import * as m0004 from './0004-incident-queue.ts';
import * as m0005 from './0005-correlation-trust.ts';

describe('migration 0005-correlation-trust', () => {
  it('lists the subjects of existing incidents, keeps renamed titles, and files old dismissals as other', async () => {
    const database = openDatabase({ sqliteFile: ':memory:' });
    const { db } = database;
    try {
      for (const m of [m0001, m0002, m0003, m0004]) await m.up(db);
      const at = '2026-01-01T00:00:00.000Z';
      const ws = (
        await db
          .insertInto('workspaces')
          .values({ name: 'Old', slug: 'old', createdAt: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const subject = (email: string) =>
        db
          .insertInto('subjects')
          .values({ workspaceId: ws, email, name: email, createdAt: at, updatedAt: at })
          .returning('id')
          .executeTakeFirstOrThrow();
      const [ann, bob] = [await subject('ann@x.example'), await subject('bob@x.example')];
      const incident = (title: string) =>
        db
          .insertInto('incidents')
          .values({
            workspaceId: ws,
            title,
            status: 'active',
            severity: 'high',
            severityRank: 4,
            subjectId: ann.id,
            assigneeId: null,
            alertCount: 2,
            firstAlertAt: at,
            lastAlertAt: at,
            createdAt: at,
            updatedAt: at,
            updatedBy: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      const kept = await incident('USB copy');
      const renamed = await incident('Ann and Bob: one laptop');
      let n = 0;
      const alert = (incidentId: number, subjectId: number, status: string, minute: number) =>
        db
          .insertInto('alerts')
          .values({
            workspaceId: ws,
            source: 'dlp',
            externalId: `a${(n += 1)}`,
            title: 'USB copy',
            description: '',
            severity: 'high',
            severityRank: 4,
            riskScore: 70 + minute,
            status,
            detectedAt: `2026-01-01T00:0${minute}:00.000Z`,
            receivedAt: at,
            subjectId,
            incidentId,
            events: '[]',
            payload: 'null',
            triagedAt: null,
            triagedBy: null,
            dismissReason: status === 'dismissed' ? 'old' : null,
          })
          .execute();
      await alert(kept.id, ann.id, 'needs_review', 1);
      await alert(kept.id, ann.id, 'dismissed', 2);
      await alert(renamed.id, ann.id, 'needs_review', 3);
      await alert(renamed.id, bob.id, 'needs_review', 4);
      await m0005.up(db);
      const subjects = await db
        .selectFrom('incidentSubjects')
        .select(['incidentId', 'subjectId', 'firstAlertAt'])
        .orderBy('incidentId')
        .orderBy('subjectId')
        .execute();
      expect(subjects).toEqual([
        { incidentId: kept.id, subjectId: ann.id, firstAlertAt: '2026-01-01T00:01:00.000Z' },
        { incidentId: renamed.id, subjectId: ann.id, firstAlertAt: '2026-01-01T00:03:00.000Z' },
        { incidentId: renamed.id, subjectId: bob.id, firstAlertAt: '2026-01-01T00:04:00.000Z' },
      ]);
      const incidents = await db
        .selectFrom('incidents')
        .select(['id', 'titleCustom', 'leadRank'])
        .orderBy('id')
        .execute();
      expect(incidents).toEqual([
        { id: kept.id, titleCustom: 0, leadRank: 4072 },
        { id: renamed.id, titleCustom: 1, leadRank: 4074 },
      ]);
      const categories = await db
        .selectFrom('alerts')
        .select(['status', 'dismissCategory', 'correlationKey'])
        .orderBy('id')
        .execute();
      expect(categories.map((c) => c.dismissCategory)).toEqual([null, 'other', null, null]);
      expect(categories.every((c) => c.correlationKey === null)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
