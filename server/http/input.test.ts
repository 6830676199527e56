import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { filesystemStore } from '../storage/fs-store.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv({ CASEFILE_BODY_LIMIT_BYTES: '65536' });
});
afterAll(() => env.close());

const errorShape = {
  error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) },
};

describe('bad input', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a number for the title', { title: 42 }, 'body.title'],
    ['a blank title', { title: '   ' }, 'body.title'],
    ['an unknown field', { title: 'ok', severity: 'high' }, 'body'],
    ['a priority outside the enum', { title: 'ok', priority: 'urgent' }, 'body.priority'],
    ['a date that is not ISO-8601', { title: 'ok', dueAt: 'next tuesday' }, 'body.dueAt'],
    ['tags that are not strings', { title: 'ok', tags: [1, 2] }, 'body.tags.0'],
    ['an array instead of an object', [{ title: 'ok' }], 'body'],
    ['a title over 300 characters', { title: 'x'.repeat(301) }, 'body.title'],
  ];
  for (const [what, body, path] of cases) {
    it(`answers 400 to ${what}, naming the field, and stores nothing`, async () => {
      const before = await fingerprint(env.db);
      const res = await env.api('analyst').post('/api/v1/cases', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errorShape);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await fingerprint(env.db)).toEqual(before);
    });
  }

  it('answers 400 to text holding a NUL character, on both engines alike', async () => {
    const res = await env
      .api('analyst')
      .post('/api/v1/cases', { title: 'nul', description: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.description');
  });

  it('finds a NUL character deep in an alert, in a value or a key, and stores nothing', async () => {
    const alert = {
      source: 'edr',
      externalId: 'nul-1',
      title: 'Deep NUL',
      severity: 'low',
      detectedAt: '2026-03-01T00:00:00Z',
    };
    const inEvent = await env
      .api('ingest')
      .post('/api/v1/alerts', { ...alert, events: [{ ok: 1 }, { note: 'x\u0000y' }] });
    expect(inEvent.status).toBe(400);
    expect(inEvent.body.error.details[0].path).toBe('body.events.1.note');
    const inKey = await env
      .api('ingest')
      .post('/api/v1/alerts', { ...alert, payload: { raw: { 'a\u0000b': true } } });
    expect(inKey.status).toBe(400);
    expect(inKey.body.error.details[0].path).toBe('body.payload.raw.a\u0000b');
    const stored = await env.db.selectFrom('alerts').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await env
      .api('analyst')
      .request('POST', '/api/v1/cases', '{"title": "unterminated');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await env
      .api('analyst')
      .post('/api/v1/cases', { title: 'big', description: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await env.api('analyst').request('POST', '/api/v1/cases', 'title=hello', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('answers 400 to unknown and malformed query parameters', async () => {
    expect((await env.api('viewer').get('/api/v1/cases?colour=red')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/cases?limit=1000')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/cases?sort=title')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/cases?cursor=garbage')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/cases/abc')).status).toBe(400);
  });

  it('answers unknown routes with 404 in the uniform body', async () => {
    const res = await env.api('viewer').get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject(errorShape);
  });

  it('stores script tags and SQL metacharacters verbatim and returns them as JSON', async () => {
    const title = `<script>alert("x")</script>'; DROP TABLE cases; --`;
    const description = `Robert'); DELETE FROM accounts WHERE ('1'='1 <img src=x onerror=alert(1)> % _ \\ \u202e ünïcödé 🚨`;
    const created = await env
      .api('analyst')
      .post('/api/v1/cases', { title, description, tags: ["o'brien", '<b>'] });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/application\/json/);
    const read = await env.api('viewer').get(`/api/v1/cases/${created.body.number}`);
    expect(read.body.title).toBe(title);
    expect(read.body.description).toBe(description);
    expect(read.body.tags).toEqual(["o'brien", '<b>']);
    const comment = await env
      .api('analyst')
      .post(`/api/v1/cases/${created.body.number}/comments`, { body: title });
    expect(comment.body.body).toBe(title);
    expect((await env.db.selectFrom('accounts').select('id').execute()).length).toBeGreaterThan(0);
    const found = await env
      .api('viewer')
      .get(`/api/v1/cases?q=${encodeURIComponent('DROP TABLE cases; --')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((c: { number: number }) => c.number)).toContain(
      created.body.number,
    );
  });

  it('sets security headers and a request id on every answer', async () => {
    const res = await env.api('viewer').get('/api/v1/me');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('health', () => {
  it('answers /healthz and /readyz with the engine and the evidence store', async () => {
    expect((await env.api(null).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await env.api(null).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      database: env.database.engine,
      evidence: { store: 'filesystem', writable: true },
    });
    // The write check went through the configured folder and left no probe there.
    expect(readdirSync(join(env.config.evidence.dir, 'tmp'))).toEqual([]);
  });

  it('answers /readyz 503 when the evidence store cannot write, naming no path', async () => {
    const parent = join(env.config.dataDir, 'not-a-folder');
    writeFileSync(parent, 'a file');
    const app = await buildApp({
      config: env.config,
      database: env.database,
      logger: false,
      webRoot: false,
      blobStore: filesystemStore(join(parent, 'evidence')),
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({
        error: { code: 'unavailable', message: 'The evidence store is not writable' },
      });
      expect(res.body).not.toContain(parent);
      expect(res.body).not.toContain('ENOTDIR');
    } finally {
      await app.close();
    }
  });

  it('serves the OpenAPI 3.1 document and the API reference page', async () => {
    const doc = await env.api(null).get('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/api/v1/cases/{number}'].patch.operationId).toBe('updateCase');
    expect(
      doc.body.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['status', 'q', 'cursor', 'limit']));
    const page = await env.api(null).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui');
    const asset = await env.api(null).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});
