import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
