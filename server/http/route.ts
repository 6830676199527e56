import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  ctx: Ctx;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One HTTP operation: its contract schemas (validation and the OpenAPI document both come
 * from them) and a handler that calls a service. `auth: 'public'` routes get no actor.
 */
export interface RouteDef<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> {
  method: Method;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: 'public' | 'session' | 'any';
  params?: P;
  query?: Q;
  body?: B;
  /** The success status and body schema; `null` schema for an empty body. */
  response: {
    status: number;
    schema: Schema | null;
    description?: string;
    /** The media type of the body, when not JSON (a stream of server-sent events). */
    mediaType?: string;
  };
  /** The largest body this route accepts, in bytes, when not the server's default. */
  bodyLimit?: number;
  /** Error statuses worth documenting beyond the common ones. */
  errors?: number[];
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>;
}

export type AnyRoute = RouteDef<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Declares a route with its types inferred from the schemas. */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(def: RouteDef<P, Q, B>): AnyRoute {
  return def;
}
