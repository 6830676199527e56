import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';

let env: TestEnv;
let port = 0;

beforeAll(async () => {
  env = await startTestEnv({
    CASEFILE_REQUEST_TIMEOUT_SECONDS: '2',
    CASEFILE_HEADERS_TIMEOUT_SECONDS: '1',
    CASEFILE_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
  });
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => env.close());

/** A raw connection that keeps what the server sends and says when the server closed it. */
function rawClient() {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  return { socket, closed, received: () => received };
}

/** Writes `text` one character every `ms` until done or the server closes the connection. */
async function trickle(socket: Socket, text: string, ms: number) {
  let sent = 0;
  for (const ch of text) {
    if (socket.destroyed || socket.writableEnded) break;
    socket.write(ch);
    sent += 1;
    await new Promise((r) => setTimeout(r, ms));
  }
  return sent;
}

describe('slow clients', () => {
  it('drops a sign-in whose body trickles in, with a 408 in the uniform body', async () => {
    const body = JSON.stringify({ email: 'slow@example.com', password: 'x'.repeat(200) });
    const client = rawClient();
    client.socket.write(
      `POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    // One byte every 100 ms would take about 24 s; the server ends it long before.
    const sent = await trickle(client.socket, body, 100);
    await client.closed;
    expect(sent).toBeLessThan(body.length);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    const json = client.received().slice(client.received().indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(json)).toMatchObject({
      error: { code: 'invalid_input', message: 'The request took too long to arrive' },
    });
  });

  it('drops a client whose headers trickle in', async () => {
    const client = rawClient();
    const headers = `GET /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(100)}\r\n\r\n`;
    const sent = await trickle(client.socket, headers, 100);
    await client.closed;
    expect(sent).toBeLessThan(headers.length);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const client = rawClient();
    client.socket.write(
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
    );
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('still serves a client that sends at a normal pace', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});
