import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveChange, LiveReady } from '../../../contract/live.ts';
import { silentLogger } from '../../lib/logger.ts';
import { PNG_1X1, phishingEml, runEvidenceJobs, uploadEvidence } from '../../testing/evidence.ts';
import { startTestEnv, type Member, type TestEnv } from '../../testing/harness.ts';
import { openSse, type SseClient } from '../../testing/sse-client.ts';
import { evidenceStoreOf, verifyEvidence } from '../evidence/index.ts';

// Live updates of a case's evidence reach only those who may see the evidence: investigators
// and admins. Analysts, viewers and a guest contributing to the case, with the same case open,
// hear nothing of it: no event, no topic, no id.
let env: TestEnv;
let base: string;
const open: SseClient[] = [];

beforeAll(async () => {
  env = await startTestEnv();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const s of open) s.close();
  await env.close();
});

async function stream(who: Member, query: string, headers: Record<string, string> = {}) {
  const s = await openSse(`${base}/api/v1/stream?${query}`, {
    authorization: `Bearer ${who.token}`,
    ...headers,
  });
  open.push(s);
  expect(s.status).toBe(200);
  return { s, seq: LiveReady.parse(JSON.parse((await s.next('ready')).data)).seq };
}
const change = async (s: SseClient) => LiveChange.parse(await s.nextChange());
const changes = (s: SseClient) =>
  s.events.filter((e) => e.event === 'change').map((e) => LiveChange.parse(JSON.parse(e.data)));

/** A case with the guest as its contributor: it may open the case, never its evidence. */
async function caseWithGuest(title: string) {
  const number = (await env.api('admin').post('/api/v1/cases', { title })).body.number as number;
  const put = await env
    .api('admin')
    .put(`/api/v1/cases/${number}/contributors/${env.members.guest.id}`);
  expect(put.status).toBeLessThan(300);
  return number;
}

/** Tabs with the case open that must hear nothing of its evidence. */
async function outsiders(number: number) {
  const { analyst, viewer, guest } = env.members;
  return Promise.all(
    [analyst, viewer, guest].map(async (m) => (await stream(m, `case=${number}`)).s),
  );
}

/**
 * Waits for a comment on the case, the next thing each outsider may hear of: events arrive in
 * log order, so every evidence event before it was judged and left out. Then nothing they were
 * sent names evidence.
 */
async function expectNothingOfEvidence(number: number, tabs: SseClient[]) {
  await env.api('admin').post(`/api/v1/cases/${number}/comments`, { body: 'noted' });
  for (const tab of tabs) {
    expect(await change(tab)).toMatchObject({ type: 'comment.added', caseNumber: number });
    const sent = tab.events.filter((e) => e.event === 'change').map((e) => e.data);
    expect(sent).toHaveLength(1);
    expect(sent.join('\n')).not.toMatch(/evidence/i);
  }
}

describe('live updates of evidence', () => {
  it('tells investigators and admins of evidence added, viewed, downloaded and removed, by id', async () => {
    const number = await caseWithGuest('Capture of the USB copy');
    const other = await caseWithGuest('Another case');
    const ivan = (await stream(env.members.investigator, `case=${number}`)).s;
    const ada = (await stream(env.members.admin, `case=${number}`)).s;
    const elsewhere = (await stream(env.members.investigator, `case=${other}`)).s;
    const tabs = await outsiders(number);

    const up = await uploadEvidence(env, number, PNG_1X1, { name: 'usb-copy.png' });
    expect(up.status).toBe(201);
    const id = up.body.id as number;
    const item = `/api/v1/cases/${number}/evidence/${id}`;
    expect((await env.api('investigator').get(`${item}/view`)).status).toBe(200);
    expect((await env.api('investigator').get(`${item}/content?purpose=HR%20report`)).status).toBe(
      200,
    );
    const removed = await env
      .api('admin')
      .request('DELETE', item, { reason: 'Uploaded to the wrong case' });
    expect(removed.status).toBeLessThan(300);

    for (const tab of [ivan, ada]) {
      expect(await change(tab)).toEqual({
        seq: expect.any(Number),
        type: 'evidence.added',
        caseNumber: number,
        evidenceIds: [id],
        topics: ['evidence', 'activity'],
      });
      // A view changes the item's custody log, not the case's activity log.
      expect(await change(tab)).toMatchObject({
        type: 'evidence.viewed',
        evidenceIds: [id],
        topics: ['evidence'],
      });
      expect(await change(tab)).toMatchObject({
        type: 'evidence.downloaded',
        evidenceIds: [id],
        topics: ['evidence', 'activity'],
      });
      expect(await change(tab)).toMatchObject({ type: 'evidence.removed', evidenceIds: [id] });
    }
    // Ids and topics only: nothing of what was recorded.
    expect(ivan.events.map((e) => e.data).join('\n')).not.toMatch(/usb-copy|HR report|wrong case/);

    await expectNothingOfEvidence(number, tabs);
    // Another case's tab hears nothing of this one's evidence either.
    await env.api('admin').post(`/api/v1/cases/${other}/comments`, { body: 'elsewhere' });
    expect((await change(elsewhere)).type).toBe('comment.added');
    expect(changes(elsewhere).map((c) => c.type)).toEqual(['comment.added']);
  });

  it('replays no evidence event to an outsider reconnecting after it', async () => {
    const number = await caseWithGuest('Replayed case');
    const { s: first, seq } = await stream(env.members.guest, `case=${number}`);
    first.close();
    expect((await uploadEvidence(env, number, PNG_1X1, { name: 'replayed.png' })).status).toBe(201);
    await env.api('admin').post(`/api/v1/cases/${number}/comments`, { body: 'after it' });
    for (const who of [env.members.guest, env.members.analyst]) {
      const { s } = await stream(who, `case=${number}`, { 'last-event-id': String(seq) });
      expect(await change(s)).toMatchObject({ type: 'comment.added', caseNumber: number });
      expect(s.events.map((e) => e.data).join('\n')).not.toMatch(/evidence/i);
    }
    const { s: ivan } = await stream(env.members.investigator, `case=${number}`, {
      'last-event-id': String(seq),
    });
    expect((await change(ivan)).type).toBe('evidence.added');
  });

  it('tells of an e-mail parsed, a thumbnail made and an attachment added, as each happens', async () => {
    const number = await caseWithGuest('Phishing mail');
    const ivan = (await stream(env.members.investigator, `case=${number}`)).s;
    const tabs = await outsiders(number);
    const mail = await uploadEvidence(env, number, phishingEml(), { name: 'quota.eml' });
    const capture = await uploadEvidence(env, number, PNG_1X1, { name: 'screen.png' });
    const [mailId, captureId] = [mail.body.id as number, capture.body.id as number];
    expect((await change(ivan)).evidenceIds).toEqual([mailId]);
    expect((await change(ivan)).evidenceIds).toEqual([captureId]);

    await runEvidenceJobs(env);
    // The two jobs run side by side: in either order.
    const done = [await change(ivan), await change(ivan)].sort((a, b) =>
      a.type.localeCompare(b.type),
    );
    expect(done).toMatchObject([
      { type: 'evidence.parse_finished', evidenceIds: [mailId], topics: ['evidence'] },
      { type: 'evidence.thumbnail_finished', evidenceIds: [captureId], topics: ['evidence'] },
    ]);
    // Recorded as the server's own change, in the job's transaction; the reason of a failure
    // would stay on the item.
    const recorded = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'actorId', 'actorName', 'after'])
      .where('targetType', '=', 'evidence')
      .where('targetId', 'in', [String(mailId), String(captureId)])
      .where('action', 'in', ['evidence.parse_finished', 'evidence.thumbnail_finished'])
      .orderBy('action')
      .execute();
    expect(recorded.map((r) => ({ ...r, after: JSON.parse(r.after!) as unknown }))).toEqual([
      {
        action: 'evidence.parse_finished',
        actorId: null,
        actorName: 'system',
        after: { status: 'parsed', attachments: 2 },
      },
      {
        action: 'evidence.thumbnail_finished',
        actorId: null,
        actorName: 'system',
        after: { status: 'made' },
      },
    ]);

    const message = `/api/v1/cases/${number}/evidence/${mailId}/message`;
    const derived = await env.api('investigator').post(`${message}/attachments/2`);
    expect(derived.status).toBe(201);
    expect(await change(ivan)).toMatchObject({
      type: 'evidence.added',
      evidenceIds: [derived.body.id as number],
      topics: ['evidence', 'activity'],
    });
    expect((await env.api('investigator').get(`${message}/html`)).status).toBe(200);
    expect(await change(ivan)).toMatchObject({ type: 'evidence.viewed', evidenceIds: [mailId] });

    // Running the jobs again changes nothing and tells nobody anything.
    await runEvidenceJobs(env);
    await expectNothingOfEvidence(number, tabs);
    expect((await change(ivan)).type).toBe('comment.added');

    // The case's activity log keeps what people changed; views and the server's content work
    // are read on the item.
    const log = await env.api('investigator').get(`/api/v1/cases/${number}/activity?kind=audit`);
    expect((log.body.items as { action: string }[]).map((i) => i.action)).toEqual([
      'evidence.added',
      'evidence.added',
      'evidence.added',
      'contributor.added',
      'case.created',
    ]);
  });

  it('tells of a verification, of one case or of every case, only those who may see evidence', async () => {
    const number = await caseWithGuest('Verified case');
    const other = await caseWithGuest('Also verified');
    expect((await uploadEvidence(env, number, PNG_1X1, { name: 'kept.png' })).status).toBe(201);
    const caseId = (
      await env.db
        .selectFrom('cases')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
    const ivan = (await stream(env.members.investigator, `case=${number}`)).s;
    const ivanElsewhere = (await stream(env.members.investigator, `case=${other}`)).s;
    const ada = (await stream(env.members.admin, `case=${other}`)).s;
    const queue = (await stream(env.members.investigator, 'queues=cases')).s;
    const tabs = await outsiders(number);
    const deps = {
      db: env.db,
      clock: env.clock,
      log: silentLogger,
      store: evidenceStoreOf(env.config),
    };

    await verifyEvidence(deps, { workspaceId: env.workspaceId, case: { id: caseId, number } });
    expect(await change(ivan)).toMatchObject({
      type: 'evidence.verified',
      caseNumber: number,
      topics: ['evidence'],
    });
    await verifyEvidence(deps, { workspaceId: env.workspaceId });
    // About every case: every tab with a case open reloads its evidence.
    for (const tab of [ivan, ivanElsewhere, ada]) {
      const all = await change(tab);
      expect(all).toMatchObject({ type: 'evidence.verified', topics: ['evidence'] });
      expect(all.caseNumber).toBeUndefined();
    }
    expect(changes(ivanElsewhere)).toHaveLength(1);

    await expectNothingOfEvidence(number, tabs);
    await env.api('admin').patch(`/api/v1/cases/${number}`, { priority: 'high' });
    // The dashboard's tab hears of the comment and the edit, never of the evidence.
    expect((await change(queue)).type).toBe('comment.added');
    expect((await change(queue)).type).toBe('case.updated');
    expect(changes(queue)).toHaveLength(2);
  });
});
