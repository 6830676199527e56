import {
  MAX_ACTIVITY_BATCH,
  type ActivityCategory,
  type ActivityIn,
} from '../../contract/activities.ts';
import type { Ctx } from '../../server/context.ts';
import type { Db } from '../../server/db/connection.ts';
import { ingestActivities } from '../../server/modules/activities/index.ts';
import type { Random } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A person of the demo and the alerts about them, as stored. */
export interface ActivityPerson {
  email: string;
  alerts: Array<{ id: number; detectedAt: string; title: string }>;
}

interface Kind {
  category: ActivityCategory;
  activityType: string;
  base: number;
  object: (rng: Random) => ActivityIn['object'];
}

const files = [
  'Q3 forecast.xlsx',
  'customer-list-2026.csv',
  'board-minutes.docx',
  'payroll-march.xlsx',
  'roadmap.pptx',
  'source-code.zip',
  'contract-draft.pdf',
];
const labels = ['General', 'Internal', 'Confidential', 'Highly Confidential'];
const file = (rng: Random) => ({
  name: rng.pick(files),
  sizeBytes: rng.int(20, 40_000) * 1024,
  sensitivityLabel: rng.pick(labels),
});

/** The everyday work of anyone: sign-ins, reading and saving files, low scores. */
const routine: Kind[] = [
  { category: 'access', activityType: 'sign_in', base: 3, object: () => undefined },
  { category: 'access', activityType: 'file.downloaded', base: 8, object: file },
  { category: 'collection', activityType: 'file.copied', base: 10, object: file },
  { category: 'deletion', activityType: 'file.deleted', base: 6, object: file },
];

/** What leads to an insider-risk alert: a sequence from gathering to the data leaving. */
const leaving: Kind[] = [
  { category: 'collection', activityType: 'file.downloaded', base: 35, object: file },
  { category: 'obfuscation', activityType: 'file.renamed', base: 45, object: file },
  {
    category: 'exfiltration',
    activityType: 'usb.copied',
    base: 70,
    object: (rng) => ({ ...file(rng), destination: `USB ${rng.pick(['SanDisk', 'Kingston'])}` }),
  },
  {
    category: 'exfiltration',
    activityType: 'cloud.uploaded',
    base: 65,
    object: (rng) => ({ ...file(rng), domain: rng.pick(['dropbox.com', 'wetransfer.com']) }),
  },
  {
    category: 'exfiltration',
    activityType: 'mail.sent_external',
    base: 60,
    object: (rng) => ({ ...file(rng), domain: 'gmail.com', recipientCount: rng.int(1, 3) }),
  },
];

const indicatorsOf = (rng: Random, score: number) => {
  const out = [];
  if (score >= 30) out.push({ name: 'sensitive_label', score: Math.min(40, score - 20) });
  if (rng.chance(0.3)) out.push({ name: 'off_hours', score: 15 });
  if (score >= 60) out.push({ name: 'new_destination', score: 25 });
  return out;
};

function event(
  rng: Random,
  email: string,
  id: string,
  at: number,
  kind: Kind,
  extra: Partial<ActivityIn> = {},
): ActivityIn {
  const riskScore = Math.max(0, Math.min(100, kind.base + rng.int(-5, 15)));
  const object = kind.object(rng);
  return {
    source: 'insider-risk',
    externalId: id,
    subject: { email },
    occurredAt: new Date(at).toISOString(),
    category: kind.category,
    activityType: kind.activityType,
    riskScore,
    indicators: indicatorsOf(rng, riskScore),
    ...(object ? { object } : {}),
    ...extra,
  };
}

/**
 * The scored activity of the demo's people over the days before `end`: a few routine events on
 * working days, and before each alert about someone a sequence (download, rename, the data
 * leaving) linked to it, so the timeline shows the rise an investigator looks for.
 */
export function planActivities(
  rng: Random,
  people: readonly ActivityPerson[],
  end: number,
  days: number,
): ActivityIn[] {
  const out: ActivityIn[] = [];
  people.forEach((p, pi) => {
    for (let d = days; d >= 1; d -= 1) {
      const day = end - d * DAY;
      if ([0, 6].includes(new Date(day).getUTCDay()) && !rng.chance(0.1)) continue;
      const n = rng.int(0, 3);
      for (let i = 0; i < n; i += 1)
        out.push(
          event(rng, p.email, `r-${pi}-${d}-${i}`, day + rng.int(7, 19) * HOUR, rng.pick(routine)),
        );
    }
    for (const a of p.alerts) {
      const at = Date.parse(a.detectedAt);
      const steps = [leaving[0]!, leaving[1]!, rng.pick(leaving.slice(2))];
      steps.forEach((kind, i) =>
        out.push(
          event(rng, p.email, `s-${a.id}-${i}`, at - (steps.length - i) * 20 * 60_000, kind, {
            sequenceId: `alert-${a.id}`,
            alertId: a.id,
          }),
        ),
      );
    }
  });
  return out.filter((e) => Date.parse(e.occurredAt) < end);
}

/** The demo's people and their DLP alerts, read back once the alerts are stored. */
export async function demoPeople(db: Db, workspaceId: number): Promise<ActivityPerson[]> {
  const subjects = await db
    .selectFrom('subjects')
    .select(['id', 'email'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('id')
    .execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['id', 'subjectId', 'detectedAt', 'title'])
    .where('workspaceId', '=', workspaceId)
    .where('source', '=', 'purview-dlp')
    .where('subjectId', 'is not', null)
    .orderBy('id')
    .execute();
  const bySubject = new Map<number, ActivityPerson['alerts']>();
  for (const a of alerts) bySubject.set(a.subjectId!, [...(bySubject.get(a.subjectId!) ?? []), a]);
  return subjects.map((s) => ({ email: s.email, alerts: bySubject.get(s.id) ?? [] }));
}

/** Stores the demo's activity through the ingestion service, 5,000 events at a time. */
export async function addDemoActivity(
  ctx: Ctx,
  rng: Random,
  end: Date,
  days: number,
): Promise<number> {
  const people = await demoPeople(ctx.db, ctx.actor.workspaceId);
  const events = planActivities(rng, people, end.getTime(), days);
  let created = 0;
  for (let i = 0; i < events.length; i += MAX_ACTIVITY_BATCH)
    created += (
      await ingestActivities(ctx, events.slice(i, i + MAX_ACTIVITY_BATCH), {
        futureSkewMinutes: 60,
      })
    ).created;
  return created;
}
