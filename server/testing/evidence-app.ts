import Fastify, { type FastifyInstance } from 'fastify';
import type { Authenticated } from '../http/auth.ts';
import { handleError } from '../http/errors.ts';
import { registerRoutes } from '../http/register.ts';
import { ActorCache } from '../modules/accounts/index.ts';
import { evidenceStoreOf } from '../modules/evidence/evidence-store.ts';
import { evidenceRoutes } from '../modules/evidence/index.ts';
import type { TestEnv } from './harness.ts';

/**
 * The evidence routes alone with an upload limit of `maxBytes`, over the test environment's
 * database and store, listening on a port of 127.0.0.1: for faults that need a real socket
 * and a limit small enough to pass in a test.
 */
export async function listenEvidenceApp(
  env: TestEnv,
  maxBytes: number,
): Promise<{ app: FastifyInstance; port: number }> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(handleError);
  const actors = new ActorCache<Authenticated>(0);
  app.addHook('onClose', async () => actors.close());
  const config = { ...env.config, evidence: { ...env.config.evidence, maxBytes } };
  registerRoutes(app, evidenceRoutes(config, evidenceStoreOf(env.config)), {
    db: env.db,
    clock: env.clock,
    config: env.config,
    actors,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : 0 };
}
