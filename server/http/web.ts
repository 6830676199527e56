import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web app. */
export const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Serves the built single-page app at `/`: hashed assets cached for a year, and for any other
 * GET that asks for HTML outside /api, the app's index.html (the client routes it).
 * Returns the fallback for the not-found handler, or null when there is no build.
 */
export async function registerWebApp(
  app: FastifyInstance,
  root: string,
): Promise<((req: FastifyRequest, reply: FastifyReply) => Promise<boolean>) | null> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    decorateReply: false,
    index: false,
    wildcard: true,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFile(indexFile, 'utf8');
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html);
  };
  // `/` is a directory to the static handler, which would refuse it: answer it here.
  app.get('/', (_req, reply) => sendIndex(reply));
  return async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (req.method !== 'GET' || path.startsWith('/api/') || path === '/api' || !wantsHtml)
      return false;
    await sendIndex(reply);
    return true;
  };
}
