import { connect, type Socket } from 'node:net';

/** What came back on a raw connection: the status of the response, if one arrived. */
export interface RawOutcome {
  /** The status code of the response head; null when the connection closed before one. */
  status: number | null;
  /** Everything received. */
  text: string;
}

export interface RawRequest {
  socket: Socket;
  /** Resolves once a response head arrived, or the connection closed without one. */
  answered: Promise<RawOutcome>;
  /** Resolves when the connection is closed (by either side). */
  closed: Promise<RawOutcome>;
  /** Writes and waits until the bytes were handed to the kernel; false once closed. */
  write(chunk: Buffer | string): Promise<boolean>;
}

/**
 * An HTTP request written by hand on a TCP connection: the head (request line and headers)
 * now, the body as the test chooses, so that it can stop, stall or lie about its length.
 */
export function rawRequest(port: number, head: string): RawRequest {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let text = '';
  const outcome = (): RawOutcome => {
    const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
    return { status: m && text.includes('\r\n\r\n') ? Number(m[1]) : null, text };
  };
  const closed = new Promise<RawOutcome>((resolve) =>
    socket.once('close', () => resolve(outcome())),
  );
  const answered = new Promise<RawOutcome>((resolve) => {
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (outcome().status !== null) resolve(outcome());
    });
    void closed.then(resolve);
  });
  socket.write(head);
  return {
    socket,
    answered,
    closed,
    write: (chunk) =>
      new Promise((resolve) => {
        if (socket.destroyed || socket.writableEnded) return resolve(false);
        socket.write(chunk, (error) => resolve(!error));
      }),
  };
}

/** The head of an upload of evidence to a case, with the headers given, and its blank line. */
export const uploadHead = (number: number, token: string, headers: string[]) =>
  [
    `POST /api/v1/cases/${number}/evidence HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: Bearer ${token}`,
    'Content-Type: application/octet-stream',
    "Content-Disposition: attachment; filename*=UTF-8''fault.bin",
    ...headers,
  ].join('\r\n') + '\r\n\r\n';
