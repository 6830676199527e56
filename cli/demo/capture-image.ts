import { deflateSync } from 'node:zlib';
import type { Random } from './random.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgb = [number, number, number];

/**
 * A PNG that looks like a screen capture of a desktop from afar: a title bar, a window with a
 * header row and lines of a table, one line highlighted. Deterministic for a seed.
 */
export function captureImage(rng: Random, width = 800, height = 500): Buffer {
  const pixels = Buffer.alloc(height * (width * 3 + 1));
  const accent: Rgb = rng.pick([
    [37, 99, 235],
    [22, 163, 74],
    [217, 119, 6],
    [147, 51, 234],
  ] as Rgb[]);
  const marked = rng.int(4, 14);
  const colourAt = (x: number, y: number): Rgb => {
    if (y < 28) return [32, 33, 36];
    if (x < 180) return y % 40 < 24 && y > 50 ? [60, 64, 67] : [45, 47, 50];
    if (y < 70) return accent;
    const row = Math.floor((y - 70) / 26);
    const inText = (y - 70) % 26 > 8 && (y - 70) % 26 < 17 && (x - 200) % 140 < 100 && x > 200;
    if (row === marked) return inText ? [120, 20, 20] : [254, 226, 226];
    if (inText) return [95, 99, 104];
    return row % 2 ? [248, 249, 250] : [255, 255, 255];
  };
  for (let y = 0; y < height; y += 1) {
    const line = y * (width * 3 + 1);
    pixels[line] = 0; // no filter
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = colourAt(x, y);
      pixels[line + 1 + x * 3] = r;
      pixels[line + 2 + x * 3] = g;
      pixels[line + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
