import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Each key has a description; docs/configuration.md is
 * generated from this table (`npm run docs`), and a test keeps the two in step.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Which reverse proxies are believed about the client address (CASEFILE_TRUST_PROXY). */
export type TrustProxy =
  | { readonly mode: 'off' }
  | { readonly mode: 'private-peer' }
  | { readonly mode: 'hops'; readonly hops: number }
  | { readonly mode: 'proxies'; readonly addresses: readonly string[] };

const proxyEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** The trust setting, or what is wrong with it. */
function parseTrustProxy(value: string): TrustProxy | string {
  const v = value.trim().toLowerCase();
  if (['false', 'off', 'no', '0'].includes(v)) return { mode: 'off' };
  if (['true', 'on', 'yes'].includes(v)) return { mode: 'private-peer' };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 20 ? { mode: 'hops', hops } : 'a hop count must be at most 20';
  }
  const addresses = v.split(',').map((a) => a.trim());
  const bad = addresses.find((a) => !proxyEntry.safeParse(a).success);
  if (bad !== undefined)
    return `"${bad}" is not an address or CIDR range: use false, true, a hop count, or a comma-separated list of the proxies' addresses`;
  return { mode: 'proxies', addresses: Object.freeze(addresses) };
}

/** Where evidence files are kept (CASEFILE_EVIDENCE_* and CASEFILE_S3_*). */
export interface EvidenceConfig {
  readonly store: 'filesystem' | 's3';
  /** The filesystem store's folder; with `s3`, the parent of the local spool (`tmp/`). */
  readonly dir: string;
  readonly maxBytes: number;
  /** Set when `store` is `s3`. */
  readonly s3?: S3Config;
}

export interface S3Config {
  readonly bucket: string;
  /** Empty, or ending in `/`. */
  readonly prefix: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
}

export interface SignInLimits {
  readonly failuresPerAccount: number;
  readonly failuresPerAddress: number;
  readonly windowMinutes: number;
}

export const configKeys = {
  PORT: {
    schema: int(0, 65535).default(8080),
    description: 'TCP port the HTTP server listens on.',
  },
  HOST: {
    schema: z.string().min(1).default('0.0.0.0'),
    description:
      'Interface the HTTP server binds to (`127.0.0.1` to accept local connections only).',
  },
  CASEFILE_DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    description: 'Folder for the embedded database and stored files. Created when missing.',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    description:
      'PostgreSQL connection URL (`postgres://user:pass@host:5432/db`). When unset, the embedded SQLite database in the data folder is used.',
  },
  CASEFILE_MIGRATION_DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    description:
      'PostgreSQL URL of the role that owns the schema. When set, migrations run as that role, and the role of `DATABASE_URL` (the server) is granted reading and writing the tables but not changing or deleting audit events. When unset, the role of `DATABASE_URL` migrates and owns the schema, and so could rewrite the audit table.',
  },
  CASEFILE_ADMIN_EMAIL: {
    schema: z.email().optional(),
    description:
      'E-mail of the first administrator, created at first start when no account exists. Without it, `admin@casefile.local` is used.',
  },
  CASEFILE_ADMIN_PASSWORD: {
    schema: z.string().min(12, 'must be at least 12 characters').optional(),
    description:
      'Password of that first administrator. Without it, a random password is generated and printed once to the console.',
  },
  CASEFILE_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Least severe level written to the JSON log on standard output.',
  },
  CASEFILE_SESSION_TTL_HOURS: {
    schema: int(1, 24 * 30).default(12),
    description: 'How long a browser session lasts after sign-in, in hours.',
  },
  CASEFILE_COOKIE_SECURE: {
    schema: z.enum(['auto', 'true', 'false']).default('auto'),
    description:
      'Mark the session cookie `Secure`: `auto` does so when the request arrived over HTTPS (see `CASEFILE_TRUST_PROXY`).',
  },
  CASEFILE_TRUST_PROXY: {
    schema: z
      .string()
      .default('false')
      .superRefine((value, ctx) => {
        const parsed = parseTrustProxy(value);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      }),
    description:
      'Which reverse proxies to believe about the client address and protocol (`X-Forwarded-For`, `X-Forwarded-Proto`). The client address, which sign-in throttling counts by, is the first address from the right of `X-Forwarded-For` that is not a trusted proxy. `false` (or `off`): believe no proxy, the client is the connecting address. `true` (or `on`): one proxy, when the connecting address is loopback, link-local or private (a proxy on the same host or network); the client is the address that proxy saw. A number N: the last N hops are proxies, whatever their addresses. A comma-separated list of addresses and CIDR ranges (`127.0.0.1,10.0.4.0/24`): exactly those proxies, which is the safest. A client that can reach Casefile without passing its proxy can name any address with `true` or a number: bind `HOST` to the proxy side, or list the proxies.',
  },
  CASEFILE_BODY_LIMIT_BYTES: {
    schema: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
    description: 'Largest request body accepted, in bytes; larger ones get 413.',
  },
  CASEFILE_REQUEST_TIMEOUT_SECONDS: {
    schema: int(1, 3600).default(120),
    description:
      'Longest time a client may take to send a whole request (headers and body), in seconds; a slower one is answered 408 and its connection closed, so trickling bodies cannot hold connections open.',
  },
  CASEFILE_HEADERS_TIMEOUT_SECONDS: {
    schema: int(1, 600).default(20),
    description:
      "Longest time a client may take to send a request's headers, in seconds (at most the request timeout).",
  },
  CASEFILE_KEEP_ALIVE_TIMEOUT_SECONDS: {
    schema: int(1, 600).default(5),
    description:
      "How long an idle keep-alive connection stays open after an answer, in seconds. Behind a proxy that reuses connections, keep it above the proxy's own idle timeout.",
  },
  CASEFILE_AUTH_CACHE_SECONDS: {
    schema: int(0, 300).default(5),
    description:
      'How long a server remembers who is behind a session or API token, in seconds (0: look it up on every request). Changes made through this server apply at once; changes made by the command line or another server apply within this time.',
  },
  CASEFILE_INGEST_BODY_LIMIT_BYTES: {
    schema: int(1024, 256 * 1024 * 1024).default(16 * 1024 * 1024),
    description:
      'Largest request body accepted by the ingestion routes (batches of up to 1,000 alerts or 5,000 activity events), in bytes.',
  },
  CASEFILE_INGEST_FUTURE_SKEW_MINUTES: {
    schema: int(0, 5 * 366 * 24 * 60).default(60),
    description:
      "How far in the future an ingested alert's detection time (or an activity event's time) may lie, in minutes (the sources' clocks may run ahead); later ones, and any before 1970, refuse the batch with 400.",
  },
  CASEFILE_CORRELATION_WINDOW_HOURS: {
    schema: int(1, 24 * 365).default(24),
    description:
      'A new alert joins an active incident of the same subject or sharing an entity when that incident had an alert within this many hours.',
  },
  CASEFILE_CORRELATION_MAX_ALERTS: {
    schema: int(1, 100_000).default(150),
    description:
      'Most alerts one incident gathers by correlation; the next related alert opens a new incident.',
  },
  CASEFILE_SIGN_IN_FAILURES_PER_ACCOUNT: {
    schema: int(1, 10_000).default(10),
    description:
      'Failed sign-ins allowed per e-mail address (whether or not an account has it) within `CASEFILE_SIGN_IN_WINDOW_MINUTES`; the next attempts answer 429 until the window ends. A successful sign-in clears the count.',
  },
  CASEFILE_SIGN_IN_FAILURES_PER_ADDRESS: {
    schema: int(1, 100_000).default(100),
    description:
      'Failed sign-ins allowed per client address, over all e-mail addresses, within `CASEFILE_SIGN_IN_WINDOW_MINUTES`; the next attempts from that address answer 429 until the window ends. Successful sign-ins do not count. Keep it well above the per-account limit: a whole team may sign in from behind one proxy or NAT (see `CASEFILE_TRUST_PROXY`).',
  },
  CASEFILE_SIGN_IN_WINDOW_MINUTES: {
    schema: int(1, 24 * 60).default(15),
    description:
      'Length of the sign-in throttling window, in minutes: it opens at the first failure of an account or address.',
  },
  CASEFILE_JOB_CONCURRENCY: {
    schema: int(1, 256).default(4),
    description:
      'Background jobs one server process runs at once (webhook deliveries, audit anchors, sweeps). Every process running the server or `casefile worker` takes its share of the queue.',
  },
  CASEFILE_JOB_POLL_SECONDS: {
    schema: z.coerce.number().min(0.01).max(3600).default(5),
    description:
      'How often an idle worker looks for due jobs, in seconds. Jobs enqueued by this process start at once; this bounds the wait for jobs enqueued elsewhere and for retries.',
  },
  CASEFILE_JOB_RETRY_BASE_SECONDS: {
    schema: z.coerce.number().min(0).max(86_400).default(10),
    description:
      'Delay before the first retry of a failed job, in seconds; each further retry waits up to twice as long (with random jitter), up to `CASEFILE_JOB_RETRY_CAP_SECONDS`.',
  },
  CASEFILE_JOB_RETRY_CAP_SECONDS: {
    schema: z.coerce
      .number()
      .min(0)
      .max(7 * 86_400)
      .default(3600),
    description: 'Longest delay between two attempts of a failed job, in seconds.',
  },
  CASEFILE_JOB_LOCK_GRACE_SECONDS: {
    schema: z.coerce.number().min(0).max(3600).default(30),
    description:
      'How long past its timeout a running job stays locked to its worker, in seconds; after that another worker takes it over (its worker is taken to have crashed).',
  },
  CASEFILE_JOB_STOP_SECONDS: {
    schema: z.coerce.number().min(0).max(600).default(10),
    description:
      'On shutdown, how long to wait for running jobs to finish, in seconds; jobs still running then are taken over by another worker once their lock expires.',
  },
  CASEFILE_JOB_KEEP_DAYS: {
    schema: int(1, 3650).default(7),
    description:
      'Finished (done) background jobs are deleted this many days after they finished, by a daily duty. Dead and failed jobs are kept until an administrator retries them.',
  },
  CASEFILE_SCHEDULER_TICK_SECONDS: {
    schema: z.coerce.number().min(0.01).max(3600).default(30),
    description:
      'How often the recurring duties (statistics, session sweep, audit anchors) are looked at, in seconds. Each slot runs once across all processes.',
  },
  CASEFILE_AUDIT_ANCHOR_MINUTES: {
    schema: int(1, 7 * 24 * 60).default(60),
    description:
      'Every this many minutes, where each audit chain stands is appended to `audit-anchors.jsonl` in the data folder (also once at every start), so a later cut of a chain shows against it (`casefile verify-audit --anchor`).',
  },
  CASEFILE_PSEUDONYM_KEY: {
    schema: z
      .string()
      .refine((v) => /^[A-Za-z0-9+/=]+$/.test(v) && Buffer.from(v, 'base64').length >= 32, {
        message: 'must be base64 of at least 32 random bytes (openssl rand -base64 32)',
      })
      .optional(),
    description:
      "The master secret subjects' pseudonyms are made with (base64 of 32 random bytes or more; `openssl rand -base64 32`); each workspace's key is derived from it. When unset, the `pseudonym-key` file of the data folder is used, made on first start. Never stored in the database: several server processes on one PostgreSQL must all be given the same value. Changing it changes every pseudonym.",
  },
  CASEFILE_AUDIT_ANCHOR_URL: {
    schema: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
    description:
      'Optional: an http(s) URL that receives the same audit anchors as a JSON POST (`{ "type": "audit.anchors", "anchors": [{ workspaceId, seq, hash, at }] }`) each time they are written, so a copy lives off this machine (a log collector, a WORM store). A receiver that does not answer 2xx is retried. It goes through the outbound guard: an internal host must be listed in `CASEFILE_WEBHOOK_ALLOW_HOSTS`.',
  },
  CASEFILE_WEBHOOK_ALLOW_HOSTS: {
    schema: z
      .string()
      .default('')
      .superRefine((value, ctx) => {
        const bad = parseAllowHosts(value).find((h) => !allowHostEntry.test(h));
        if (bad !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `"${bad}" is not a host name or host:port (like hooks.internal or 10.0.0.5:8443)`,
          });
      }),
    description:
      'Receivers that outbound calls (webhooks) may reach although they are not public: a comma-separated list of exact host names or addresses, each optionally with a port (`hooks.internal,10.0.0.5:8443,[fd00::5]:443`). Without a port every port of that host is allowed. Every other host must resolve only to public addresses: loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved addresses are refused when the connection is made.',
  },
  CASEFILE_WEBHOOK_SWEEP_SECONDS: {
    schema: z.coerce.number().min(0.1).max(3600).default(5),
    description:
      'How often the webhook sweep looks for subscriptions with events not yet delivered and retries that came due, in seconds. Changes made by this process wake delivery at once; the sweep bounds the wait for changes made by other processes and for retries.',
  },
  CASEFILE_STREAM_HEARTBEAT_SECONDS: {
    schema: z.coerce.number().min(0.05).max(300).default(15),
    description:
      'How often an open live-update stream (`GET /api/v1/stream`) sends a comment line when nothing else happened, in seconds, so that proxies do not close it as idle; each heartbeat also checks that the session or token behind the stream is still valid. Keep it below the idle timeout of every proxy in front of the server.',
  },
  CASEFILE_STREAM_REPLAY_EVENTS: {
    schema: int(1, 100_000).default(500),
    description:
      'How many events of the log a live-update stream that reconnects with `Last-Event-ID` replays at most. A client further behind gets a `resync` event and reloads what it shows instead.',
  },
  CASEFILE_WEBHOOK_RETRY_SECONDS: {
    schema: z
      .string()
      .default('')
      .superRefine((value, ctx) => {
        const delays = parseDelays(value);
        if (delays === undefined || delays.length > 20)
          ctx.addIssue({
            code: 'custom',
            message: 'expected up to 20 comma-separated numbers of seconds, like 5,300,1800',
          });
      }),
    description:
      'The delays between attempts of a failed webhook delivery, in seconds, comma-separated; each is stretched by a random 0-25 %. After the last one the delivery is `failed` and the subscription moves on. Empty: the Standard Webhooks schedule, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight attempts over about a day and a half).',
  },
  CASEFILE_EVIDENCE_STORE: {
    schema: z.enum(['filesystem', 's3']).default('filesystem'),
    description:
      'Where evidence files are kept: `filesystem` (the folder `CASEFILE_EVIDENCE_DIR`) or `s3` (a bucket of S3 or an S3-compatible store such as MinIO, Ceph or Garage; set `CASEFILE_S3_BUCKET` and the credentials). Either way files are addressed by their SHA-256, stored once and never overwritten.',
  },
  CASEFILE_EVIDENCE_DIR: {
    schema: z.string().min(1).optional(),
    description:
      "Folder of the filesystem evidence store; with `s3`, its `tmp/` folder is where an upload is written, hashed and checked before it is sent (it needs room for the largest upload in progress). When unset, the data folder's `evidence/`.",
  },
  CASEFILE_EVIDENCE_MAX_BYTES: {
    schema: int(1, 5 * 1024 ** 4).default(2 * 1024 ** 3),
    description:
      'Largest evidence file accepted, in bytes (2 GiB by default, 5 TiB at most); one byte more and the upload is refused with nothing kept.',
  },
  CASEFILE_S3_BUCKET: {
    schema: z
      .string()
      .regex(/^[^/\s]+$/, 'must be a bucket name, without slashes or spaces')
      .optional(),
    description: 'Bucket of the `s3` evidence store (required with it).',
  },
  CASEFILE_S3_PREFIX: {
    schema: z
      .string()
      .default('casefile/')
      .refine((v) => !v.includes('//') && !/\s/.test(v), 'must be a key prefix like casefile/'),
    description:
      'Put before every key Casefile writes in the bucket (a `/` is added at the end when missing), so the bucket can be shared; `/` for none. Files go to `<prefix>sha256/ab/cd/<hash>`, write probes to `<prefix>tmp/`.',
  },
  CASEFILE_S3_ENDPOINT: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    description:
      'URL of an S3-compatible server (`https://minio.internal:9000`); when unset, AWS S3 in `CASEFILE_S3_REGION`. Each upload carries its SHA-256 (`x-amz-checksum-sha256`) for the server to check, and `If-None-Match: *` so that an object is never overwritten. Give the bucket a lifecycle rule that aborts incomplete multipart uploads after a day: a server stopped in the middle of a large upload leaves its parts behind.',
  },
  CASEFILE_S3_REGION: {
    schema: z.string().min(1).default('us-east-1'),
    description: 'Region of the bucket (S3-compatible servers mostly take any value).',
  },
  CASEFILE_S3_ACCESS_KEY_ID: {
    schema: z.string().min(1).optional(),
    description:
      'Access key id for the bucket (required with `s3`). It needs to put, get, head, list and delete objects under the prefix, and to abort multipart uploads.',
  },
  CASEFILE_S3_SECRET_ACCESS_KEY: {
    schema: z.string().min(1).optional(),
    description:
      'Secret access key for the bucket (required with `s3`). Never logged nor shown by `/readyz`.',
  },
  CASEFILE_S3_FORCE_PATH_STYLE: {
    schema: z.enum(['true', 'false']).optional(),
    description:
      'Address the bucket in the path (`https://host/bucket/key`) instead of the host name (`https://bucket.host/key`). When unset: `true` when `CASEFILE_S3_ENDPOINT` is set (as most S3-compatible servers want), `false` for AWS.',
  },
} as const;

/** The seconds of CASEFILE_WEBHOOK_RETRY_SECONDS; undefined when one is not a number. */
function parseDelays(value: string): number[] | undefined {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const delays = parts.map(Number);
  return delays.every((d) => Number.isFinite(d) && d >= 0 && d <= 7 * 86_400) ? delays : undefined;
}

/** Entries of CASEFILE_WEBHOOK_ALLOW_HOSTS, lower-cased. */
function parseAllowHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}
const allowHostEntry =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

type Keys = typeof configKeys;
type Raw = { [K in keyof Keys]: z.output<Keys[K]['schema']> };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly pseudonymKey: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly migrationDatabaseUrl: string | undefined;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly logLevel: Raw['CASEFILE_LOG_LEVEL'];
  readonly sessionTtlHours: number;
  readonly cookieSecure: 'auto' | 'true' | 'false';
  readonly trustProxy: TrustProxy;
  readonly bodyLimitBytes: number;
  readonly timeouts: {
    readonly requestSeconds: number;
    readonly headersSeconds: number;
    readonly keepAliveSeconds: number;
  };
  readonly signIn: SignInLimits;
  readonly authCacheSeconds: number;
  readonly ingestBodyLimitBytes: number;
  readonly ingestFutureSkewMinutes: number;
  readonly correlationWindowHours: number;
  readonly correlationMaxAlerts: number;
  readonly jobs: {
    readonly concurrency: number;
    readonly pollSeconds: number;
    readonly retryBaseSeconds: number;
    readonly retryCapSeconds: number;
    readonly lockGraceSeconds: number;
    readonly stopSeconds: number;
    readonly schedulerTickSeconds: number;
    readonly keepDays: number;
  };
  readonly auditAnchorMinutes: number;
  /** Where audit anchors are also posted; undefined when only the file is written. */
  readonly auditAnchorUrl: string | undefined;
  /** Exact `host` or `host:port` names outbound calls may reach although not public. */
  readonly webhookAllowHosts: readonly string[];
  readonly webhookSweepSeconds: number;
  readonly stream: { readonly heartbeatSeconds: number; readonly replayEvents: number };
  /** Milliseconds between delivery attempts; undefined: the Standard Webhooks schedule. */
  readonly webhookRetryDelaysMs: readonly number[] | undefined;
  readonly evidence: EvidenceConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; reports every problem at once with a ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const shape = Object.fromEntries(
    Object.entries(configKeys).map(([key, spec]) => [key, spec.schema]),
  ) as { [K in keyof Keys]: Keys[K]['schema'] };
  const input = Object.fromEntries(
    Object.keys(configKeys).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = z.object(shape).safeParse(input);
  const problems = [
    ...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []),
    ...missingForS3(input),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const raw = parsed.data as Raw;
  const dataDir = resolve(raw.CASEFILE_DATA_DIR);
  return Object.freeze({
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    pseudonymKey: raw.CASEFILE_PSEUDONYM_KEY,
    databaseUrl: raw.DATABASE_URL,
    migrationDatabaseUrl: raw.CASEFILE_MIGRATION_DATABASE_URL,
    adminEmail: raw.CASEFILE_ADMIN_EMAIL,
    adminPassword: raw.CASEFILE_ADMIN_PASSWORD,
    logLevel: raw.CASEFILE_LOG_LEVEL,
    sessionTtlHours: raw.CASEFILE_SESSION_TTL_HOURS,
    cookieSecure: raw.CASEFILE_COOKIE_SECURE,
    trustProxy: Object.freeze(parseTrustProxy(raw.CASEFILE_TRUST_PROXY) as TrustProxy),
    bodyLimitBytes: raw.CASEFILE_BODY_LIMIT_BYTES,
    timeouts: Object.freeze({
      requestSeconds: raw.CASEFILE_REQUEST_TIMEOUT_SECONDS,
      headersSeconds: Math.min(
        raw.CASEFILE_HEADERS_TIMEOUT_SECONDS,
        raw.CASEFILE_REQUEST_TIMEOUT_SECONDS,
      ),
      keepAliveSeconds: raw.CASEFILE_KEEP_ALIVE_TIMEOUT_SECONDS,
    }),
    signIn: Object.freeze({
      failuresPerAccount: raw.CASEFILE_SIGN_IN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: raw.CASEFILE_SIGN_IN_FAILURES_PER_ADDRESS,
      windowMinutes: raw.CASEFILE_SIGN_IN_WINDOW_MINUTES,
    }),
    authCacheSeconds: raw.CASEFILE_AUTH_CACHE_SECONDS,
    ingestBodyLimitBytes: raw.CASEFILE_INGEST_BODY_LIMIT_BYTES,
    ingestFutureSkewMinutes: raw.CASEFILE_INGEST_FUTURE_SKEW_MINUTES,
    correlationWindowHours: raw.CASEFILE_CORRELATION_WINDOW_HOURS,
    correlationMaxAlerts: raw.CASEFILE_CORRELATION_MAX_ALERTS,
    jobs: Object.freeze({
      concurrency: raw.CASEFILE_JOB_CONCURRENCY,
      pollSeconds: raw.CASEFILE_JOB_POLL_SECONDS,
      retryBaseSeconds: raw.CASEFILE_JOB_RETRY_BASE_SECONDS,
      retryCapSeconds: Math.max(
        raw.CASEFILE_JOB_RETRY_CAP_SECONDS,
        raw.CASEFILE_JOB_RETRY_BASE_SECONDS,
      ),
      lockGraceSeconds: raw.CASEFILE_JOB_LOCK_GRACE_SECONDS,
      stopSeconds: raw.CASEFILE_JOB_STOP_SECONDS,
      schedulerTickSeconds: raw.CASEFILE_SCHEDULER_TICK_SECONDS,
      keepDays: raw.CASEFILE_JOB_KEEP_DAYS,
    }),
    auditAnchorMinutes: raw.CASEFILE_AUDIT_ANCHOR_MINUTES,
    auditAnchorUrl: raw.CASEFILE_AUDIT_ANCHOR_URL || undefined,
    webhookAllowHosts: Object.freeze(parseAllowHosts(raw.CASEFILE_WEBHOOK_ALLOW_HOSTS)),
    webhookSweepSeconds: raw.CASEFILE_WEBHOOK_SWEEP_SECONDS,
    stream: Object.freeze({
      heartbeatSeconds: raw.CASEFILE_STREAM_HEARTBEAT_SECONDS,
      replayEvents: raw.CASEFILE_STREAM_REPLAY_EVENTS,
    }),
    webhookRetryDelaysMs: raw.CASEFILE_WEBHOOK_RETRY_SECONDS.trim()
      ? Object.freeze(parseDelays(raw.CASEFILE_WEBHOOK_RETRY_SECONDS)!.map((s) => s * 1000))
      : undefined,
    evidence: evidenceConfig(raw, dataDir),
  });
}

const S3_REQUIRED = [
  'CASEFILE_S3_BUCKET',
  'CASEFILE_S3_ACCESS_KEY_ID',
  'CASEFILE_S3_SECRET_ACCESS_KEY',
] as const;

/** What the `s3` evidence store lacks, reported with the other problems. */
function missingForS3(input: Record<string, string | undefined>): string[] {
  if (input.CASEFILE_EVIDENCE_STORE !== 's3') return [];
  return S3_REQUIRED.filter((key) => input[key] === undefined).map(
    (key) => `${key}: required when CASEFILE_EVIDENCE_STORE is s3`,
  );
}

/** `casefile` -> `casefile/`; `/` or `/x/` -> none or `x/`. */
function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function evidenceConfig(raw: Raw, dataDir: string): EvidenceConfig {
  const endpoint = raw.CASEFILE_S3_ENDPOINT;
  const s3: S3Config | undefined =
    raw.CASEFILE_EVIDENCE_STORE === 's3'
      ? Object.freeze({
          bucket: raw.CASEFILE_S3_BUCKET!,
          prefix: normalisePrefix(raw.CASEFILE_S3_PREFIX),
          endpoint,
          region: raw.CASEFILE_S3_REGION,
          accessKeyId: raw.CASEFILE_S3_ACCESS_KEY_ID!,
          secretAccessKey: raw.CASEFILE_S3_SECRET_ACCESS_KEY!,
          forcePathStyle: raw.CASEFILE_S3_FORCE_PATH_STYLE
            ? raw.CASEFILE_S3_FORCE_PATH_STYLE === 'true'
            : endpoint !== undefined,
        })
      : undefined;
  return Object.freeze({
    store: raw.CASEFILE_EVIDENCE_STORE,
    dir: resolve(raw.CASEFILE_EVIDENCE_DIR ?? join(dataDir, 'evidence')),
    maxBytes: raw.CASEFILE_EVIDENCE_MAX_BYTES,
    ...(s3 ? { s3 } : {}),
  });
}

/** The configuration reference as Markdown, generated from the descriptions above. */
export function renderConfigDocs(): string {
  const rows = Object.entries(configKeys).map(([key, spec]) => {
    const def = spec.schema.safeParse(undefined);
    const shown = def.success && def.data !== undefined ? `\`${String(def.data)}\`` : '(unset)';
    return `| \`${key}\` | ${shown} | ${spec.description} |`;
  });
  return [
    '# Configuration',
    '',
    'Casefile reads its configuration from environment variables, once, at start. Every problem is reported at once and the process exits.',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
