import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStatus, CaseStatusList, statusPalette } from '../../../contract/statuses.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type RoleKey, type TestEnv } from '../../testing/harness.ts';
import { nextStatusColor } from './statuses.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const list = async (role: RoleKey = 'admin') => {
  const res = await env.api(role).get('/api/v1/case-statuses');
  expect(res.status).toBe(200);
  return CaseStatusList.parse(res.body).items;
};
const named = async (name: string, role: RoleKey = 'admin') =>
  (await list(role)).find((s) => s.name === name)!;
const add = async (body: Record<string, unknown>) => {
  const res = await env.api('admin').post('/api/v1/case-statuses', body);
  expect(res.status).toBe(201);
  return CaseStatus.parse(res.body);
};

describe('status colours and the default-status rules', () => {
  it('gives each new status the first palette colour that no other status has', async () => {
    expect((await list()).map((s) => s.color)).toEqual(statusPalette.slice(0, 3));
    const first = await add({ name: 'Awaiting HR', category: 'active' });
    expect(first.color).toBe(statusPalette[3]);
    const chosen = await add({ name: 'Legal', category: 'active', color: statusPalette[5] });
    expect(chosen.color).toBe(statusPalette[5]);
    expect((await add({ name: 'Escalated', category: 'active' })).color).toBe(statusPalette[4]);
    expect((await add({ name: 'Parked', category: 'active' })).color).toBe(statusPalette[6]);
    const colours = (await list()).map((s) => s.color);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('falls back to the least used palette colour once every one is taken', () => {
    const all = [...statusPalette, ...statusPalette.slice(0, 4), statusPalette[5].toUpperCase()];
    expect(nextStatusColor(all)).toBe(statusPalette[4]);
  });

  it('says through access which statuses may become the default or be retired', async () => {
    await env.api('admin').patch(`/api/v1/case-statuses/${(await named('Parked')).id}`, {
      retired: true,
    });
    const access = Object.fromEntries((await list()).map((s) => [s.name, s.access]));
    expect(access).toMatchObject({
      New: { canMakeDefault: false, canRetire: false },
      Open: { canMakeDefault: true, canRetire: true },
      Closed: { canMakeDefault: false, canRetire: true },
      Parked: { canMakeDefault: false, canRetire: false },
    });
    for (const s of await list('analyst'))
      expect(s.access).toEqual({ canMakeDefault: false, canRetire: false });
  });

  it('refuses a default that is retired or closed, and names the status and the reason', async () => {
    const admin = env.api('admin');
    const before = await fingerprint(env.db);
    const refusal = async (name: string, body: Record<string, unknown>) => {
      const res = await admin.patch(`/api/v1/case-statuses/${(await named(name)).id}`, body);
      return { status: res.status, message: res.body.error.message as string };
    };
    expect(await refusal('Closed', { isDefault: true })).toEqual({
      status: 400,
      message:
        '"Closed" is a closed status, so it cannot be the default: new cases start in the default status, and a case closes only by being resolved',
    });
    expect(await refusal('Parked', { isDefault: true })).toEqual({
      status: 409,
      message: '"Parked" is retired: bring it back into use before making it the default',
    });
    expect(await refusal('New', { retired: true })).toEqual({
      status: 409,
      message:
        '"New" is the default status, so it cannot be retired: make another status the default first',
    });
    expect(await refusal('New', { category: 'closed' })).toEqual({
      status: 400,
      message:
        '"New" is the default status, so it cannot become a closed status: make another status the default first',
    });
    const closedDefault = await admin.post('/api/v1/case-statuses', {
      name: 'Done',
      category: 'closed',
      isDefault: true,
    });
    expect(closedDefault.status).toBe(400);
    expect(closedDefault.body.error.message).toMatch(/^"Done" is a closed status/);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('names the status whose category cannot change because cases use it', async () => {
    const legal = await named('Legal');
    await env.api('analyst').post('/api/v1/cases', { title: 'In review', statusId: legal.id });
    const res = await env
      .api('admin')
      .patch(`/api/v1/case-statuses/${legal.id}`, { category: 'new' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Cases use "Legal", so its category cannot change: retire it and add a new status instead',
    );
  });
});
