import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { nextDelayMs, MAX_ATTEMPTS, RETRY_DELAYS_MS } from './backoff.ts';
import { nextEventsFor } from './events.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

async function subscription(eventTypes: unknown) {
  const res = await env
    .api('admin')
    .post('/api/v1/webhooks', { url: 'https://hooks.example.com/in', eventTypes });
  return env.db
    .selectFrom('webhookSubscriptions')
    .selectAll()
    .where('id', '=', res.body.id)
    .executeTakeFirstOrThrow();
}

describe('nextEventsFor', () => {
  it('reads the events after the cursor, in order, of the types asked for', async () => {
    await env.api('analyst').post('/api/v1/cases', { title: 'Before' });
    const onlyCases = await subscription(['case.created', 'task.created']);
    const everything = await subscription('all');
    const kase = await env.api('analyst').post('/api/v1/cases', { title: 'Exfiltration' });
    const number = kase.body.number as number;
    await env.api('analyst').post(`/api/v1/cases/${number}/tasks`, { title: 'Image laptop' });
    await env.api('analyst').post(`/api/v1/cases/${number}/comments`, { body: 'Started' });
    await env.api('admin').post('/api/v1/views', { name: 'Mine', filters: {} });

    const head = await env.db
      .selectFrom('auditHeads')
      .select('seq')
      .where('workspaceId', '=', env.workspaceId)
      .executeTakeFirstOrThrow();

    const some = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      onlyCases,
      100,
    );
    expect(some.events.map((e) => e.type)).toEqual(['case.created', 'task.created']);
    expect(some.events.map((e) => e.data.caseNumber)).toEqual([number, number]);
    expect(some.events[1]!.data).toMatchObject({
      action: 'task.created',
      target: { type: 'task' },
      after: { title: 'Image laptop' },
    });
    // Passed-over events count too: the cursor moves to the last event read.
    expect(some.throughSeq).toBe(head.seq);

    const all = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      everything,
      100,
    );
    // Its own creation is not sent to it: it starts after that event.
    expect(all.events.map((e) => e.type)).toEqual([
      'case.created',
      'task.created',
      'comment.added',
      'view.created',
    ]);
    expect(all.events.map((e) => e.seq)).toEqual(
      [...all.events.map((e) => e.seq)].sort((a, b) => a - b),
    );
    expect(all.events.find((e) => e.type === 'comment.added')!.data.caseNumber).toBe(number);
    expect(all.events.every((e) => e.seq > everything.cursorSeq)).toBe(true);
  });

  it('reads at most `limit` events of the log and resumes from throughSeq', async () => {
    const sub = await subscription('all');
    for (const title of ['One', 'Two', 'Three'])
      await env.api('analyst').post('/api/v1/cases', { title });
    const first = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      sub,
      2,
    );
    expect(first.events.map((e) => e.data.after?.title)).toEqual(['One', 'Two']);
    const rest = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      { ...sub, cursorSeq: first.throughSeq },
      2,
    );
    expect(first.read).toBe(2);
    expect(rest.events.map((e) => e.data.after?.title)).toEqual(['Three']);
    // Fewer than the limit: the head of the log was reached.
    expect(rest.read).toBe(1);
    const none = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      { ...sub, cursorSeq: rest.throughSeq },
      2,
    );
    expect(none).toEqual({ events: [], throughSeq: rest.throughSeq, read: 0 });
  });

  it('skips changes that are not webhook event types, such as sign-ins', async () => {
    const sub = await subscription('all');
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        email: env.members.viewer.email,
        password: 'correct horse battery staple',
      }),
    });
    expect(signIn.statusCode).toBe(200);
    const read = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      sub,
      100,
    );
    expect(read.throughSeq).toBeGreaterThan(sub.cursorSeq);
    expect(read.events).toEqual([]);
  });
});

describe('payloads of a pseudonymised workspace', () => {
  it('never name the subject, even where a case title does', async () => {
    const sub = await subscription('all');
    const alert = await env.api('ingest').post('/api/v1/alerts', {
      source: 'dlp',
      externalId: 'named-1',
      title: 'Mail to a personal address',
      severity: 'high',
      detectedAt: '2026-03-01T10:00:00Z',
      subject: { email: 'olga.petrova@corp.example', name: 'Olga Petrova' },
    });
    const subject = await env.api('admin').get(`/api/v1/alerts/${alert.body.results[0].id}`);
    await env.api('admin').patch('/api/v1/settings', { privacy: { pseudonymise: true } });
    const c = await env.api('admin').post('/api/v1/cases', {
      title: 'Leak by Olga Petrova',
      subjectId: subject.body.subject.id,
    });
    await env.api('admin').patch(`/api/v1/cases/${c.body.number}`, {
      title: 'Leak by Olga Petrova (second look)',
    });
    const { events } = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      sub,
      100,
    );
    const titles = events.filter((e) => e.data.after?.title).map((e) => e.data.after!.title);
    expect(titles).toHaveLength(2);
    for (const title of titles) expect(title).toMatch(/^Leak by Anon-\w{4}-\w{4}/);
    expect(JSON.stringify(events)).not.toMatch(/olga|petrova/i);
    await env.api('admin').patch('/api/v1/settings', { privacy: { pseudonymise: false } });
  });
});

describe('retry schedule', () => {
  it('spreads eight attempts over at least 24 hours, then stops', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const least = RETRY_DELAYS_MS.reduce((sum, _, i) => sum + nextDelayMs(i + 1, () => 0)!, 0);
    const most = RETRY_DELAYS_MS.reduce((sum, _, i) => sum + nextDelayMs(i + 1, () => 1)!, 0);
    expect(least).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(most).toBe(Math.round(least * 1.25));
    expect(nextDelayMs(1, () => 0.5)).toBe(5_625);
    expect(nextDelayMs(MAX_ATTEMPTS, () => 0)).toBeNull();
  });
});
