import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDetail } from '../../../contract/cases.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type RoleKey, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let number: number;
beforeAll(async () => {
  env = await startTestEnv();
  const created = await env.api('analyst').post('/api/v1/cases', { title: 'Access case' });
  expect(created.status).toBe(201);
  const body = CaseDetail.parse(created.body);
  expect(body.access).toEqual({
    canEdit: true,
    canComment: true,
    canManageContributors: true,
    canRevealSubject: false,
    canManageEvidence: false,
    underLegalHold: false,
  });
  number = body.number;
  for (const role of ['guest', 'viewer'] as const) {
    const added = await env
      .api('analyst')
      .put(`/api/v1/cases/${number}/contributors/${env.members[role].id}`);
    expect(added.status).toBe(200);
  }
});
afterAll(() => env.close());

const accessOf = async (role: RoleKey) => {
  const res = await env.api(role).get(`/api/v1/cases/${number}`);
  expect(res.status).toBe(200);
  return CaseDetail.parse(res.body).access;
};

describe('one case and what the caller may do with it', () => {
  it('tells each role what it may do with the case, as the server enforces it', async () => {
    const all = {
      canEdit: true,
      canComment: true,
      canManageContributors: true,
      underLegalHold: false,
    };
    // Revealing a pseudonymised subject and evidence are for investigators and administrators.
    const investigate = { canRevealSubject: true, canManageEvidence: true };
    expect(await accessOf('analyst')).toEqual({
      ...all,
      canRevealSubject: false,
      canManageEvidence: false,
    });
    expect(await accessOf('investigator')).toEqual({ ...all, ...investigate });
    expect(await accessOf('admin')).toEqual({ ...all, ...investigate });
    // A viewer or a guest added as a contributor may comment, nothing else.
    const comment = {
      canEdit: false,
      canComment: true,
      canManageContributors: false,
      canRevealSubject: false,
      canManageEvidence: false,
      underLegalHold: false,
    };
    expect(await accessOf('viewer')).toEqual(comment);
    expect(await accessOf('guest')).toEqual(comment);
    const other = (await env.api('analyst').post('/api/v1/cases', { title: 'Unshared' })).body;
    const viewer = await env.api('viewer').get(`/api/v1/cases/${other.number}`);
    expect(CaseDetail.parse(viewer.body).access).toEqual({
      canEdit: false,
      canComment: false,
      canManageContributors: false,
      canRevealSubject: false,
      canManageEvidence: false,
      underLegalHold: false,
    });
    expect((await env.api('viewer').patch(`/api/v1/cases/${number}`, { title: 'no' })).status).toBe(
      403,
    );
  });

  it('changes title, description and tags at the version shown, audited', async () => {
    const api = env.api('analyst');
    const current = CaseDetail.parse((await api.get(`/api/v1/cases/${number}`)).body);
    const res = await api.patch(
      `/api/v1/cases/${number}`,
      { title: 'USB copy by Megan Bowen', description: '**Two** drives', tags: ['usb', 'hr'] },
      { 'if-match': `"${current.version}"` },
    );
    expect(res.status).toBe(200);
    const updated = CaseDetail.parse(res.body);
    expect(updated).toMatchObject({
      title: 'USB copy by Megan Bowen',
      description: '**Two** drives',
      tags: ['usb', 'hr'],
      version: current.version + 1,
      access: { canEdit: true },
    });
    expect(res.headers.etag).toBe(`"${current.version + 1}"`);
    const event = await env.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'case.updated')
      .where('targetId', '=', String(number))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before!)).toEqual({ title: 'Access case', description: '', tags: [] });
    expect(JSON.parse(event.after!)).toEqual({
      title: 'USB copy by Megan Bowen',
      description: '**Two** drives',
      tags: ['usb', 'hr'],
    });
  });

  it('refuses an edit made on a version someone else changed since, and changes nothing', async () => {
    const api = env.api('analyst');
    const seen = CaseDetail.parse((await api.get(`/api/v1/cases/${number}`)).body);
    await env.api('investigator').patch(`/api/v1/cases/${number}`, { description: 'Theirs' });
    const before = await fingerprint(env.db);
    const stale = await api.patch(
      `/api/v1/cases/${number}`,
      { description: 'Mine' },
      { 'if-match': `"${seen.version}"` },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(stale.body.error.message).toMatch(/changed by someone else/);
    expect(await fingerprint(env.db)).toEqual(before);
    const now = CaseDetail.parse((await api.get(`/api/v1/cases/${number}`)).body);
    expect(now.description).toBe('Theirs');
  });
});
