import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Resolver } from './connect-guard.ts';
import { postOutbound } from './post.ts';

/** A real receiver on loopback; each test says how it answers and reads what it saw. */
let server: Server;
let port: number;
let seen: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body, headers: req.headers });
      answer(req, res);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen = [];
  answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
});

const allow = () => [`127.0.0.1:${port}`];
const post = (url: string, extra: Partial<Parameters<typeof postOutbound>[0]> = {}) =>
  postOutbound({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', ...extra });

describe('postOutbound', () => {
  it('delivers to an allow-listed loopback receiver and reports its answer', async () => {
    answer = (_req, res) => res.writeHead(202, { 'x-receipt': 'r-1' }).end('queued');
    const res = await post(`http://127.0.0.1:${port}/hook?x=1`, { allowHosts: allow() });
    expect(res).toMatchObject({
      ok: true,
      status: 202,
      bodySnippet: 'queued',
      headers: { 'x-receipt': 'r-1' },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: '/hook?x=1', body: '{"a":1}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('refuses every loopback form without the allow-list, and never connects', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://0177.0.0.01:${port}/`,
      `http://127.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::1]:${port}/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://localhost:${port}/`,
    ]) {
      const res = await post(url);
      expect(res, url).toMatchObject({ ok: false, failure: 'refused_address' });
    }
    expect(seen).toEqual([]);
  });

  it('lets the allow-list open only the named host and port', async () => {
    const res = await post(`http://127.0.0.1:${port}/`, { allowHosts: [`127.0.0.1:${port + 1}`] });
    expect(res).toMatchObject({ ok: false, failure: 'refused_address' });
    const other = await post(`http://127.0.0.1:${port}/`, { allowHosts: ['localhost'] });
    expect(other).toMatchObject({ ok: false, failure: 'refused_address' });
    expect(seen).toEqual([]);
  });

  it('does not follow a redirect to 127.0.0.1: the 302 is the answer', async () => {
    answer = (req, res) =>
      req.url === '/hook'
        ? res.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end()
        : res.writeHead(200).end('internal');
    const res = await post(`http://127.0.0.1:${port}/hook`, { allowHosts: allow() });
    expect(res).toMatchObject({ ok: true, status: 302 });
    expect(seen.map((s) => s.path)).toEqual(['/hook']);
  });

  it('reuses one kept-alive connection for calls to the same receiver', async () => {
    const internal: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const before = connections;
    for (let i = 0; i < 20; i += 1) {
      const res = await post(`http://reuse.internal:${port}/n/${i}`, {
        resolver: internal,
        allowHosts: ['reuse.internal'],
      });
      expect(res).toMatchObject({ ok: true, status: 200 });
    }
    expect(seen.map((s) => s.path)).toEqual(Array.from({ length: 20 }, (_, i) => `/n/${i}`));
    // Not one per call (undici may open a second one while the first is handed back).
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it('never lets a call the allow-list does not cover ride on an unchecked connection', async () => {
    let lookups = 0;
    const internal: Resolver = async () => {
      lookups += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const url = `http://rebind.internal:${port}/in`;
    const open = await post(url, { resolver: internal, allowHosts: ['rebind.internal'] });
    expect(open).toMatchObject({ ok: true, status: 200 });
    // The same name and resolver, no longer allow-listed: judged again at connect time.
    const res = await post(url, { resolver: internal });
    expect(res).toMatchObject({ ok: false, failure: 'refused_address' });
    expect(lookups).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it('drops the connection of an answer it did not read to the end, and the next call works', async () => {
    answer = (req, res) =>
      req.url === '/big'
        ? res.writeHead(500).end('x'.repeat(1024 * 1024))
        : res.writeHead(200).end();
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;
    expect(await post(url('/big'), { allowHosts: allow() })).toMatchObject({ status: 500 });
    expect(await post(url('/next'), { allowHosts: allow() })).toMatchObject({ status: 200 });
    expect(seen.map((s) => s.path)).toEqual(['/big', '/next']);
  });

  it('gives up at the deadline when the receiver never answers', async () => {
    answer = () => undefined; // holds the request open
    const res = await post(`http://127.0.0.1:${port}/slow`, {
      allowHosts: allow(),
      timeoutMs: 150,
    });
    expect(res).toMatchObject({ ok: false, failure: 'timeout' });
  });

  it('gives up at the deadline when the body trickles and never ends', async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      res.write('a');
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('b')), 20);
    };
    const res = await post(`http://127.0.0.1:${port}/drip`, {
      allowHosts: allow(),
      timeoutMs: 200,
    });
    expect(res).toMatchObject({ ok: false, failure: 'timeout' });
  });

  it('reads only the first KiB of a large answer', async () => {
    answer = (_req, res) => {
      res.writeHead(500);
      res.end('x'.repeat(4 * 1024 * 1024));
    };
    const res = await post(`http://127.0.0.1:${port}/big`, { allowHosts: allow() });
    expect(res).toMatchObject({ ok: true, status: 500 });
    if (res.ok) expect(res.bodySnippet).toBe('x'.repeat(1024));
  });

  it('refuses at connect time a name that resolves to loopback (DNS rebinding)', async () => {
    let lookups = 0;
    const rebinding: Resolver = async () => {
      lookups += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const res = await post(`http://hooks.example.com:${port}/`, { resolver: rebinding });
    expect(res).toMatchObject({ ok: false, failure: 'refused_address' });
    if (!res.ok) expect(res.message).toMatch(/hooks\.example\.com resolves to 127\.0\.0\.1/);
    expect(lookups).toBe(1);
    expect(seen).toEqual([]);
  });

  it('refuses a name when any of its addresses is private, and metadata addresses', async () => {
    const mixed: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    expect(await post(`http://mixed.example.com:${port}/`, { resolver: mixed })).toMatchObject({
      ok: false,
      failure: 'refused_address',
    });
    const metadata: Resolver = async () => [{ address: '::ffff:169.254.169.254', family: 6 }];
    expect(await post('http://meta.example.com/', { resolver: metadata })).toMatchObject({
      ok: false,
      failure: 'refused_address',
    });
  });

  it('connects by name through the guarded lookup when the name is allow-listed', async () => {
    const internal: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await post(`http://receiver.internal:${port}/in`, {
      resolver: internal,
      allowHosts: ['receiver.internal'],
    });
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(seen[0]!.headers.host).toBe(`receiver.internal:${port}`);
  });

  it('reports a closed port as connect_error and TLS to a plain server as tls_error', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await post(`http://127.0.0.1:${closedPort}/`, {
      allowHosts: [`127.0.0.1:${closedPort}`],
    });
    expect(refused).toMatchObject({ ok: false, failure: 'connect_error' });
    const tls = await post(`https://127.0.0.1:${port}/`, { allowHosts: allow() });
    expect(tls).toMatchObject({ ok: false, failure: 'tls_error' });
  });

  it('refuses a bad URL without a call', async () => {
    expect(await post('ftp://example.com/')).toMatchObject({ ok: false, failure: 'bad_url' });
  });
});
