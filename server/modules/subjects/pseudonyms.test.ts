import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSEUDONYM_KEY_FILE, pseudonymKeys, pseudonymOf } from '../../lib/pseudonym.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { createWorkspace } from '../workspaces/index.ts';
import { loadWorkspaceSettings } from '../settings/index.ts';

const maria = {
  email: 'maria.lopez@corp.example',
  name: 'Maria Lopez',
  department: 'Finance',
  jobTitle: 'Controller',
  manager: 'boss@corp.example',
};
const PSEUDONYM = /^Anon-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

let env: TestEnv;
let alertId: number;
let subjectId: number;
let caseNumber: number;

beforeAll(async () => {
  env = await startTestEnv();
  await env.api('admin').patch('/api/v1/settings', { privacy: { pseudonymise: true } });
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'dlp',
    externalId: 'p-1',
    title: 'Maria Lopez mailed a spreadsheet to a personal address',
    description: 'Sent by maria.lopez@corp.example to maria.l@gmail.example',
    severity: 'high',
    detectedAt: '2026-03-01T10:00:00Z',
    subject: maria,
    entities: [{ type: 'mailbox', value: maria.email }],
    payload: { sender: maria.email },
  });
  alertId = res.body.results[0].id;
  subjectId = (await env.db.selectFrom('subjects').select('id').executeTakeFirstOrThrow()).id;
  const c = await env.api('admin').post('/api/v1/cases', {
    title: 'Data leak by Maria Lopez',
    subjectId,
  });
  caseNumber = c.body.number;
});
afterAll(() => env.close());

describe('pseudonymised subjects', () => {
  it('shows an analyst one stable pseudonym, with no identifying field, in alerts, cases and subjects', async () => {
    const api = env.api('analyst');
    const alert = await api.get(`/api/v1/alerts/${alertId}`);
    const pseudonym = alert.body.subject.name as string;
    expect(pseudonym).toMatch(PSEUDONYM);
    expect(alert.body.subject).toEqual({
      id: subjectId,
      name: pseudonym,
      email: '',
      pseudonymised: true,
    });
    expect(alert.body.title).toBe(`${pseudonym} mailed a spreadsheet to a personal address`);
    expect(alert.body.description).not.toMatch(/maria|lopez/i);
    expect(alert.body.entities).toContainEqual({ type: 'mailbox', value: pseudonym });
    expect(alert.body.payload).toBeNull();
    expect(alert.body.events).toEqual([]);

    const c = await api.get(`/api/v1/cases/${caseNumber}`);
    expect(c.body.subject.name).toBe(pseudonym);
    expect(c.body.title).toBe(`Data leak by ${pseudonym}`);
    const subject = await api.get(`/api/v1/subjects/${subjectId}`);
    expect(subject.body).toMatchObject({
      name: pseudonym,
      email: '',
      department: null,
      jobTitle: null,
      manager: null,
      pseudonymised: true,
    });
    const activity = await api.get(`/api/v1/cases/${caseNumber}/activity`);
    expect(JSON.stringify(activity.body)).not.toMatch(/maria|lopez/i);
  });

  it('exports the case and alerts queues as CSV with the pseudonym, never the name or address', async () => {
    const api = env.api('analyst');
    const pseudonym = (await api.get(`/api/v1/subjects/${subjectId}`)).body.name as string;
    const csv = (await api.get('/api/v1/cases/export')).body as string;
    expect(csv).toContain(`"Data leak by ${pseudonym}"`);
    expect(csv).toContain(`"${pseudonym}"`);
    expect(csv).not.toMatch(/Maria|Lopez|maria\.lopez/i);
    const alerts = (await api.get('/api/v1/alerts/export')).body as string;
    expect(alerts).toContain(`"${pseudonym} mailed a spreadsheet to a personal address"`);
    expect(alerts).not.toMatch(/Maria|Lopez|maria\.l/i);
  });

  it('finds nothing by the real name, and the person by the pseudonym', async () => {
    const api = env.api('analyst');
    const pseudonym = (await api.get(`/api/v1/subjects/${subjectId}`)).body.name as string;
    expect((await api.get('/api/v1/subjects?q=maria')).body.items).toEqual([]);
    expect((await api.get('/api/v1/alerts?q=maria')).body.items).toEqual([]);
    expect((await api.get('/api/v1/alerts?q=lopez')).body.items).toEqual([]);
    expect((await api.get('/api/v1/cases?q=lopez')).body.items).toEqual([]);
    // Other words still find the alert; the pseudonym, or its start, finds the person.
    expect((await api.get('/api/v1/alerts?q=spreadsheet')).body.items).toHaveLength(1);
    const found = await api.get(`/api/v1/subjects?q=${pseudonym.slice(0, 7)}`);
    expect(found.body.items.map((s: { id: number }) => s.id)).toEqual([subjectId]);
    expect((await api.get(`/api/v1/alerts?q=${pseudonym}`)).body.items).toHaveLength(1);
  });

  it('refuses a reveal without a reason, or by an analyst, and changes nothing', async () => {
    const url = `/api/v1/cases/${caseNumber}/subject-reveals`;
    const empty = await env.api('investigator').post(url, { justification: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('body.justification');
    const analyst = await env.api('analyst').post(url, { justification: 'I would like to know' });
    expect(analyst.status).toBe(403);
    expect(await env.db.selectFrom('subjectReveals').selectAll().execute()).toEqual([]);
  });

  it('reveals the subject to the investigator who says why, for the reveal time, audited on the case', async () => {
    const inv = env.api('investigator');
    const reason = 'HR asked us to confirm the sender before the interview';
    const res = await inv.post(`/api/v1/cases/${caseNumber}/subject-reveals`, {
      justification: reason,
    });
    expect(res.status).toBe(201);
    expect(res.body.mine).toMatchObject({ subjectId, justification: reason, isActive: true });
    const hours =
      (Date.parse(res.body.mine.expiresAt) - Date.parse(res.body.mine.createdAt)) / 36e5;
    expect(hours).toBe(8);
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'subject.revealed')
      .executeTakeFirstOrThrow();
    expect(audit.actorId).toBe(env.members.investigator.id);
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ caseNumber, justification: reason });

    expect((await inv.get(`/api/v1/alerts/${alertId}`)).body.subject).toMatchObject({
      name: 'Maria Lopez',
      email: maria.email,
      pseudonymised: false,
    });
    expect((await inv.get(`/api/v1/subjects/${subjectId}`)).body.department).toBe('Finance');
    // Only to the one who asked.
    expect((await env.api('analyst').get(`/api/v1/alerts/${alertId}`)).body.subject.name).toMatch(
      PSEUDONYM,
    );
    expect((await env.api('admin').get(`/api/v1/alerts/${alertId}`)).body.subject.name).toMatch(
      PSEUDONYM,
    );
    // The case shows who revealed, to everyone who sees the case.
    const list = await env.api('viewer').get(`/api/v1/cases/${caseNumber}/subject-reveals`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].by.id).toBe(env.members.investigator.id);
    expect(list.body.mine).toBeNull();

    env.clock.advance(8 * 3_600_000 + 1000);
    expect((await inv.get(`/api/v1/alerts/${alertId}`)).body.subject.name).toMatch(PSEUDONYM);
  });

  it('ends a reveal early when its holder says so, audited', async () => {
    const inv = env.api('investigator');
    const url = `/api/v1/cases/${caseNumber}/subject-reveals`;
    await inv.post(url, { justification: 'Preparing the notice to the manager' });
    expect((await inv.get(`/api/v1/alerts/${alertId}`)).body.subject.name).toBe('Maria Lopez');
    const ended = await inv.delete(`${url}/mine`);
    expect(ended.body.mine).toBeNull();
    expect((await inv.get(`/api/v1/alerts/${alertId}`)).body.subject.name).toMatch(PSEUDONYM);
    const actions = await env.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'subject.%')
      .execute();
    expect(actions.map((a) => a.action)).toContain('subject.reveal_ended');
  });

  it('looks a known identity up to its pseudonym, for investigators only, audited', async () => {
    const pseudonym = (await env.api('analyst').get(`/api/v1/subjects/${subjectId}`)).body.name;
    const body = { identity: 'Maria.Lopez@corp.example', justification: 'matching an HR report' };
    expect((await env.api('analyst').post('/api/v1/subjects/pseudonym-lookups', body)).status).toBe(
      403,
    );
    const res = await env.api('investigator').post('/api/v1/subjects/pseudonym-lookups', body);
    expect(res.body).toEqual({ pseudonym, subjectId });
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'subject.pseudonym_looked_up')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ identity: maria.email, found: true });
  });

  it('makes pseudonyms with a keyed HMAC: not the plain hash, different in another workspace or under another key', async () => {
    const keys = pseudonymKeys({ dataDir: env.config.dataDir });
    const here = pseudonymOf(await keys.workspaceKey(env.workspaceId), maria.email);
    expect((await env.api('analyst').get(`/api/v1/subjects/${subjectId}`)).body.name).toBe(here);
    const plain = createHash('sha256').update(maria.email).digest('hex');
    expect(here.replace(/-/g, '').slice(4).toLowerCase()).not.toBe(plain.slice(0, 8));
    const other = await createWorkspace(env.db, env.clock, 'Other tenant', 'other-tenant');
    expect(pseudonymOf(await keys.workspaceKey(other), maria.email)).not.toBe(here);
    const given = pseudonymKeys({
      dataDir: env.config.dataDir,
      key: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(pseudonymOf(await given.workspaceKey(env.workspaceId), maria.email)).not.toBe(here);
    // The key is a file of the data folder only its owner can read, never a row.
    expect(statSync(join(env.config.dataDir, PSEUDONYM_KEY_FILE)).mode & 0o077).toBe(0);
    // A new workspace starts pseudonymised.
    expect((await loadWorkspaceSettings(env.db, other)).privacy.pseudonymise).toBe(true);
  });
});
