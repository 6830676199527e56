import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivityDetail,
  ActivityPage,
  ReviewOutcome,
} from '../../../contract/activity-explorer.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let subjectId: number;
let ids: number[];

beforeAll(async () => {
  env = await startTestEnv();
  const events = Array.from({ length: 4 }, (_, i) => ({
    source: 'edr',
    externalId: `rv-${i}`,
    subject: { email: 'rex.review@corp.example', name: 'Rex Review' },
    occurredAt: `2026-03-0${i + 1}T09:00:00Z`,
    category: 'exfiltration',
    activityType: 'cloud.uploaded',
    riskScore: 50 + i,
    indicators: [{ name: 'personal_domain', score: 30 }],
    object: { name: '<img src=x onerror=alert(1)>.zip', sensitivityLabel: 'Confidential' },
    payload: { html: '<script>alert(1)</script>', nested: { n: i } },
  }));
  await env.api('ingest').post('/api/v1/activities', { activities: events });
  subjectId = (
    await env.db
      .selectFrom('subjects')
      .select('id')
      .where('email', '=', 'rex.review@corp.example')
      .executeTakeFirstOrThrow()
  ).id;
  const page = ActivityPage.parse(
    (await env.api('viewer').get(`/api/v1/subjects/${subjectId}/activities?order=asc`)).body,
  );
  ids = page.items.map((e) => e.id);
});
afterAll(() => env.close());

const audits = () =>
  env.db
    .selectFrom('auditEvents')
    .select(['targetId', 'actorId', 'after'])
    .where('action', '=', 'activities.reviewed')
    .orderBy('seq')
    .execute();

describe('activity detail and review', () => {
  it('answers every field and the raw payload as the source sent it', async () => {
    const res = await env.api('viewer').get(`/api/v1/activities/${ids[0]}`);
    expect(res.status).toBe(200);
    const detail = ActivityDetail.parse(res.body);
    expect(detail).toMatchObject({
      source: 'edr',
      externalId: 'rv-0',
      subjectId,
      objectName: '<img src=x onerror=alert(1)>.zip',
      object: { name: '<img src=x onerror=alert(1)>.zip', sensitivityLabel: 'Confidential' },
      payload: { html: '<script>alert(1)</script>', nested: { n: 0 } },
      reviewedAt: null,
      reviewedBy: null,
      access: { canReview: false },
    });
    expect((await env.api('analyst').get(`/api/v1/activities/${ids[0]}`)).body.access).toEqual({
      canReview: true,
    });
    expect((await env.api('viewer').get('/api/v1/activities/999999')).status).toBe(404);
  });

  it('marks one event reviewed, shows by whom and when, and audits it', async () => {
    const analyst = env.members.analyst;
    const res = await env
      .api('analyst')
      .post(`/api/v1/activities/${ids[0]}/review`, { reviewed: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const detail = ActivityDetail.parse(res.body);
    expect(detail.reviewedBy).toEqual({ id: analyst.id, name: 'Ana Analyst' });
    expect(detail.reviewedAt).not.toBeNull();
    const listed = ActivityPage.parse(
      (await env.api('viewer').get(`/api/v1/subjects/${subjectId}/activities?reviewed=true`)).body,
    );
    expect(listed.items.map((e) => e.id)).toEqual([ids[0]]);
    expect(listed.items[0]?.reviewedBy?.name).toBe('Ana Analyst');
    const audit = await audits();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: String(subjectId), actorId: analyst.id });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ reviewed: true, activityIds: [ids[0]] });
  });

  it('marks many at once, changing and auditing only those whose mark changes', async () => {
    const res = await env.api('admin').post('/api/v1/activities/review', {
      ids: [ids[0], ids[1], ids[2], ids[1]],
      reviewed: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ReviewOutcome.parse(res.body)).toEqual({ changed: [ids[1], ids[2]] });
    const undo = await env
      .api('admin')
      .post('/api/v1/activities/review', { ids: [ids[1], ids[3]], reviewed: false });
    expect(ReviewOutcome.parse(undo.body)).toEqual({ changed: [ids[1]] });
    const audit = await audits();
    expect(audit.slice(1).map((a) => JSON.parse(a.after!))).toEqual([
      { reviewed: true, activityIds: [ids[1], ids[2]] },
      { reviewed: false, activityIds: [ids[1]] },
    ]);
  });

  it('refuses a viewer and an unknown id, changing nothing', async () => {
    const before = await fingerprint(env.db);
    const viewer = await env
      .api('viewer')
      .post('/api/v1/activities/review', { ids: [ids[3]], reviewed: true });
    expect(viewer.status).toBe(403);
    const unknown = await env
      .api('admin')
      .post('/api/v1/activities/review', { ids: [ids[3], 999999], reviewed: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const empty = await env
      .api('admin')
      .post('/api/v1/activities/review', { ids: [], reviewed: true });
    expect(empty.status).toBe(400);
    expect(await fingerprint(env.db)).toEqual(before);
  });
});
