import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceDetail, EvidenceItem, EvidencePage } from '../../../contract/evidence.ts';
import { PNG_1X1, uploadEvidence } from '../../testing/evidence.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const store = () => join(env.config.dataDir, 'evidence');
const blobPath = (hash: string) =>
  join(store(), 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
const newCase = async () =>
  (await env.api('admin').post('/api/v1/cases', { title: 'Evidence case' })).body.number as number;
const detail = async (number: number, id: number) => {
  const res = await env.api('investigator').get(`/api/v1/cases/${number}/evidence/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return EvidenceDetail.parse(res.body);
};
const tempFiles = () => (existsSync(join(store(), 'tmp')) ? readdirSync(join(store(), 'tmp')) : []);

describe('evidence upload', () => {
  it('stores a raw upload under its SHA-256, detects its type, and starts its custody log', async () => {
    const number = await newCase();
    const res = await uploadEvidence(env, number, PNG_1X1, {
      name: 'Screen 1.png',
      type: 'text/plain',
      query:
        '?note=Seen%20on%20screen&acquiredAt=2026-03-01T10:00:00%2B01:00&acquisitionMethod=Endpoint%20agent',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const item = EvidenceItem.parse(res.body);
    expect(item).toMatchObject({
      caseNumber: number,
      kind: 'capture',
      name: 'Screen 1.png',
      sha256: sha(PNG_1X1),
      sizeBytes: PNG_1X1.length,
      claimedType: 'text/plain',
      detectedType: 'image/png',
      note: 'Seen on screen',
      acquiredAt: '2026-03-01T09:00:00.000Z',
      acquisitionMethod: 'Endpoint agent',
      addedBy: { id: env.members.investigator.id },
      removed: null,
      custodyEntries: 2,
    });
    expect(readFileSync(blobPath(item.sha256)).equals(PNG_1X1)).toBe(true);
    const d = await detail(number, item.id);
    // The upload's answer is the item as read back.
    const { custody: _custody, chainIntact: _intact, ...readBack } = d;
    expect(readBack).toEqual(item);
    expect(d.custody.map((e) => e.action)).toEqual(['acquired', 'added']);
    expect(d.custody[0]).toMatchObject({
      seq: 1,
      prevHash: item.sha256,
      actor: { id: env.members.investigator.id },
      details: { method: 'Endpoint agent', acquiredAt: '2026-03-01T09:00:00.000Z' },
    });
    expect(d.custody[1]!.prevHash).toBe(d.custody[0]!.hash);
    expect(d.chainIntact).toBe(true);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'targetType', 'targetId'])
      .where('action', '=', 'evidence.added')
      .where('targetId', '=', String(item.id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('takes a multipart upload with its fields, and keeps any name as text only', async () => {
    const number = await newCase();
    const boundary = 'casefile-boundary-7f3k';
    const name = '../../etc/passwd\u202Egnp.exe';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nFrom the USB stick\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nfile\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      Buffer.from('root:x:0:0:root:/root:/bin/bash\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/evidence`,
      headers: {
        authorization: `Bearer ${env.members.investigator.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(EvidenceItem.parse(res.json())).toMatchObject({
      kind: 'file',
      name,
      note: 'From the USB stick',
      claimedType: 'image/png',
      detectedType: 'text/plain',
      sizeBytes: 32,
    });
    expect(existsSync(join(env.config.dataDir, 'etc'))).toBe(false);
    expect(existsSync(join(store(), '..', '..', 'etc', 'passwd'))).toBe(false);
  });

  it('keeps one copy of the same bytes behind several items, also when sent at once', async () => {
    const number = await newCase();
    const bytes = Buffer.from(`same bytes ${Math.random()}`);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        uploadEvidence(env, number, bytes, { name: `copy-${i}.txt` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.sha256))).toEqual(new Set([sha(bytes)]));
    expect(readdirSync(join(blobPath(sha(bytes)), '..'))).toEqual([sha(bytes)]);
    expect(tempFiles()).toEqual([]);
  });

  it('refuses an empty body and a wrong announced digest, storing nothing', async () => {
    const number = await newCase();
    const before = await fingerprint(env.db);
    const empty = await uploadEvidence(env, number, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const bytes = Buffer.from('bytes whose hash is announced wrongly');
    const wrong = createHash('sha256').update('something else').digest('base64');
    const mismatch = await uploadEvidence(env, number, bytes, {
      headers: { 'repr-digest': `sha-256=:${wrong}:` },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error).toMatchObject({
      code: 'unprocessable',
      details: { actual: sha(bytes) },
    });
    const badHex = await uploadEvidence(env, number, bytes, {
      headers: { 'x-expected-sha256': 'not-a-hash' },
    });
    expect(badHex.status).toBe(400);
    expect(await fingerprint(env.db)).toEqual(before);
    expect(existsSync(blobPath(sha(bytes)))).toBe(false);
    expect(tempFiles()).toEqual([]);
    const right = await uploadEvidence(env, number, bytes, {
      headers: { 'x-expected-sha256': sha(bytes).toUpperCase() },
    });
    expect(right.status).toBe(201);
  });

  it('refuses bad fields and links to another workspace’s objects, reading nothing', async () => {
    const number = await newCase();
    const before = await fingerprint(env.db);
    for (const query of [
      '?kind=video',
      '?acquiredAt=yesterday',
      '?alertId=999999',
      '?activityId=999999',
    ]) {
      const res = await uploadEvidence(env, number, Buffer.from('x'), { query });
      expect(res.status, query).toBe(400);
      expect(res.body.error.details[0].path, query).toMatch(/^(query|fields)\./);
    }
    expect(await fingerprint(env.db)).toEqual(before);
  });
});

describe('evidence access', () => {
  it('downloads as an attachment that no browser runs, recording who, why and from where', async () => {
    const number = await newCase();
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const up = await uploadEvidence(env, number, html, {
      name: 'Réponse "finale".html',
      type: 'text/html',
    });
    const url = `/api/v1/cases/${number}/evidence/${up.body.id}/content`;
    expect((await env.api('investigator').get(url)).status).toBe(400);
    const res = await env.app.inject({
      method: 'GET',
      url: `${url}?purpose=Legal%20review`,
      headers: { authorization: `Bearer ${env.members.investigator.token}` },
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(html)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="R_ponse _finale_.html"; filename*=UTF-8''R%C3%A9ponse%20%22finale%22.html`,
      'repr-digest': `sha-256=:${Buffer.from(sha(html), 'hex').toString('base64')}:`,
    });
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
    const d = await detail(number, up.body.id);
    expect(d.custody.at(-1)).toMatchObject({
      action: 'downloaded',
      purpose: 'Legal review',
      address: '10.1.2.3',
    });
    expect(d.chainIntact).toBe(true);
    const view = await env
      .api('investigator')
      .get(`/api/v1/cases/${number}/evidence/${up.body.id}/view`);
    expect(view.status).toBe(409);
  });

  it('keeps one unbroken custody log when an item is downloaded many times at once', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1, {
      query: '?acquisitionMethod=Endpoint%20agent',
    });
    // Every request reads the same head before its transaction: all but one find it moved.
    const downloads = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        env.app.inject({
          method: 'GET',
          url: `/api/v1/cases/${number}/evidence/${up.body.id}/content?purpose=Copy%20${i}`,
          headers: { authorization: `Bearer ${env.members.investigator.token}` },
        }),
      ),
    );
    expect(downloads.map((d) => d.statusCode)).toEqual(Array(8).fill(200));
    const d = await detail(number, up.body.id);
    expect(d.chainIntact).toBe(true);
    expect(d.custody.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.custody.slice(0, 2).map((e) => e.action)).toEqual(['acquired', 'added']);
    expect(new Set(d.custody.slice(2).map((e) => e.purpose)).size).toBe(8);
    expect(d.custodyEntries).toBe(10);
  });

  it('shows detected images inline, and records the view', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1, { type: 'text/html' });
    const res = await env
      .api('investigator')
      .get(`/api/v1/cases/${number}/evidence/${up.body.id}/view`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await detail(number, up.body.id)).custody.at(-1)!.action).toBe('viewed');
  });

  it('refuses to serve bytes altered on disk, and records the failure', async () => {
    const number = await newCase();
    const bytes = Buffer.from('a'.repeat(3 * 1024 * 1024));
    const up = await uploadEvidence(env, number, bytes, { name: 'big.txt' });
    const path = blobPath(up.body.sha256);
    chmodSync(path, 0o600);
    const altered = Buffer.from(bytes);
    altered[1_000_000] = 0x62;
    writeFileSync(path, altered);
    const res = await env.app
      .inject({
        method: 'GET',
        url: `/api/v1/cases/${number}/evidence/${up.body.id}/content?purpose=check`,
        headers: { authorization: `Bearer ${env.members.investigator.token}` },
      })
      .catch(() => undefined);
    const received = res?.rawPayload;
    expect(received?.equals(altered) ?? false).toBe(false);
    await expect
      .poll(async () => (await detail(number, up.body.id)).custody.at(-1)?.action)
      .toBe('integrity_failed');
    const d = await detail(number, up.body.id);
    expect(d.custody.at(-1)!.details).toMatchObject({ problem: 'altered', actual: sha(altered) });
  });

  it('lists the case’s evidence newest first, filtered by kind, type and words', async () => {
    const number = await newCase();
    await uploadEvidence(env, number, PNG_1X1, { name: 'desk.png' });
    await uploadEvidence(env, number, Buffer.from('Interview notes, Monday'), {
      name: 'notes.txt',
    });
    const list = async (q = '') => {
      const res = await env.api('investigator').get(`/api/v1/cases/${number}/evidence${q}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return EvidencePage.parse(res.body).items.map((i) => i.name);
    };
    expect(await list()).toEqual(['notes.txt', 'desk.png']);
    expect(await list('?kind=capture')).toEqual(['desk.png']);
    expect(await list('?type=image/')).toEqual(['desk.png']);
    expect(await list('?type=text/plain')).toEqual(['notes.txt']);
    expect(await list('?q=NOTES')).toEqual(['notes.txt']);
    expect(await list('?limit=1')).toEqual(['notes.txt']);
  });

  it('answers 404 for evidence of another case on every route', async () => {
    const mine = await newCase();
    const other = await newCase();
    const up = await uploadEvidence(env, other, PNG_1X1);
    const api = env.api('investigator');
    const base = `/api/v1/cases/${mine}/evidence/${up.body.id}`;
    expect((await api.get(base)).status).toBe(404);
    expect((await api.get(`${base}/content?purpose=x`)).status).toBe(404);
    expect((await api.get(`${base}/view`)).status).toBe(404);
    expect((await api.request('DELETE', base, { reason: 'x' })).status).toBe(404);
  });
});

describe('evidence removal', () => {
  it('removes with a reason as a tombstone that keeps the bytes, once', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, Buffer.from(`to remove ${Math.random()}`));
    const url = `/api/v1/cases/${number}/evidence/${up.body.id}`;
    const api = env.api('investigator');
    expect((await api.request('DELETE', url, {})).status).toBe(400);
    const res = await api.request('DELETE', url, { reason: 'Uploaded to the wrong case' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(EvidenceItem.parse(res.body).removed).toMatchObject({
      reason: 'Uploaded to the wrong case',
      by: { id: env.members.investigator.id },
    });
    expect(existsSync(blobPath(up.body.sha256))).toBe(true);
    expect((await api.request('DELETE', url, { reason: 'again' })).status).toBe(409);
    expect((await api.get(`${url}/content?purpose=x`)).status).toBe(409);
    const d = await detail(number, up.body.id);
    expect(d.custody.at(-1)).toMatchObject({
      action: 'removed',
      details: { reason: 'Uploaded to the wrong case' },
    });
    const listed = await api.get(`/api/v1/cases/${number}/evidence`);
    expect(listed.body.items).toEqual([]);
    const removed = await api.get(`/api/v1/cases/${number}/evidence?removed=true`);
    expect(removed.body.items.map((i: { id: number }) => i.id)).toEqual([up.body.id]);
  });

  it('refuses to remove evidence of a case under legal hold (423), changing nothing', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1);
    await env.db
      .updateTable('cases')
      .set({ legalHoldAt: '2026-03-02T09:00:00.000Z' })
      .where('number', '=', number)
      .execute();
    const before = await fingerprint(env.db);
    const res = await env
      .api('investigator')
      .request('DELETE', `/api/v1/cases/${number}/evidence/${up.body.id}`, {
        reason: 'No longer needed',
      });
    expect(res.status).toBe(423);
    expect(res.body.error.code).toBe('locked');
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('answers 405 to any change of an item', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1);
    const url = `/api/v1/cases/${number}/evidence/${up.body.id}`;
    expect((await env.api('investigator').patch(url, { name: 'x' })).status).toBe(405);
    expect(
      (await env.api('investigator').put(url, 'x', { 'content-type': 'text/plain' })).status,
    ).toBe(405);
  });

  it('tells when a custody log was tampered with', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1);
    await env.db
      .updateTable('evidenceCustody')
      .set({ actorName: 'Someone Else' })
      .where('evidenceId', '=', up.body.id)
      .execute();
    expect((await detail(number, up.body.id)).chainIntact).toBe(false);
  });

  it('exports the custody log as spreadsheet-safe CSV and as JSON', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, PNG_1X1, {
      query: '?acquisitionMethod=%3DHYPERLINK(%22http%3A%2F%2Fx%22)',
    });
    const base = `/api/v1/cases/${number}/evidence/${up.body.id}/custody`;
    const csv = await env.api('investigator').get(base);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="case-/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(
      '"seq","action","at","actor","actor_id","address","purpose","details","prev_hash","hash"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"acquired"');
    expect(lines[1]).not.toMatch(/,"=/);
    const json = await env.api('investigator').get(`${base}?format=json`);
    expect(json.body).toMatchObject({ id: up.body.id, chainIntact: true });
  });
});
