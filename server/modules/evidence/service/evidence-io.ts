import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Ctx } from '../../../context.ts';

/** Who a custody entry names, and from where: the actor and its request's client address. */
export function custodyActor(ctx: Ctx) {
  const req = ctx.request as { ip?: string } | undefined;
  return {
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.name,
    address: typeof req?.ip === 'string' ? req.ip : null,
  };
}

/**
 * The bytes of `source` passed on while their SHA-256 is computed, the last chunk held back
 * until the whole hash is known: when it differs from `sha256` (or the length from `size`),
 * the stream fails instead of ending, so a reader never receives a complete altered file.
 * `onMismatch` is told what was found.
 */
export function verifying(
  source: Readable,
  expected: { sha256: string; size: number },
  onMismatch: (actual: { sha256: string; size: number }) => void,
): Readable {
  const hash = createHash('sha256');
  let size = 0;
  let held: Buffer | undefined;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      const actual = { sha256: hash.digest('hex'), size };
      if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
        onMismatch(actual);
        done(new Error('the stored bytes no longer match their SHA-256'));
        return;
      }
      done(null, held);
    },
  });
  source.on('error', (error) => out.destroy(error));
  return source.pipe(out);
}
