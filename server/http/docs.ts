import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

// The package's folder, found without loading its main module (which loads the whole bundle).
const swaggerDist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Casefile API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

// A separate file rather than an inline script, so the page works under a strict CSP.
const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** The browsable API reference at /api/docs, served from the bundled swagger-ui files. */
export async function registerApiDocs(
  app: FastifyInstance,
  document: () => unknown,
): Promise<void> {
  app.get('/api/v1/openapi.json', (_req, reply) => reply.send(document()));
  app.get('/api/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/api/docs/init.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(init),
  );
  await app.register(fastifyStatic, {
    root: swaggerDist,
    prefix: '/api/docs/assets/',
    decorateReply: false,
    index: false,
  });
}
