import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/**
 * What a handler must answer for its response schema: the schema's input, so a presenter that
 * drifts from the contract (a field missing, renamed or of another type) does not compile.
 */
export type Reply<R> = R extends z.ZodType ? z.input<R> | Hijacked : unknown;

/** What a handler answers when it took over the response itself (`reply.hijack()`). */
export interface Hijacked {
  readonly hijacked: true;
}
export const HIJACKED: Hijacked = Object.freeze({ hijacked: true });

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
  R extends Schema | null = Schema | null,
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
    schema: R;
    description?: string;
    /** The media type of the body, when not JSON (a stream of server-sent events). */
    mediaType?: string;
  };
  /**
   * The route takes a stream of bytes (a raw body, or one multipart file), described by this
   * text: the body is left unread for the handler (`req.raw`), whatever its content type.
   */
  upload?: string;
  /** The largest body this route accepts, in bytes, when not the server's default. */
  bodyLimit?: number;
  /** Error statuses worth documenting beyond the common ones. */
  errors?: number[];
  handler: (input: RouteInput<P, Q, B>) => Promise<NoInfer<Reply<R>>>;
}

export type AnyRoute = RouteDef<
  Schema | undefined,
  Schema | undefined,
  Schema | undefined,
  Schema | null
>;

/**
 * Declares a route with its types inferred from the schemas: the handler's input from params,
 * query and body, and what it must answer from the response schema.
 */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | null = null,
>(def: RouteDef<P, Q, B, R>): AnyRoute {
  return def;
}
