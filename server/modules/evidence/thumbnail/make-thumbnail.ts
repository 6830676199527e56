import sharp from 'sharp';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { verifying } from '../service/evidence-io.ts';
import type { ThumbnailLimits } from './limits.ts';

export type ThumbnailOutcome =
  | { ok: true; bytes: Buffer; width: number; height: number; mediaType: 'image/webp' }
  | { ok: false; reason: string };

/** Reads a stored capture (at most `maxBytes`), checking its SHA-256 on the way. */
async function readCapture(store: BlobStore, item: { sha256: string; sizeBytes: number }) {
  const source = await store.open(item.sha256);
  if (!source) throw new Error('the bytes of this evidence are missing from the store');
  const parts: Buffer[] = [];
  const stream = verifying(source, { sha256: item.sha256, size: item.sizeBytes }, () => undefined);
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** sharp's refusals, in the analyst's words. */
function reasonOf(error: unknown, limits: ThumbnailLimits): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return `The image has more than ${limits.maxPixels / 1_000_000} megapixels: it is not decoded, and gets no thumbnail`;
  if (/timeout/i.test(message))
    return `Making the thumbnail took longer than ${limits.timeoutSeconds} s`;
  return `The image could not be decoded: ${message.slice(0, 500)}`;
}

/**
 * A WebP thumbnail of a stored image, fitting a square of `limits.box` pixels (never enlarged;
 * the first frame of an animation; turned as its EXIF orientation says). Images of more than
 * `limits.maxPixels` pixels are refused from their header, before anything is decoded. The
 * stored bytes are only read. Throws only when they cannot be (missing or altered).
 */
export async function makeThumbnail(
  store: BlobStore,
  item: { sha256: string; sizeBytes: number },
  limits: ThumbnailLimits,
): Promise<ThumbnailOutcome> {
  if (item.sizeBytes > limits.maxInputBytes)
    return {
      ok: false,
      reason: `The file is larger than ${limits.maxInputBytes / 1024 / 1024} MiB: it gets no thumbnail`,
    };
  const input = await readCapture(store, item);
  try {
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, pages: 1 })
      .rotate()
      .resize({ width: limits.box, height: limits.box, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .timeout({ seconds: limits.timeoutSeconds })
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      bytes: data,
      width: info.width,
      height: info.height,
      mediaType: 'image/webp',
    };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, limits) };
  }
}
