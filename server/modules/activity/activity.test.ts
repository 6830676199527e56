import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1, uploadEvidence } from '../../testing/evidence.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let number: number;
beforeAll(async () => {
  env = await startTestEnv();
  const api = env.api('analyst');
  number = (await api.post('/api/v1/cases', { title: 'Activity case' })).body.number;
  for (let i = 0; i < 7; i += 1) {
    await api.post(`/api/v1/cases/${number}/comments`, {
      body: `Note ${i}`,
      format: i % 2 ? 'markdown' : 'plain',
    });
    await api.patch(`/api/v1/cases/${number}`, { priority: i % 2 ? 'high' : 'low' });
  }
});
afterAll(() => env.close());

type Item = { kind: string; id: number; at: string; body?: string; action?: string };
const feed = async (query: string) =>
  (await env.api('viewer').get(`/api/v1/cases/${number}/activity?${query}`)).body as {
    items: Item[];
    nextCursor: string | null;
  };

describe('activity log', () => {
  it('interleaves comments and audit events newest first', async () => {
    const page = await feed('limit=200');
    expect(page.items).toHaveLength(15);
    const times = page.items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items[0]).toMatchObject({ kind: 'audit', action: 'case.updated' });
    expect(page.items[1]).toMatchObject({ kind: 'comment', body: 'Note 6' });
    expect(page.items.at(-1)).toMatchObject({ kind: 'audit', action: 'case.created' });
  });

  it('filters by kind', async () => {
    expect((await feed('kind=comment&limit=200')).items.every((i) => i.kind === 'comment')).toBe(
      true,
    );
    expect((await feed('kind=comment&limit=200')).items).toHaveLength(7);
    expect((await feed('kind=audit&limit=200')).items).toHaveLength(8);
  });

  for (const kind of ['all', 'comment', 'audit']) {
    it(`pages through the ${kind} feed without gaps or repeats`, async () => {
      const whole = (await feed(`kind=${kind}&limit=200`)).items.map((i) => `${i.kind}${i.id}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await feed(`kind=${kind}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((i) => `${i.kind}${i.id}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(whole);
    });
  }

  it('keeps comments permanent: edit and delete answer 405 and change nothing', async () => {
    const id = (await feed('kind=comment&limit=1')).items[0]!.id;
    const edit = await env
      .api('admin')
      .patch(`/api/v1/cases/${number}/comments/${id}`, { body: 'rewritten' });
    expect(edit.status).toBe(405);
    expect(edit.body.error.code).toBe('method_not_allowed');
    expect((await env.api('admin').delete(`/api/v1/cases/${number}/comments/${id}`)).status).toBe(
      405,
    );
    expect((await feed('kind=comment&limit=1')).items[0]).toMatchObject({ id, body: 'Note 6' });
  });

  it('counts comments on the case and records their hash in the audit chain', async () => {
    const c = await env.api('viewer').get(`/api/v1/cases/${number}`);
    expect(c.body.commentCount).toBe(7);
    const events = await env.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'comment.added')
      .execute();
    expect(events).toHaveLength(7);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({
      caseNumber: number,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('shows evidence events only to those who may see the evidence, and views to nobody', async () => {
    const kase = (await env.api('admin').post('/api/v1/cases', { title: 'Evidence events' })).body
      .number as number;
    const added = await uploadEvidence(env, kase, PNG_1X1, { name: 'secret-capture.png' });
    expect(added.status).toBe(201);
    const download = await env
      .api('investigator')
      .get(`/api/v1/cases/${kase}/evidence/${added.body.id}/content?purpose=HR%20report`);
    expect(download.status).toBe(200);
    // A view is audited, but read on the item's custody log: the activity log leaves it out.
    const view = await env
      .api('investigator')
      .get(`/api/v1/cases/${kase}/evidence/${added.body.id}/view`);
    expect(view.status).toBe(200);
    const viewed = await env.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', '=', 'evidence.viewed')
      .where('targetId', '=', String(added.body.id))
      .execute();
    expect(viewed).toHaveLength(1);
    const actions = async (who: 'investigator' | 'analyst' | 'viewer') => {
      const res = await env.api(who).get(`/api/v1/cases/${kase}/activity?kind=audit&limit=200`);
      expect(res.status).toBe(200);
      return { text: JSON.stringify(res.body), items: (res.body as { items: Item[] }).items };
    };
    const investigator = await actions('investigator');
    expect(investigator.items.map((i) => i.action)).toEqual([
      'evidence.downloaded',
      'evidence.added',
      'case.created',
    ]);
    for (const who of ['analyst', 'viewer'] as const) {
      const seen = await actions(who);
      expect(seen.items.map((i) => i.action)).toEqual(['case.created']);
      expect(seen.text).not.toContain('secret-capture');
    }
  });
});
