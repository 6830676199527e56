/**
 * Live-update lag: per engine, a fresh database and the real server as a child process; S
 * event streams watch the alert queue and one case while alerts are ingested at full rate from
 * several clients, and a probe comments on that case every 20 ms. The lag of a comment is from
 * its transaction's start (a one-row change: within a millisecond or two of its commit) to its
 * arrival on each stream; the lag of an ingested batch is from its answer reaching the feeder
 * (just after its commit) to its arrival. See bench/README.md ("Live updates").
 *   node bin/run-ts.js bench/stream.ts [--engine sqlite|postgres|both] [--alerts N]
 *     [--batch B] [--clients C] [--streams S] [--pg-url URL]
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/connection.ts';
import { percentile } from './load.ts';
import { openSse, type SseClient } from '../server/testing/sse-client.ts';
import { alertBatches } from './alert-dataset.ts';
import { parseEngines, type BenchEngine } from './args.ts';
import { createBenchDatabase, ingestToken, prepareFixture } from './prepare.ts';
import { killChildren, startChild } from './processes.ts';

const TARGET_P99_MS = 250;
const log = (text: string) => console.log(`[stream] ${text}`);

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    alerts: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '100' },
    clients: { type: 'string', default: '4' },
    streams: { type: 'string', default: '50' },
    'pg-url': { type: 'string' },
  },
});
const total = Number(values.alerts);
const batchSize = Math.min(1000, Number(values.batch));
const clients = Number(values.clients);
const streamCount = Math.max(1, Number(values.streams));
const pgUrl =
  values['pg-url'] ??
  process.env.CASEFILE_BENCH_DATABASE_URL ??
  'postgres://casefile:casefile@127.0.0.1:5432/postgres';
const engines = parseEngines(values.engine);

/** When each event's transaction committed at the latest: its answer reached the feeder. */
async function run(engine: BenchEngine) {
  const target = await createBenchDatabase(engine, pgUrl);
  try {
    const fixture = await prepareFixture(target, 4);
    const feedToken = await ingestToken(target, fixture.workspaceId);
    const server = await startChild(
      ['bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: target.dataDir ?? '',
        DATABASE_URL: target.databaseUrl ?? '',
      },
      '/readyz',
    );
    const analyst0 = fixture.analysts[0]!;
    const probeCase = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst0.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Probe case' }),
    });
    const { number } = (await probeCase.json()) as { number: number };
    // Arrival time of each event sequence, per stream.
    const arrivals: Map<number, number>[] = [];
    const streams: SseClient[] = [];
    for (let i = 0; i < streamCount; i += 1) {
      const seen = new Map<number, number>();
      arrivals.push(seen);
      const analyst = fixture.analysts[i % fixture.analysts.length]!;
      const s = await openSse(
        `${server.url}/api/v1/stream?queues=alerts&case=${number}`,
        { authorization: `Bearer ${analyst.token}` },
        (e) => {
          if (e.event === 'change' && e.id) seen.set(Number(e.id), Date.now());
        },
      );
      if (s.status !== 200) throw new Error(`stream answered ${s.status}`);
      streams.push(s);
    }
    // The answer to each batch: its first alert id and when the answer arrived.
    const answered = new Map<number, number>();
    const build = alertBatches(11, batchSize, { total });
    let next = 0;
    const batches = Math.ceil(total / batchSize);
    const started = performance.now();
    let feeding = true;
    const commentAnswered = new Map<string, number>();
    const probe = (async () => {
      while (feeding) {
        const res = await fetch(`${server.url}/api/v1/cases/${number}/comments`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${analyst0.token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ body: 'probe' }),
        });
        const { id } = (await res.json()) as { id: number };
        commentAnswered.set(String(id), Date.now());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const res = await fetch(`${server.url}/api/v1/alerts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ alerts: build(b, Math.min(batchSize, total - b * batchSize)) }),
          });
          const body = (await res.json()) as { results: { id: number }[] };
          const first = body.results[0]?.id;
          if (first !== undefined) answered.set(first, Date.now());
        }
      }),
    );
    const rate = total / ((performance.now() - started) / 1000);
    feeding = false;
    await probe;
    await new Promise((r) => setTimeout(r, 1000));
    for (const s of streams) s.close();

    // The commit's time from the log (the transaction's start), and which batch each event is.
    const database = openDatabase({
      databaseUrl: target.databaseUrl,
      sqliteFile: target.sqliteFile,
    });
    const rows = await database.db
      .selectFrom('auditEvents')
      .select(['seq', 'occurredAt', 'after', 'action', 'targetId'])
      .where('workspaceId', '=', fixture.workspaceId)
      .where('action', 'in', ['alerts.ingested', 'comment.added'])
      .execute();
    await database.close();
    await server.stop();
    const fromStart: number[] = [];
    const probeFromAnswer: number[] = [];
    const fromAnswer: number[] = [];
    let missing = 0;
    for (const row of rows) {
      if (row.action === 'comment.added') {
        const answer = commentAnswered.get(row.targetId);
        for (const seen of arrivals) {
          const at = seen.get(row.seq);
          if (at === undefined) missing += 1;
          else {
            fromStart.push(at - Date.parse(row.occurredAt));
            if (answer !== undefined) probeFromAnswer.push(at - answer);
          }
        }
        continue;
      }
      const ids = (JSON.parse(row.after ?? '{}') as { alertIds?: number[] }).alertIds ?? [];
      const answer = ids[0] === undefined ? undefined : answered.get(ids[0]);
      for (const seen of arrivals) {
        const at = seen.get(row.seq);
        if (at === undefined) {
          missing += 1;
          continue;
        }
        if (answer !== undefined) fromAnswer.push(at - answer);
      }
    }
    fromStart.sort((a, b) => a - b);
    probeFromAnswer.sort((a, b) => a - b);
    fromAnswer.sort((a, b) => a - b);
    const comments = rows.filter((r) => r.action === 'comment.added').length;
    return {
      engine,
      rate,
      events: rows.length - comments,
      comments,
      fromStart,
      probeFromAnswer,
      fromAnswer,
      missing,
    };
  } finally {
    killChildren();
    await target.drop();
  }
}

const line = (sorted: number[]) =>
  `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms`;

for (const engine of engines) {
  const r = await run(engine);
  // The server sends a change's answer right after its commit (the wake-up goes first): the
  // lag from the answer is the commit-to-stream lag less the answer's own few milliseconds.
  const p99 = Math.max(percentile(r.probeFromAnswer, 99), percentile(r.fromAnswer, 99));
  log(
    `${engine}: ${total} alerts in batches of ${batchSize} from ${clients} clients at ${Math.round(r.rate)} alerts/s; ` +
      `${r.events} batches and ${r.comments} probe comments × ${streamCount} streams, ${r.missing} not received`,
  );
  log(`${engine}: probe comment, answer to stream ${line(r.probeFromAnswer)}`);
  log(`${engine}: ingested batch, answer to stream ${line(r.fromAnswer)}`);
  log(
    `${engine}: probe comment, transaction start to stream ${line(r.fromStart)} (includes waiting for the log's lock)`,
  );
  log(`${engine}: target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`);
}
