import { addDemoActivity } from './activity.ts';
import { addDemoEvidence, type EvidenceCase } from './evidence.ts';
import type { BlobStore } from '../../server/storage/blob-store.ts';
import { createRandom } from './random.ts';
import type { PseudonymKeys } from '../../server/lib/pseudonym.ts';
import type { Db } from '../../server/db/connection.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { randomSecret } from '../../server/lib/crypto.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import type { Actor } from '../../server/modules/access/index.ts';
import { createAccountAs, listRoleRows, loadActor } from '../../server/modules/accounts/index.ts';
import { firstStatusOf } from '../../server/modules/statuses/index.ts';
import type { CorrelationLimits } from '../../server/modules/alerts/service/correlate.ts';
import { ensureFirstAdmin, systemActor } from '../../server/modules/workspaces/index.ts';
import type { DemoAlerts } from './apply-alerts.ts';
import { applyPlan } from './apply-plan.ts';
import { generatePlan } from './generate.ts';
import { HOUR, MINUTE, type StepKind } from './plan.ts';
import { DEMO_DOMAIN, DEMO_PASSWORD, demoAccounts, type DemoAccountSpec } from './vocabulary.ts';

/** The demo cannot run on this database; nothing was written. */
export class DemoRefusedError extends Error {}

export interface DemoOptions {
  cases: number;
  seed: number;
  now: Date;
  /** How many alerts over the 90 days; ten per case by default. */
  alerts?: number;
  /** The configured correlation window and cap (CASEFILE_CORRELATION_*). */
  correlation: CorrelationLimits;
  /** The keys of subjects' pseudonyms (CASEFILE_PSEUDONYM_KEY or the data folder's). */
  pseudonyms: PseudonymKeys;
  /** Where the demo's evidence bytes go: the configured blob store. */
  evidenceStore: BlobStore;
  /**
   * The configured first administrator (CASEFILE_ADMIN_EMAIL and _PASSWORD): created as `serve`
   * would on first start, since the demo's accounts mean `serve` no longer sees a first start.
   */
  admin?: {
    email?: string | undefined;
    password?: string | undefined;
    print: (line: string) => void;
  };
}

/** The account that delivers the demo's alerts, as a SIEM connector would. */
export const DEMO_CONNECTOR = { name: 'Alert connector', email: `connector@${DEMO_DOMAIN}` };

export interface DemoResult {
  accounts: readonly DemoAccountSpec[];
  password: string;
  /** How many changes of each kind were made. */
  counts: Record<StepKind, number>;
  alerts: DemoAlerts['counts'];
  /** Activity events stored. */
  activities: number;
  /** Evidence items added. */
  evidence: number;
}

/** Everything that could stop the demo half-way is checked here, before the first write. */
async function checkDatabase(db: Db, workspaceId: number): Promise<number> {
  const existing = await db
    .selectFrom('accounts')
    .select('email')
    .where('workspaceId', '=', workspaceId)
    .where('email', 'like', `%@${DEMO_DOMAIN}`)
    .executeTakeFirst();
  if (existing) {
    throw new DemoRefusedError(
      `This database already holds the demo data set (account ${existing.email} exists); the demo runs only once per database.`,
    );
  }
  const roles = new Set((await listRoleRows(db, workspaceId)).map((r) => r.key));
  const needed = [...demoAccounts.map((a): string => a.role), 'ingest'];
  const missing = [...new Set(needed)].filter((r) => !roles.has(r));
  if (missing.length > 0)
    throw new DemoRefusedError(`The workspace has no role ${missing.join(', ')}.`);
  try {
    await firstStatusOf(db, workspaceId, 'new');
    await firstStatusOf(db, workspaceId, 'closed');
    return (await firstStatusOf(db, workspaceId, 'active')).id;
  } catch (error) {
    throw new DemoRefusedError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Fills the workspace with the demo accounts and `cases` cases through the real services.
 * Throws DemoRefusedError, before writing anything, when the demo is already there.
 */
export async function runDemo(
  db: Db,
  workspaceId: number,
  options: DemoOptions,
): Promise<DemoResult> {
  const activeStatusId = await checkDatabase(db, workspaceId);
  const plan = generatePlan(options);
  const clock = fixedClock(new Date(plan.accountsAt - HOUR));
  if (options.admin) await ensureFirstAdmin(db, clock, silentLogger, options.admin);
  clock.set(new Date(plan.accountsAt));
  const actors: Actor[] = [];
  for (const spec of demoAccounts) {
    const account = await createAccountAs(db, clock, systemActor(workspaceId), {
      ...spec,
      password: DEMO_PASSWORD,
    });
    const actor = await loadActor(db, account.id, 'session');
    if (!actor) throw new Error(`demo: account ${spec.email} cannot act`);
    actors.push(actor);
    clock.advance(7 * MINUTE);
  }
  const connectorAccount = await createAccountAs(db, clock, systemActor(workspaceId), {
    ...DEMO_CONNECTOR,
    role: 'ingest',
    // Nobody signs in as the connector; a real one would hold an API token.
    password: randomSecret(),
  });
  const connector = await loadActor(db, connectorAccount.id, 'token');
  if (!connector) throw new Error('demo: the connector cannot act');
  const alerts = await applyPlan(
    db,
    clock,
    plan,
    { roster: actors, connector },
    activeStatusId,
    options.correlation,
    options.pseudonyms,
  );
  const counts: Record<StepKind, number> = {
    createCase: 0,
    linkIncident: 0,
    confirmAlerts: 0,
    updateCase: 0,
    addContributor: 0,
    createTask: 0,
    updateTask: 0,
    comment: 0,
    resolve: 0,
    reopen: 0,
  };
  for (const step of plan.steps) counts[step.kind] += 1;
  // The people's scored activity over the same 90 days, as a sensor would send it.
  clock.set(options.now);
  const activities = await addDemoActivity(
    { db, actor: connector, clock, log: silentLogger, pseudonyms: options.pseudonyms },
    createRandom(options.seed + 1),
    options.now,
    90,
  );
  // Investigators gather evidence for the cases about a person.
  const investigators = actors.filter((a) => a.roleKey === 'investigator');
  const evidence = await addDemoEvidence(
    (rng) => ({
      db,
      actor: rng.pick(investigators),
      clock,
      log: silentLogger,
      pseudonyms: options.pseudonyms,
    }),
    options.evidenceStore,
    createRandom(options.seed + 2),
    await casesAboutPeople(db, workspaceId, 12),
  );
  return {
    accounts: demoAccounts,
    password: DEMO_PASSWORD,
    counts,
    alerts,
    activities,
    evidence,
  };
}

/** The first `limit` open-or-closed cases about a person, with who they are. */
async function casesAboutPeople(db: Db, workspaceId: number, limit: number) {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('subjects', 'subjects.id', 'cases.subjectId')
    .select(['cases.number', 'cases.title', 'cases.createdAt', 'subjects.name', 'subjects.email'])
    .where('cases.workspaceId', '=', workspaceId)
    .orderBy('cases.number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r): EvidenceCase => ({
    number: r.number,
    title: r.title,
    createdAt: r.createdAt,
    subject: { name: r.name, email: r.email },
  }));
}
