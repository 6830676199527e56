import { spawn, type ChildProcess } from 'node:child_process';

/** What the receiver saw of one request. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** `127.0.0.1:<port>`, for CASEFILE_WEBHOOK_ALLOW_HOSTS. */
  host: string;
  received(): Promise<Received[]>;
  stop(): Promise<void>;
}

// The receiver: answers each path with the next status of its plan (then 200), records every
// request, and tells what it saw at GET /_seen.
const script = `
import { createServer } from 'node:http';
const plan = JSON.parse(process.env.RECEIVER_PLAN ?? '{}');
const slow = JSON.parse(process.env.RECEIVER_SLOW ?? '{}');
const seen = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/_seen') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
      return;
    }
    seen.push({ path: req.url, headers: req.headers, body });
    const status = plan[req.url]?.shift() ?? 200;
    const headers = status >= 300 && status < 400 ? { location: 'http://127.0.0.1:' + server.address().port + '/internal' } : {};
    setTimeout(() => res.writeHead(status, headers).end(status === 200 ? 'ok' : 'status ' + status), slow[req.url] ?? 0);
  });
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

/**
 * A webhook receiver in a child process, answering each path by its plan of statuses, after
 * the delay in milliseconds `slow` gives its path (none by default). `port` listens on that
 * port (a receiver started again after a stop); any free one otherwise.
 */
export async function startWebhookReceiver(
  plan: Record<string, number[]> = {},
  opts: { slow?: Record<string, number>; port?: number } = {},
): Promise<WebhookReceiver> {
  const listening = script.replace('server.listen(0,', `server.listen(${opts.port ?? 0},`);
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', listening], {
    env: {
      ...process.env,
      RECEIVER_PLAN: JSON.stringify(plan),
      RECEIVER_SLOW: JSON.stringify(opts.slow ?? {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    host: `127.0.0.1:${port}`,
    received: async () => (await (await fetch(`${base}/_seen`)).json()) as Received[],
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
