import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const n: Record<string, number> = {};

beforeAll(async () => {
  env = await startTestEnv();
  const analyst = env.api('analyst');
  const statuses = (await analyst.get('/api/v1/case-statuses')).body.items as Array<{
    id: number;
    name: string;
  }>;
  const open = statuses.find((s) => s.name === 'Open')!.id;
  const make = async (key: string, body: Record<string, unknown>) => {
    const res = await analyst.post('/api/v1/cases', body);
    expect(res.status).toBe(201);
    n[key] = res.body.number;
  };
  await make('usb', {
    title: 'USB copy of source code',
    priority: 'high',
    assigneeId: env.members.analyst.id,
    dueAt: '2026-03-01T00:00:00Z',
  });
  await make('phish', {
    title: 'Phishing click by finance clerk',
    priority: 'low',
    description: 'Clicked a credential harvesting link',
  });
  await make('travel', {
    title: 'Impossible travel sign-in',
    priority: 'critical',
    assigneeId: env.members.investigator.id,
    statusId: open,
    dueAt: '2026-04-01T00:00:00Z',
  });
  await make('mail', { title: 'Mail to personal address', priority: 'medium' });
  await analyst.post(`/api/v1/cases/${n.mail}/resolve`, {
    classification: 'benign',
    reason: 'Sent own payslip',
  });
  await analyst.post(`/api/v1/cases/${n.phish}/comments`, {
    body: 'The mailbox shows a zebra-striped lure',
  });
  await analyst.post(`/api/v1/cases/${n.usb}/tasks`, { title: 'Image the quarantined laptop' });
  for (let i = 0; i < 26; i += 1) {
    await make(`bulk${i}`, {
      title: `Routine alert review ${i}`,
      priority: (['very_low', 'low', 'medium', 'high'] as const)[i % 4],
      ...(i % 3 === 0
        ? { dueAt: `2026-05-${String(10 + (i % 9)).padStart(2, '0')}T12:00:00Z` }
        : {}),
    });
  }
});
afterAll(() => env.close());

const list = async (query: string, role: Parameters<TestEnv['api']>[0] = 'analyst') => {
  const res = await env.api(role).get(`/api/v1/cases?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: Array<{
      number: number;
      priority: string;
      dueAt: string | null;
      status: { category: string };
    }>;
    nextCursor: string | null;
    total?: { count: number; exact: boolean };
  };
};
const numbers = (page: { items: Array<{ number: number }> }) => page.items.map((c) => c.number);

describe('case queue', () => {
  it('filters by category, status, priority and assignee', async () => {
    expect(numbers(await list('category=active'))).toEqual([n.travel]);
    expect(numbers(await list('category=closed'))).toEqual([n.mail]);
    expect(numbers(await list('assignee=me'))).toEqual([n.usb]);
    expect(numbers(await list(`assignee=${env.members.investigator.id}`))).toEqual([n.travel]);
    expect((await list('assignee=none&limit=200')).items).toHaveLength(28);
    expect(numbers(await list('priority=critical,high&sort=number&order=asc')).slice(0, 2)).toEqual(
      [n.usb, n.travel],
    );
    const active = await list('category=new,active&limit=200');
    expect(active.items.every((c) => c.status.category !== 'closed')).toBe(true);
  });

  it('filters overdue cases by due date and cases by creation and update times', async () => {
    expect(numbers(await list('dueBefore=2026-03-02T00:00:00Z'))).toEqual([n.usb]);
    const all = await list('limit=200&sort=createdAt&order=asc');
    expect(all.items).toHaveLength(30);
    const created = (await env.api('viewer').get(`/api/v1/cases/${n.travel}`)).body
      .createdAt as string;
    const from = await list(`createdFrom=${encodeURIComponent(created)}&limit=200`);
    expect(from.items).toHaveLength(28);
    const to = await list(`createdTo=${encodeURIComponent(created)}&limit=200`);
    expect(numbers(to).sort()).toEqual([n.usb, n.phish].sort());
    const updated = (await env.api('viewer').get(`/api/v1/cases/${n.mail}`)).body
      .updatedAt as string;
    expect(
      numbers(
        await list(
          `updatedFrom=${encodeURIComponent(updated)}&updatedTo=${encodeURIComponent(new Date(Date.parse(updated) + 1).toISOString())}`,
        ),
      ),
    ).toEqual([n.mail]);
  });

  it('searches by number, by words in title and description, by prefix, in tasks and in comments', async () => {
    expect(numbers(await list(`q=${n.travel}`))).toEqual([n.travel]);
    expect(numbers(await list(`q=%23${n.travel}`))).toEqual([n.travel]);
    expect(numbers(await list('q=phishing'))).toEqual([n.phish]);
    expect(numbers(await list('q=credential%20harvesting'))).toEqual([n.phish]);
    expect(numbers(await list('q=imposs'))).toEqual([n.travel]);
    expect(numbers(await list('q=quarantined'))).toEqual([n.usb]);
    expect(numbers(await list('q=zebra'))).toEqual([n.phish]);
    expect(numbers(await list('q=nothing-matches-this'))).toEqual([]);
    expect(numbers(await list('q=%22%27%29%28*'))).toEqual([]);
  });

  it('sorts by priority, highest first, and counts the total on request', async () => {
    const page = await list('sort=priority&limit=3&total=true');
    expect(page.items.map((c) => c.priority)).toEqual(['critical', 'high', 'high']);
    expect(page.total).toEqual({ count: 30, exact: true });
  });

  for (const sort of ['updatedAt', 'createdAt', 'priority', 'dueAt', 'number'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`pages through every case exactly once sorted by ${sort} ${order}`, async () => {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await list(
            `sort=${sort}&order=${order}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          );
          seen.push(...numbers(page));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor && pages < 20);
        expect(pages).toBe(5);
        expect(new Set(seen).size).toBe(30);
        const whole = numbers(await list(`sort=${sort}&order=${order}&limit=200`));
        expect(seen).toEqual(whole);
        if (sort === 'dueAt') {
          const due = (await list(`sort=dueAt&order=${order}&limit=200`)).items.map((c) => c.dueAt);
          const firstNull = due.indexOf(null);
          expect(due.slice(firstNull).every((d) => d === null)).toBe(true);
        }
      });
    }
  }

  it('shows a guest only the cases it contributes to', async () => {
    expect((await list('', 'guest')).items).toEqual([]);
    await env.api('analyst').put(`/api/v1/cases/${n.phish}/contributors/${env.members.guest.id}`);
    expect(numbers(await list('limit=200&total=true', 'guest'))).toEqual([n.phish]);
    expect(numbers(await list('q=finance', 'guest'))).toEqual([n.phish]);
    expect(numbers(await list('q=usb', 'guest'))).toEqual([]);
  });
});
