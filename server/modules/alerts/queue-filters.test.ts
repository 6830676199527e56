import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;

const people = [
  { name: 'Megan Bowen', email: 'megan.bowen@corp.example' },
  { name: 'Adele Vance', email: 'adele.vance@corp.example' },
  { name: 'Alex Wilber', email: 'alex.wilber@corp.example' },
];

beforeAll(async () => {
  env = await startTestEnv();
  const alerts = Array.from({ length: 30 }, (_, i) => ({
    source: ['dlp', 'edr', 'entra-id'][i % 3],
    externalId: `q-${i}`,
    title: i === 7 ? 'Files copied to a USB drive' : `Unusual sign-in ${i}`,
    severity: 'medium',
    riskScore: 50,
    detectedAt: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
    subject: people[i % 3],
  }));
  const res = await env.api('ingest').post('/api/v1/alerts', { alerts });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
});
afterAll(() => env.close());

const list = async (query: string) => {
  const res = await env.api('viewer').get(`/api/v1/alerts?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: Array<{
      id: number;
      title: string;
      detectedAt: string;
      subject: { name: string } | null;
    }>;
    nextCursor: string | null;
    total?: { count: number; exact: boolean };
  };
};

describe('alert queue search and filters', () => {
  it("finds a person's alerts by part of their name or e-mail", async () => {
    const byName = await list('q=megan&limit=200');
    expect(byName.items).toHaveLength(10);
    expect(new Set(byName.items.map((a) => a.subject?.name))).toEqual(new Set(['Megan Bowen']));
    const byEmail = await list(`q=${encodeURIComponent('adele.vance@corp')}&limit=200`);
    expect(byEmail.items).toHaveLength(10);
    expect(byEmail.items.every((a) => a.subject?.name === 'Adele Vance')).toBe(true);
  });

  it('pages words and people together, in order, each alert once', async () => {
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: [
        {
          source: 'dlp',
          externalId: 'fwd-megan',
          title: 'Forwarding rule to megan.private@mail.example',
          severity: 'low',
          riskScore: 30,
          detectedAt: '2026-11-01T05:30:00.000Z',
          subject: people[1],
        },
      ],
    });
    expect(res.status).toBe(200);
    const seen: Array<{ id: number; detectedAt: string }> = [];
    let cursor: string | null = null;
    do {
      const page = await list(`q=megan&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(new Set(seen.map((a) => a.id)).size).toBe(11);
    const order = [...seen].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || b.id - a.id);
    expect(seen).toEqual(order);
    expect((await list('q=megan&total=true')).total).toEqual({ count: 11, exact: true });
  });

  it('still finds words of the title alongside people', async () => {
    const usb = await list('q=usb');
    expect(usb.items.map((a) => a.title)).toEqual(['Files copied to a USB drive']);
  });

  it('does not treat a fragment held by many names as a person', async () => {
    // 51 temporary staff share a domain: it names no one in particular, and no title holds it.
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: Array.from({ length: 51 }, (_, i) => ({
        source: 'dlp',
        externalId: `temp-${i}`,
        title: 'Upload to personal cloud storage',
        severity: 'low',
        riskScore: 20,
        detectedAt: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
        subject: { name: `Temp ${i}`, email: `temp${i}@staff.example` },
      })),
    });
    expect(res.status).toBe(200);
    expect((await list('q=staff.example')).items).toEqual([]);
    expect((await list('q=temp7@staff.example')).items).toHaveLength(1);
    // Fewer than three characters never select people.
    expect((await list('q=al')).items).toEqual([]);
  });

  it('counts the matches on request, on the first page and after it', async () => {
    const first = await list('limit=4&total=true&source=edr');
    expect(first.items).toHaveLength(4);
    expect(first.total).toEqual({ count: 10, exact: true });
    expect((await list('q=megan&total=true')).total).toEqual({ count: 11, exact: true });
    expect((await list('q=usb&total=true')).total).toEqual({ count: 1, exact: true });
    expect((await list('limit=4')).total).toBeUndefined();
  });

  it('lists the sources alerts came from, once each', async () => {
    const res = await env.api('viewer').get('/api/v1/alerts/sources');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { source: string }) => s.source)).toEqual([
      'dlp',
      'edr',
      'entra-id',
    ]);
    const again = await env.api('ingest').post('/api/v1/alerts', {
      alerts: [
        {
          source: 'proofpoint',
          externalId: 'pp-1',
          title: 'Phishing link clicked',
          severity: 'high',
          riskScore: 70,
          detectedAt: '2026-11-03T10:00:00.000Z',
        },
      ],
    });
    expect(again.status).toBe(200);
    const after = await env.api('viewer').get('/api/v1/alerts/sources');
    expect(after.body.items.map((s: { source: string }) => s.source)).toContain('proofpoint');
    expect(after.body.items).toHaveLength(4);
  });

  it('refuses the sources to a guest', async () => {
    const res = await env.api('guest').get('/api/v1/alerts/sources');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});
