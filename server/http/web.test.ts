import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/connection.ts';
import { createTestDatabase } from '../testing/test-db.ts';

let app: FastifyInstance;
let database: Database;
const root = mkdtempSync(join(tmpdir(), 'casefile-web-'));

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  database = await createTestDatabase();
  app = await buildApp({
    config: loadConfig({ CASEFILE_LOG_LEVEL: 'silent' }),
    database,
    logger: false,
    webRoot: root,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, accept = 'text/html') =>
  app.inject({ method: 'GET', url, headers: { accept } });

describe('serving the web app', () => {
  it('serves index.html at / under a strict content security policy', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe");
  });

  it('answers client-side routes with index.html', async () => {
    const res = await get('/cases/1000?tab=activity');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await get('/assets/index-abc.js', '*/*');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('keeps the JSON 404 for unknown API paths, even when HTML is accepted', async () => {
    const res = await get('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers a missing file that is not a page with the JSON 404', async () => {
    const res = await get('/assets/missing.js', '*/*');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
