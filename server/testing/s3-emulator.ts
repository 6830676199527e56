import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/** The emulator's built-in account. */
export const S3_ACCESS_KEY = 'S3RVER';
export const S3_SECRET_KEY = 'S3RVER';

export interface S3Emulator {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  bucket: string;
  /** The folder the emulator keeps its buckets in. */
  directory: string;
  /** A client of the emulator's account, to look at the bucket directly. */
  client: S3Client;
  /** Every key of the bucket under `prefix`. */
  keys(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

// s3rver in a process of its own, on a free loopback port, keeping its buckets in argv[1].
// Its signature check canonicalises bucket-level paths without the trailing slash the SDK signs
// (`/bucket/?list-type=2`), so listing would always be refused: signatures are not checked,
// the access key still is.
const script = `
import S3rver from '@20minutes/s3rver';
const [directory, bucket] = process.argv.slice(1);
const server = new S3rver({
  address: '127.0.0.1', port: 0, directory, silent: true,
  allowMismatchedSignatures: true, configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
console.log('port ' + port);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
`;

/**
 * A real S3 server process (the s3rver emulator) with one empty bucket, in a fresh folder.
 * Its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider.
 */
export async function startS3Emulator(bucket = 'evidence'): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), 'casefile-s3-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '--input-type=module', '-e', script, directory, bucket],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /port (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`S3 emulator exited with ${code}: ${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY },
  });
  return {
    endpoint,
    bucket,
    directory,
    client,
    keys: async (Prefix) => {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix, ContinuationToken }),
        );
        keys.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return keys;
    },
    stop: async () => {
      client.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * An object store whose disks are full, as MinIO answers then: every write gets 507
 * XMinioStorageFull, every HEAD 404. Counts the write requests it refused.
 */
export async function startFullObjectStore(): Promise<{
  endpoint: string;
  writes(): number;
  stop(): Promise<void>;
}> {
  let writes = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'HEAD' || req.method === 'GET') {
        res.writeHead(404).end();
        return;
      }
      writes += 1;
      res
        .writeHead(507, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>XMinioStorageFull</Code>` +
            `<Message>Storage backend has reached its minimum free drive threshold.</Message></Error>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    writes: () => writes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
