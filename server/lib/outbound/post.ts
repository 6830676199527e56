import { Agent, errors as undiciErrors } from 'undici';
import { checkOutboundUrl } from './url-check.ts';
import {
  guardedLookup,
  RefusedAddressError,
  systemResolver,
  type Resolver,
} from './connect-guard.ts';

export type OutboundFailureKind =
  'bad_url' | 'refused_address' | 'timeout' | 'connect_error' | 'tls_error' | 'protocol_error';

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The whole call, connect to last byte read; 10 s when not given. */
  timeoutMs?: number;
  /** Exact `host` or `host:port` names that may be non-public (an operator's internal receivers). */
  allowHosts?: readonly string[];
  /** Name resolution; the system's unless a test replaces it. */
  resolver?: Resolver;
}

export type OutboundResult =
  | {
      ok: true;
      status: number;
      headers: Record<string, string | string[]>;
      /** The first KiB of the answer, as text; the rest is never read. */
      bodySnippet: string;
      durationMs: number;
    }
  | { ok: false; failure: OutboundFailureKind; message: string; durationMs: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 1024;

/**
 * POSTs a body to a receiver, through the checks every outbound call needs: http(s) only, the
 * address connected to must be public or allow-listed, no redirect is followed (a 3xx is the
 * answer), and one deadline bounds the whole call. Never throws; failures come back typed.
 */
export async function postOutbound(req: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const allowHosts = req.allowHosts ?? [];
  const verdict = checkOutboundUrl(req.url, allowHosts);
  if (!verdict.ok)
    return { ok: false, failure: verdict.failure, message: verdict.message, durationMs: elapsed() };
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = dispatcherFor(req.resolver ?? systemResolver, verdict.allowed, timeoutMs);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineError()), timeoutMs);
  try {
    const res = await agent.request({
      origin: verdict.url.origin,
      path: `${verdict.url.pathname}${verdict.url.search}`,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal: deadline.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const bodySnippet = await readSnippet(res.body);
    return {
      ok: true,
      status: res.statusCode,
      headers: stringHeaders(res.headers),
      bodySnippet,
      durationMs: elapsed(),
    };
  } catch (err) {
    const { failure, message } = classify(err, deadline.signal.aborted, timeoutMs);
    return { ok: false, failure, message, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keep-alive agents shared by calls with the same guard settings, so a receiver's connection
 * is reused instead of opened for every call. Each agent's connections were all opened through
 * its own guarded lookup: a call the allow-list does not cover never reuses a connection that
 * was opened unchecked, and every new connection is judged again at connect time. One request
 * per connection at a time (no pipelining); a body left unread (past its first KiB, or cut by
 * the deadline) destroys its connection, never hands it back.
 */
const agents = new WeakMap<Resolver, Map<string, Agent>>();

function dispatcherFor(resolver: Resolver, allowed: boolean, timeoutMs: number): Agent {
  let byKey = agents.get(resolver);
  if (!byKey) agents.set(resolver, (byKey = new Map<string, Agent>()));
  const key = `${allowed}:${timeoutMs}`;
  let agent = byKey.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { lookup: guardedLookup(resolver, allowed), timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      pipelining: 1,
      keepAliveTimeout: 4_000,
    });
    byKey.set(key, agent);
  }
  return agent;
}

class DeadlineError extends Error {
  constructor() {
    super('deadline');
    this.name = 'DeadlineError';
  }
}

/** Reads at most the first KiB of a body, then discards the rest without reading it. */
async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= SNIPPET_BYTES) break; // leaving the loop destroys the stream
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}

function stringHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  return out;
}

const tlsCodes = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function classify(
  err: unknown,
  aborted: boolean,
  timeoutMs: number,
): { failure: OutboundFailureKind; message: string } {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 8; e = (e as { cause?: unknown }).cause)
    chain.push(e);
  const refused = chain.find((e) => e instanceof RefusedAddressError);
  if (refused instanceof RefusedAddressError)
    return { failure: 'refused_address', message: refused.message };
  const timedOut =
    aborted ||
    chain.some(
      (e) =>
        e instanceof DeadlineError ||
        e instanceof undiciErrors.ConnectTimeoutError ||
        e instanceof undiciErrors.HeadersTimeoutError ||
        e instanceof undiciErrors.BodyTimeoutError,
    );
  if (timedOut) return { failure: 'timeout', message: `No answer within ${timeoutMs} ms` };
  const coded = chain.find((e) => typeof (e as { code?: unknown }).code === 'string') as
    { code: string; message?: string } | undefined;
  const code = coded?.code ?? '';
  const message = (coded?.message ?? (err instanceof Error ? err.message : String(err))).slice(
    0,
    300,
  );
  if (tlsCodes.test(code)) return { failure: 'tls_error', message };
  if (code.startsWith('UND_ERR_') && !code.includes('SOCKET'))
    return { failure: 'protocol_error', message };
  return { failure: 'connect_error', message: code ? `${code}: ${message}` : message };
}
