import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContributorList } from '../../../contract/contributors.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type Member, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let counsel: Member;
let number: number;
beforeAll(async () => {
  env = await startTestEnv();
  counsel = await env.addMember('guest', 'Lee Counsel');
  number = (await env.api('analyst').post('/api/v1/cases', { title: 'Counsel case' })).body.number;
});
afterAll(() => env.close());

describe('contributors', () => {
  it('lets an added guest view the case and comment, and nothing else', async () => {
    expect((await env.api(counsel).get(`/api/v1/cases/${number}`)).status).toBe(404);
    const added = await env
      .api('analyst')
      .put(`/api/v1/cases/${number}/contributors/${counsel.id}`);
    expect(added.status).toBe(200);
    expect(added.body.items).toEqual([
      {
        account: { id: counsel.id, name: 'Lee Counsel', email: counsel.email },
        addedAt: expect.any(String),
        addedBy: { id: env.members.analyst.id, name: 'Ana Analyst' },
      },
    ]);
    const guest = env.api(counsel);
    expect((await guest.get(`/api/v1/cases/${number}`)).status).toBe(200);
    expect(
      (await guest.post(`/api/v1/cases/${number}/comments`, { body: 'Legal has no objection.' }))
        .status,
    ).toBe(201);
    expect((await guest.patch(`/api/v1/cases/${number}`, { title: 'renamed' })).status).toBe(403);
    expect((await guest.post(`/api/v1/cases/${number}/tasks`, { title: 'x' })).status).toBe(403);
    expect(
      (await guest.put(`/api/v1/cases/${number}/contributors/${env.members.guest.id}`)).status,
    ).toBe(403);
    expect((await guest.get('/api/v1/accounts')).status).toBe(403);
    const other = (await env.api('analyst').post('/api/v1/cases', { title: 'other' })).body.number;
    expect((await guest.get(`/api/v1/cases/${other}`)).status).toBe(404);
  });

  it('adds idempotently, refuses unknown accounts, and audits adding and removing', async () => {
    expect(
      (await env.api('analyst').put(`/api/v1/cases/${number}/contributors/${counsel.id}`)).body
        .items,
    ).toHaveLength(1);
    expect(
      (await env.api('analyst').put(`/api/v1/cases/${number}/contributors/999999`)).status,
    ).toBe(400);
    expect(
      (await env.api('analyst').delete(`/api/v1/cases/${number}/contributors/${counsel.id}`))
        .status,
    ).toBe(204);
    expect(
      (await env.api('analyst').delete(`/api/v1/cases/${number}/contributors/${counsel.id}`))
        .status,
    ).toBe(404);
    expect((await env.api(counsel).get(`/api/v1/cases/${number}`)).status).toBe(404);
    const actions = await env.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'contributor.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['contributor.added', 'contributor.removed']);
  });

  it('refuses an integration account and a disabled one with a reason, and changes nothing', async () => {
    const analyst = env.api('analyst');
    const leaver = await env.addMember('analyst', 'Dee Leaver');
    await env.api('admin').patch(`/api/v1/accounts/${leaver.id}`, { disabled: true });
    const before = await fingerprint(env.db);
    const ingest = await analyst.put(
      `/api/v1/cases/${number}/contributors/${env.members.ingest.id}`,
    );
    expect(ingest.status).toBe(400);
    expect(ingest.body.error.code).toBe('invalid_input');
    expect(ingest.body.error.message).toMatch(/service account/);
    expect(ingest.body.error.details[0].path).toBe('params.accountId');
    const disabled = await analyst.put(`/api/v1/cases/${number}/contributors/${leaver.id}`);
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.message).toMatch(/cannot be added/);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('accepts a guest and a viewer, who may then comment on that case', async () => {
    for (const who of ['guest', 'viewer'] as const) {
      const added = await env
        .api('analyst')
        .put(`/api/v1/cases/${number}/contributors/${env.members[who].id}`);
      expect(added.status).toBe(200);
      expect(ContributorList.parse(added.body).items.map((c) => c.account.id)).toContain(
        env.members[who].id,
      );
      const comment = await env
        .api(who)
        .post(`/api/v1/cases/${number}/comments`, { body: `A note from the ${who}.` });
      expect(comment.status).toBe(201);
    }
  });
});
