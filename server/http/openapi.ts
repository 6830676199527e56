import { z } from 'zod';
import { ErrorBody } from '../../contract/errors.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

const errorText: Record<number, string> = {
  400: 'The request is not valid (details list each problem)',
  401: 'Not signed in, or the API token is not valid',
  403: 'Signed in, but not allowed to do this',
  404: 'Not found, or not visible to you',
  405: 'This method is not allowed here',
  409: 'In conflict with the current state',
  412: 'The If-Match version is stale: someone changed it first',
  428: 'If-Match is missing: send the ETag (version) you last saw',
  413: 'The body is too large',
  422: 'The body is not what it says it is (its digest differs)',
  423: 'Locked: the case is under legal hold',
  507: 'The store has no room left; nothing was stored',
  429: 'Too many requests; wait and try again',
};

const retryAfter = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 1 },
};

function parameters(route: AnyRoute): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = toSchema(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      const { description, ...rest } = prop;
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  };
  add(route.params, 'path');
  add(route.query, 'query');
  return out;
}

/** The OpenAPI 3.1 document, built from the same route declarations and schemas the server uses. */
export function buildOpenApi(routes: AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, JsonSchema> = {
      [route.response.status]: route.response.schema
        ? {
            description: route.response.description ?? 'OK',
            content: {
              [route.response.mediaType ?? 'application/json']: {
                schema: toSchema(route.response.schema, 'output'),
              },
            },
          }
        : { description: route.response.description ?? 'No content' },
    };
    const statuses = new Set([
      400,
      ...(route.auth === 'public' ? [] : [401, 403, 404]),
      ...(route.errors ?? []),
    ]);
    for (const status of statuses) {
      if (status !== route.response.status) {
        responses[status] = {
          description: errorText[status] ?? 'Error',
          ...(status === 429 ? { headers: { 'Retry-After': retryAfter } } : {}),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      ...(route.auth === 'public' ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: route.upload,
              content: {
                'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: { file: { type: 'string', format: 'binary' } },
                    required: ['file'],
                  },
                },
              },
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Casefile API',
      version,
      description:
        'Case management for security operations and insider-risk teams. Every error has the body `{ error: { code, message, details?, requestId } }`; lists are paginated with `nextCursor`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from POST /api/v1/tokens',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'casefile_session',
          description: 'From POST /api/v1/auth/sign-in; writes also need X-CSRF-Token',
        },
      },
      schemas: { Error: toSchema(ErrorBody, 'output') },
    },
    paths,
  };
}
