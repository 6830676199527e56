import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const priorities = ['low', 'high', 'medium', 'high', 'critical', 'low', 'high', 'medium'];

/** Every page of a queue, following the cursor, as case numbers. */
async function pageThrough(query: string, limit: number): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await env
      .api('analyst')
      .get(`/api/v1/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    numbers.push(...(res.body.items as Array<{ number: number }>).map((c) => c.number));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return numbers;
}

describe('the queue over several categories', () => {
  it('pages new and active cases in the same order as one query over all of them', async () => {
    const statuses = (await env.api('analyst').get('/api/v1/case-statuses')).body.items as Array<{
      id: number;
      category: string;
    }>;
    const open = statuses.find((s) => s.category === 'active')!;
    for (const [i, priority] of priorities.entries()) {
      const created = await env
        .api('analyst')
        .post('/api/v1/cases', { title: `case ${i}`, priority });
      expect(created.status).toBe(201);
      if (i % 3 !== 0) {
        const moved = await env
          .api('analyst')
          .patch(
            `/api/v1/cases/${created.body.number}`,
            { statusId: open.id },
            { 'if-match': '"1"' },
          );
        expect(moved.status).toBe(200);
      }
    }
    for (const sort of ['updatedAt', 'priority', 'number']) {
      for (const order of ['desc', 'asc']) {
        const all = await pageThrough(`sort=${sort}&order=${order}`, 200);
        expect(all).toHaveLength(priorities.length);
        const merged = await pageThrough(`category=new,active&sort=${sort}&order=${order}`, 3);
        expect(merged).toEqual(all);
      }
    }
  });
});
