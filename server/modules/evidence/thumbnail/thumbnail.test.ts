import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { runEvidenceJobs, uploadEvidence } from '../../../testing/evidence.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const blobPath = (hash: string) =>
  join(env.config.dataDir, 'evidence', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
const newCase = async () =>
  (await env.api('admin').post('/api/v1/cases', { title: 'Captures' })).body.number as number;
const thumbnailRow = (id: number) =>
  env.db
    .selectFrom('evidenceThumbnails')
    .selectAll()
    .where('evidenceId', '=', id)
    .executeTakeFirst();
const getThumbnail = (number: number, id: number) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${number}/evidence/${id}/thumbnail`,
    headers: { authorization: `Bearer ${env.members.investigator.token}` },
  });

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header says 50,000 × 50,000 pixels, with a tiny IDAT: never its real size. */
function pixelBombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A zip of one file of 200 MiB of zeros, deflated to a few hundred KiB. */
function zipBomb(): Buffer {
  const size = 200 * 1024 * 1024;
  const zeros = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < size / zeros.length; i += 1) crc = crc32(zeros, crc);
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const name = Buffer.from('payroll.xlsx');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe('thumbnails of captures', () => {
  it('makes a WebP thumbnail of at most 320 pixels of a real PNG', async () => {
    const png = await sharp({
      create: { width: 1280, height: 720, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    const number = await newCase();
    const up = await uploadEvidence(env, number, png, { name: 'screen.png' });
    expect(up.body).toMatchObject({ kind: 'capture', detectedType: 'image/png' });
    expect((await getThumbnail(number, up.body.id)).statusCode).toBe(404);

    await runEvidenceJobs(env);
    const res = await getThumbnail(number, up.body.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/webp',
      'x-content-type-options': 'nosniff',
    });
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 180 });
    expect(await thumbnailRow(up.body.id)).toMatchObject({
      status: 'made',
      width: 320,
      height: 180,
    });
    // The original is untouched.
    expect(readFileSync(blobPath(sha(png))).equals(png)).toBe(true);
  });

  it('refuses a 50,000 × 50,000 PNG by its header: no thumbnail, the original unchanged', async () => {
    const bomb = pixelBombPng();
    const number = await newCase();
    const up = await uploadEvidence(env, number, bomb, { name: 'huge.png' });
    expect(up.body).toMatchObject({ detectedType: 'image/png', sizeBytes: bomb.length });
    const before = process.memoryUsage().rss;
    await runEvidenceJobs(env);
    // 2.5 gigapixels would be 7.5 GB decoded: nothing near that was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 * 1024);
    expect(await thumbnailRow(up.body.id)).toMatchObject({
      status: 'failed',
      sha256: null,
      failure: 'The image has more than 40 megapixels: it is not decoded, and gets no thumbnail',
    });
    const res = await getThumbnail(number, up.body.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toMatchObject({ status: 'failed' });
    expect(readFileSync(blobPath(sha(bomb))).equals(bomb)).toBe(true);
    const job = await env.db
      .selectFrom('jobs')
      .select('state')
      .where('idempotencyKey', '=', `thumbnail:${up.body.id}`)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('done');
  });

  it('stores a zip bomb as it came and never expands it: no job is queued for it', async () => {
    const zip = zipBomb();
    expect(zip.length).toBeLessThan(1024 * 1024);
    const number = await newCase();
    const up = await uploadEvidence(env, number, zip, { name: 'payroll.zip' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      kind: 'file',
      detectedType: 'application/zip',
      sizeBytes: zip.length,
    });
    const jobs = await env.db
      .selectFrom('jobs')
      .select('type')
      .where('payload', 'like', `%"evidenceId":${up.body.id}}%`)
      .execute();
    expect(jobs).toEqual([]);
    await runEvidenceJobs(env);
    expect(await thumbnailRow(up.body.id)).toBeUndefined();
    const message = await env.db
      .selectFrom('evidenceMessages')
      .select('status')
      .where('evidenceId', '=', up.body.id)
      .executeTakeFirst();
    expect(message).toBeUndefined();
    expect(readFileSync(blobPath(sha(zip))).equals(zip)).toBe(true);
    // The store holds the archive's bytes and nothing taken out of it.
    const sizes = readdirSync(join(blobPath(sha(zip)), '..')).map(
      (f) => readFileSync(join(blobPath(sha(zip)), '..', f)).length,
    );
    expect(sizes).toEqual([zip.length]);
    expect((await getThumbnail(number, up.body.id)).statusCode).toBe(404);
  });

  it('queues no thumbnail for video', async () => {
    const number = await newCase();
    // The start of a WebM file (EBML header): detected as video, shown inline, never decoded.
    const webm = Buffer.from(
      '1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102',
      'hex',
    );
    const up = await uploadEvidence(env, number, webm, { name: 'clip.webm' });
    expect(up.body).toMatchObject({ kind: 'capture', detectedType: 'video/webm' });
    await runEvidenceJobs(env);
    expect(await thumbnailRow(up.body.id)).toBeUndefined();
    expect((await getThumbnail(number, up.body.id)).statusCode).toBe(404);
  });
});
