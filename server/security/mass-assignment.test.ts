import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';

// Fields a client must never set (numbers, versions, owners, workspaces, roles, times) are
// refused with 400 wherever a body is read, and nothing changes.
let env: TestEnv;
let number = 0;
let taskId = 0;

beforeAll(async () => {
  env = await startTestEnv();
  const created = await env.api('analyst').post('/api/v1/cases', { title: 'Mass assignment' });
  number = created.body.number;
  taskId = (await env.api('analyst').post(`/api/v1/cases/${number}/tasks`, { title: 'A task' }))
    .body.id;
});
afterAll(() => env.close());

const snapshot = async () => ({
  cases: await env.db.selectFrom('cases').selectAll().orderBy('id').execute(),
  tasks: await env.db.selectFrom('tasks').selectAll().orderBy('id').execute(),
  accounts: await env.db.selectFrom('accounts').selectAll().orderBy('id').execute(),
  views: await env.db.selectFrom('savedViews').selectAll().orderBy('id').execute(),
  tokens: await env.db.selectFrom('apiTokens').select(['id', 'accountId']).orderBy('id').execute(),
});

describe('mass assignment', () => {
  it('refuses fields the server owns, in every body, and changes nothing', async () => {
    const analyst = env.api('analyst');
    const before = await snapshot();
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/api/v1/cases', { title: 'x', number: 1 }],
      ['POST', '/api/v1/cases', { title: 'x', workspaceId: 2 }],
      ['POST', '/api/v1/cases', { title: 'x', createdBy: env.members.admin.id }],
      ['PATCH', `/api/v1/cases/${number}`, { version: 99 }],
      ['PATCH', `/api/v1/cases/${number}`, { title: 'y', createdAt: '2020-01-01T00:00:00Z' }],
      ['PATCH', `/api/v1/cases/${number}`, { resolution: { classification: 'benign' } }],
      ['POST', `/api/v1/cases/${number}/tasks`, { title: 'x', caseId: 1 }],
      ['PATCH', `/api/v1/cases/${number}/tasks/${taskId}`, { version: 5 }],
      ['PATCH', '/api/v1/me', { name: 'Me', role: 'admin' }],
      ['PATCH', '/api/v1/me', { email: 'someone.else@example.com' }],
      [
        'POST',
        '/api/v1/views',
        {
          name: 'v',
          filters: {},
          columns: [],
          sort: 'updatedAt:desc',
          ownerId: env.members.admin.id,
        },
      ],
      ['POST', `/api/v1/cases/${number}/comments`, { body: 'x', authorId: env.members.admin.id }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await analyst.request(method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets no one but an admin change a role, whatever the body says', async () => {
    const res = await env
      .api('analyst')
      .patch(`/api/v1/accounts/${env.members.analyst.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
    const row = await env.db
      .selectFrom('accounts')
      .select('roleKey')
      .where('id', '=', env.members.analyst.id)
      .executeTakeFirstOrThrow();
    expect(row.roleKey).toBe('analyst');
  });
});
