import type { Priority } from '../../contract/common.ts';
import type { TaskStatus } from '../../contract/tasks.ts';
import { DAY, HOUR, MINUTE, type CaseProfile, type Step, type StepBody, type Who } from './plan.ts';
import type { Random } from './random.ts';
import { pickCreator, pickOther, pickOwner, roster } from './roster.ts';
import { scenarios, type Scenario } from './scenarios.ts';
import { subjectVars } from './subject.ts';
import {
  genericComments,
  guestComments,
  markdownComments,
  reopenReasons,
  taskClosingNotes,
} from './vocabulary.ts';

const slaDays: Record<Priority, number> = {
  critical: 2,
  high: 5,
  medium: 10,
  low: 20,
  very_low: 30,
};
const raised: Record<Priority, Priority> = {
  very_low: 'low',
  low: 'medium',
  medium: 'high',
  high: 'critical',
  critical: 'critical',
};

const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => vars[key] ?? match);

type Timed = { at: number; by: Who; body: StepBody };

/** A case that starts from alerts: its scenario and subject, its creator, and its alert steps. */
export interface CaseOrigin {
  scenario: Scenario;
  vars: Record<string, string>;
  by: Who;
  /** What the createCase step carries: the alerts confirmed into it, or its subject's alert. */
  opening: Pick<Extract<StepBody, { kind: 'createCase' }>, 'fromAlerts' | 'subjectOf'>;
  /** Alert steps of the case after its creation: the incident linked, later alerts confirmed. */
  follow: Timed[];
}

/** The steps of one task: created, maybe started, maybe finished with a closing note. */
function taskSteps(
  rng: Random,
  task: { idx: number; title: string; description: string; owner: Who | null; by: Who },
  final: TaskStatus,
  time: (fraction: number) => number,
): Timed[] {
  const created = rng.between(0.01, 0.6);
  const started = created + (1 - created) * rng.between(0.05, 0.5);
  const finished = started + (1 - started) * rng.between(0.1, 0.9);
  const at = time(created);
  const worker = task.owner ?? task.by;
  const steps: Timed[] = [
    {
      at,
      by: task.by,
      body: {
        kind: 'createTask',
        taskIdx: task.idx,
        title: task.title,
        description: task.description,
        priority: rng.weighted<Priority>([
          ['low', 2],
          ['medium', 5],
          ['high', 3],
        ]),
        owner: task.owner,
        dueAt: rng.chance(0.5) ? at + Math.round(rng.between(1, 7)) * DAY : null,
      },
    },
  ];
  if (final === 'new') return steps;
  if (final === 'in_progress' || rng.chance(0.7)) {
    steps.push({
      at: time(started),
      by: worker,
      body: { kind: 'updateTask', taskIdx: task.idx, status: 'in_progress' },
    });
  }
  if (final !== 'in_progress') {
    steps.push({
      at: time(finished),
      by: worker,
      body: {
        kind: 'updateTask',
        taskIdx: task.idx,
        status: final,
        closingNote: rng.pick(taskClosingNotes[final]),
      },
    });
  }
  return steps;
}

function finalTaskStatus(rng: Random, state: CaseProfile['state'], closing: boolean): TaskStatus {
  if (state === 'new') return 'new';
  if (closing)
    return rng.weighted<TaskStatus>([
      ['completed', 70],
      ['skipped', 10],
      ['partially_completed', 8],
      ['failed', 7],
    ]);
  return rng.weighted<TaskStatus>([
    ['new', 35],
    ['in_progress', 35],
    ['completed', 20],
    ['skipped', 5],
    ['failed', 5],
  ]);
}

const reasonFor = (rng: Random, sc: Scenario, c: 'benign' | 'confirmed_violation') =>
  rng.pick(c === 'benign' ? sc.benign : sc.violation);

/**
 * Lays out the life of one case as steps in time, from its creation to `end` at the latest:
 * triage, contributors, tasks, comments, resolution and reopening, in a plausible order.
 */
export function planCase(
  rng: Random,
  caseIdx: number,
  profile: CaseProfile,
  end: number,
  origin?: CaseOrigin,
): Step[] {
  const sc = origin?.scenario ?? rng.pick(scenarios);
  const vars = origin?.vars ?? subjectVars(rng);
  const t0 = profile.createdAt;
  const age = end - t0;
  const insider = sc.tags.includes('insider-risk');
  const creator = origin?.by ?? pickCreator(rng);
  const owner = pickOwner(rng, insider);
  const priority = rng.weighted(sc.priorities);
  const closing = profile.state === 'closed';
  const steps: Timed[] = [];
  const push = (at: number, by: Who, body: StepBody) => steps.push({ at, by, body });

  const assignedAtCreation = rng.chance(profile.state === 'new' ? 0.25 : 0.3);
  push(t0, creator, {
    kind: 'createCase',
    title: fill(sc.title, vars),
    description: fill(sc.description, vars),
    priority,
    tags: [...sc.tags, ...(rng.chance(0.05) ? ['vip'] : [])],
    assignee: assignedAtCreation ? owner : null,
    dueAt:
      (priority === 'critical' || priority === 'high') && rng.chance(0.4)
        ? t0 + slaDays[priority] * DAY
        : null,
    ...origin?.opening,
  });
  if (origin) steps.push(...origin.follow);

  const resolveAt = closing
    ? t0 +
      Math.min(
        rng.between(3 * HOUR, 21 * DAY) / (priority === 'critical' ? 3 : 1),
        age * (profile.reopen === 'no' ? 0.9 : 0.5),
      )
    : null;
  const workEnd = resolveAt ?? end;
  let assignee: Who | null = assignedAtCreation ? owner : null;
  let lead = creator;
  let workStart = t0;
  if (profile.state !== 'new') {
    const triageAt = t0 + Math.min(rng.between(5 * MINUTE, 10 * HOUR), (workEnd - t0) * 0.15);
    lead = rng.chance(0.7) ? owner : pickOther(rng, owner);
    if (assignee === null && rng.chance(0.92)) assignee = owner;
    const sla = rng.chance(0.5) ? triageAt + slaDays[priority] * DAY : null;
    push(triageAt, lead, {
      kind: 'updateCase',
      toActive: true,
      ...(assignee !== null && { assignee }),
      ...(rng.chance(0.15) && { priority: raised[priority] }),
      ...(sla !== null && { dueAt: sla }),
      ...(rng.chance(0.1) && { tags: [...sc.tags, 'escalated'] }),
    });
    workStart = triageAt;
  }
  const worker = assignee ?? lead;
  const time = (fraction: number) => Math.round(workStart + fraction * (workEnd - workStart));

  let guestFrom: number | null = null;
  if (profile.state !== 'new') {
    const guest = roster.guests[0];
    if (guest !== undefined && rng.chance(insider ? 0.25 : 0.04)) {
      guestFrom = rng.between(0.05, 0.4);
      push(time(guestFrom), worker, { kind: 'addContributor', account: guest });
    }
    if (rng.chance(0.06)) {
      const colleague = rng.pick(roster.investigators.filter((i) => i !== worker));
      push(time(rng.between(0.05, 0.5)), worker, { kind: 'addContributor', account: colleague });
    }
  }

  const taskCount =
    profile.state === 'new'
      ? Number(rng.chance(0.3))
      : rng.weighted([
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 3],
          [4, 2],
          [5, 1],
          [6, 1],
        ]);
  rng.sample(sc.tasks, taskCount).forEach(([title, description], idx) => {
    const taskOwner = rng.chance(0.85) ? (rng.chance(0.6) ? worker : pickOther(rng, worker)) : null;
    const task = {
      idx,
      title: fill(title, vars),
      description: fill(description, vars),
      owner: taskOwner,
      by: worker,
    };
    steps.push(...taskSteps(rng, task, finalTaskStatus(rng, profile.state, closing), time));
  });

  const commentCount =
    profile.state === 'new' ? rng.int(0, 2) : Math.min(8, rng.int(0, 4) + rng.int(0, 4));
  const pool = [...sc.comments.map((c) => fill(c, vars)), ...genericComments];
  for (const body of rng.sample(pool, commentCount)) {
    const markdown = rng.chance(0.25);
    push(time(rng.between(0.01, 0.98)), rng.chance(0.6) ? worker : pickOther(rng, worker), {
      kind: 'comment',
      body: markdown ? rng.pick(markdownComments) : body,
      format: markdown ? 'markdown' : 'plain',
    });
  }
  const guest = roster.guests[0];
  if (guestFrom !== null && guest !== undefined) {
    for (const body of rng.sample(guestComments, rng.int(0, 2))) {
      push(time(rng.between(guestFrom + 0.01, 0.99)), guest, {
        kind: 'comment',
        body,
        format: 'plain',
      });
    }
  }

  if (resolveAt !== null && profile.classification !== null) {
    push(resolveAt, worker, {
      kind: 'resolve',
      classification: profile.classification,
      reason: reasonFor(rng, sc, profile.classification),
    });
    if (profile.reopen !== 'no') {
      const reopenAt = resolveAt + (end - resolveAt) * rng.between(0.1, 0.4);
      const by = pickOther(rng, worker);
      push(reopenAt, by, { kind: 'reopen', reason: rng.pick(reopenReasons) });
      if (profile.reopen === 'resolved_again') {
        push(reopenAt + (end - reopenAt) * rng.between(0.3, 0.8), worker, {
          kind: 'resolve',
          classification: profile.classification,
          reason: reasonFor(rng, sc, profile.classification),
        });
      }
    }
  }
  return placeInTime(steps, caseIdx, end);
}

/**
 * Orders the steps by time (ties keep their logical order) one second apart at least, and
 * checks none falls after `end`: a failure here is a bug of the generator, found before writing.
 */
function placeInTime(steps: Timed[], caseIdx: number, end: number): Step[] {
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  let last = -Infinity;
  return ordered.map(({ at, by, body }) => {
    const placed = Math.max(Math.round(at), last + 1000);
    if (placed > end) throw new Error(`demo case ${caseIdx}: a step falls after the end of time`);
    last = placed;
    return { ...body, at: placed, by, caseIdx };
  });
}
