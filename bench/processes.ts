import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const running = new Set<ChildProcess>();

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });
}

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready at ${url}:\n${output()}`);
}

/** Starts `node <args>` in the project folder with extra environment; resolves once `readyPath` answers 200. */
export async function startChild(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}${readyPath}`, child, () => log);
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          running.delete(child);
          done();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          running.delete(child);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Kills every child still running (on an error or an interrupt). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/**
 * On SIGINT or SIGTERM: kills the children, runs `also`, and after a moment for the killed
 * servers to close their connections, drops the databases still in `drops`; then exits 130.
 */
export function cleanUpOnInterrupt(
  drops: ReadonlySet<() => Promise<void>>,
  also?: () => unknown,
): void {
  const interrupt = () => {
    killChildren();
    also?.();
    setTimeout(() => {
      void Promise.allSettled([...drops].map((drop) => drop())).finally(() => process.exit(130));
    }, 500);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
}
