import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery-e2e' };
export const PASSWORD = 'correct horse battery staple';
export const people = {
  analyst: { email: 'ana@example.com', name: 'Ana Analyst', role: 'analyst' },
  viewer: { email: 'vera@example.com', name: 'Vera Viewer', role: 'viewer' },
  guest: { email: 'gus@example.com', name: 'Gus Guest', role: 'guest' },
  investigator: { email: 'ivy@example.com', name: 'Ivy Investigator', role: 'investigator' },
} as const;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data folder (its SQLite database), for tests that set up rows directly. */
    dataDir: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

async function waitReady(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready: ${log()}`);
}

/**
 * Signs in over HTTP and returns a caller that sends the cookie and CSRF token; a body is sent
 * as JSON, or as it is when it is bytes (an evidence upload).
 */
export async function apiAs(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { csrfToken: string };
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': me.csrfToken,
        ...(body === undefined || body instanceof Uint8Array
          ? {}
          : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  };
}

/**
 * Builds the web app when stale, starts the real server on a fresh SQLite data directory and a
 * free port with a known admin, and adds one account per role the tests use.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = join(import.meta.dirname, '..');
  const build = spawnSync(process.execPath, ['bin/build-web.js'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web app did not build');

  const dir = mkdtempSync(join(tmpdir(), 'casefile-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['bin/casefile.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      CASEFILE_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CASEFILE_ADMIN_EMAIL: ADMIN.email,
      CASEFILE_ADMIN_PASSWORD: ADMIN.password,
      CASEFILE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(baseUrl, child, () => output.slice(-2000));
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    for (const p of Object.values(people))
      await admin('POST', '/accounts', { ...p, password: PASSWORD });
    // A first start pseudonymises subjects. Most tests read people's names, so the suite shows
    // them; the pseudonymisation test turns it on for its own run and off again.
    const settings = await admin('GET', '/settings');
    if (settings.privacy?.pseudonymise !== true)
      throw new Error('a first start should pseudonymise subjects');
    await admin('PATCH', '/settings', { privacy: { pseudonymise: false } });
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dir);
  return stop;
}
