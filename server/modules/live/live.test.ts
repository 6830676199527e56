import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveChange, LiveReady, LiveResync } from '../../../contract/live.ts';
import { PASSWORD, startTestEnv, type Member, type TestEnv } from '../../testing/harness.ts';
import { openSse, type SseClient } from '../../testing/sse-client.ts';

let env: TestEnv;
let base: string;
let cora: Member;
const open: SseClient[] = [];

beforeAll(async () => {
  env = await startTestEnv({
    CASEFILE_STREAM_HEARTBEAT_SECONDS: '0.2',
    CASEFILE_STREAM_REPLAY_EVENTS: '5',
  });
  cora = await env.addMember('guest', 'Cora Contributor');
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const s of open) s.close();
  await env.close();
});

async function stream(
  who: Member,
  query: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const s = await openSse(`${base}/api/v1/stream?${query}`, {
    authorization: `Bearer ${who.token}`,
    ...headers,
  });
  open.push(s);
  return s;
}
const ready = async (s: SseClient) => LiveReady.parse(JSON.parse((await s.next('ready')).data));
const change = async (s: SseClient) => LiveChange.parse(await s.nextChange());
const newCase = async (title = 'Live case') =>
  (await env.api('analyst').post('/api/v1/cases', { title })).body.number as number;

describe('GET /api/v1/stream', () => {
  it('refuses a request without a session or token with 401', async () => {
    const res = await fetch(`${base}/api/v1/stream`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('refuses an unknown watch and a malformed Last-Event-ID with 400', async () => {
    const api = env.api('analyst');
    expect((await api.get('/api/v1/stream?queues=everything')).status).toBe(400);
    expect((await api.get('/api/v1/stream', { 'last-event-id': 'yesterday' })).status).toBe(400);
  });

  it('tells a tab with a case open of another analyst’s change, comment and task, ids only', async () => {
    const number = await newCase('Secret title');
    const s = await stream(env.members.viewer, `case=${number}`);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toContain('text/event-stream');
    await ready(s);
    const api = env.api('analyst');
    await api.patch(`/api/v1/cases/${number}`, { priority: 'high' });
    await api.post(`/api/v1/cases/${number}/comments`, { body: 'seen it' });
    await api.post(`/api/v1/cases/${number}/tasks`, { title: 'Call the manager' });
    const updated = await change(s);
    expect(updated).toMatchObject({ type: 'case.updated', caseNumber: number });
    expect(updated.topics).toEqual(expect.arrayContaining(['case', 'activity']));
    // The dashboard queue is not what this tab watches.
    expect(updated.topics).not.toContain('cases');
    expect((await change(s)).type).toBe('comment.added');
    const task = await change(s);
    expect(task.type).toBe('task.created');
    expect(task.topics).toContain('tasks');
    expect(s.events.map((e) => e.data).join('\n')).not.toContain('Secret title');
    expect(s.events.map((e) => e.data).join('\n')).not.toContain('seen it');
  });

  it('tells a guest only of the cases it was given, and nothing of alerts', async () => {
    const hidden = await newCase('Not for guests');
    const given = await newCase('For Cora');
    await env.api('admin').put(`/api/v1/cases/${given}/contributors/${cora.id}`);
    const s = await stream(cora, 'queues=cases,alerts');
    await ready(s);
    const api = env.api('analyst');
    await api.patch(`/api/v1/cases/${hidden}`, { priority: 'critical' });
    await env.api('ingest').post('/api/v1/alerts', {
      source: 'dlp',
      externalId: `live-${Date.now()}`,
      title: 'An alert',
      severity: 'low',
      detectedAt: '2026-03-01T00:00:00Z',
      subject: { email: 'someone@corp.example' },
    });
    await api.patch(`/api/v1/cases/${given}`, { priority: 'critical' });
    const first = await change(s);
    expect(first).toMatchObject({ type: 'case.updated', caseNumber: given, topics: ['cases'] });
    const numbers = s.events.filter((e) => e.event === 'change').map((e) => e.data);
    expect(numbers.join()).not.toContain(`"caseNumber":${hidden}`);
    expect(numbers.join()).not.toContain('alerts.ingested');
  });

  it('tells the alerts queue of new alerts, by id', async () => {
    const s = await stream(env.members.viewer, 'queues=alerts');
    await ready(s);
    const res = await env.api('ingest').post('/api/v1/alerts', {
      source: 'dlp',
      externalId: `live-q-${Date.now()}`,
      title: 'Another alert',
      severity: 'high',
      detectedAt: '2026-03-01T00:00:00Z',
      subject: { email: 'other@corp.example' },
    });
    const got = await change(s);
    expect(got).toMatchObject({ type: 'alerts.ingested', created: true, topics: ['alerts'] });
    expect(got.alertIds).toEqual([res.body.results[0].id]);
  });

  it('replays what a reconnecting tab missed after its Last-Event-ID', async () => {
    const number = await newCase();
    const s = await stream(env.members.analyst, `case=${number}`);
    const { seq } = await ready(s);
    s.close();
    const api = env.api('admin');
    await api.patch(`/api/v1/cases/${number}`, { priority: 'low' });
    await api.post(`/api/v1/cases/${number}/comments`, { body: 'while you were away' });
    const again = await stream(env.members.analyst, `case=${number}`, {
      'last-event-id': String(seq),
    });
    expect(await ready(again)).toEqual({ seq, replayed: 2 });
    expect((await change(again)).type).toBe('case.updated');
    const comment = await change(again);
    expect(comment.type).toBe('comment.added');
    expect(comment.seq).toBe(seq + 2);
  });

  it('sends resync to a tab further behind than the replay bound', async () => {
    const number = await newCase();
    const s = await stream(env.members.analyst, `case=${number}`);
    const { seq } = await ready(s);
    s.close();
    for (let i = 0; i < 6; i += 1)
      await env.api('admin').post(`/api/v1/cases/${number}/comments`, { body: `note ${i}` });
    const again = await stream(env.members.analyst, `case=${number}`, {
      'last-event-id': String(seq),
    });
    const resync = LiveResync.parse(JSON.parse((await again.next('resync')).data));
    expect(resync.seq).toBe(seq + 6);
    expect(again.events.some((e) => e.event === 'change')).toBe(false);
    // It goes on live from there.
    await env.api('admin').patch(`/api/v1/cases/${number}`, { priority: 'critical' });
    expect((await change(again)).seq).toBe(seq + 7);
  });

  it('sends heartbeats while nothing happens', async () => {
    const s = await stream(env.members.viewer, 'queues=incidents');
    await ready(s);
    expect((await s.next('comment')).data).toBe('heartbeat');
  });

  it('streams to a signed-in session, and ends the stream when the session ends', async () => {
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: env.members.analyst.email, password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const s = await openSse(`${base}/api/v1/stream?queues=cases`, { cookie });
    open.push(s);
    await ready(s);
    const number = await newCase();
    expect(await change(s)).toMatchObject({ type: 'case.created', caseNumber: number });
    await fetch(`${base}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'sec-fetch-site': 'same-origin' },
    });
    expect(await s.ended(5000)).toBe(true);
  });
});

describe('closing the server', () => {
  it('ends open streams instead of waiting for them', async () => {
    const other = await startTestEnv();
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const address = other.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const s = await openSse(`http://127.0.0.1:${port}/api/v1/stream`, {
      authorization: `Bearer ${other.members.viewer.token}`,
    });
    await ready(s);
    await other.close();
    expect(await s.ended(5000)).toBe(true);
  });
});
