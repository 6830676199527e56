import type { AlertIn } from '../../contract/alerts.ts';
import type { DayPerson } from './alert-day.ts';
import { planAlertTimeline, type SharedValue } from './alert-timeline.ts';
import { planTriage, type CaseSeed } from './alert-triage.ts';
import { planCase, type CaseOrigin } from './case-story.ts';
import { DAY, MINUTE, type AlertStep, type CaseProfile, type Step } from './plan.ts';
import { createRandom, type Random } from './random.ts';
import { scenarios } from './scenarios.ts';
import { personVars } from './subject.ts';

export interface DemoPlan {
  /** When the demo accounts are created: before the first case and the first alert. */
  accountsAt: number;
  cases: number;
  /** Every change of every case, in the order they happen. */
  steps: Step[];
  /** The people the alerts are about, and the alerts, in the order of their detection. */
  people: DayPerson[];
  alerts: AlertIn[];
  /** Deliveries and triage outside cases, in the order they happen. */
  alertSteps: AlertStep[];
  /** Values several people's alerts share for a real reason (a campaign). */
  sharedValues: SharedValue[];
}

/** Of the demo's cases, this share starts from alerts; the others are opened by hand. */
const FROM_ALERTS = 0.4;
/** Alerts per case: 300 cases come with 3,000 alerts. */
export const ALERTS_PER_CASE = 10;

const SPAN = 90 * DAY;

/** Older cases are more likely closed; the most recent are mostly new or open. */
function profileOf(rng: Random, createdAt: number, end: number): CaseProfile {
  const ageDays = (end - createdAt) / DAY;
  const pClosed =
    ageDays < 2 ? 0.03 : ageDays < 7 ? 0.2 : ageDays < 21 ? 0.5 : ageDays < 45 ? 0.75 : 0.9;
  if (rng.chance(pClosed)) {
    const reopened = ageDays > 3 && rng.chance(0.1);
    return {
      createdAt,
      state: 'closed',
      classification: rng.chance(0.4) ? 'confirmed_violation' : 'benign',
      reopen: reopened ? (rng.chance(0.5) ? 'resolved_again' : 'stays_open') : 'no',
    };
  }
  const pNew = ageDays < 1 ? 0.7 : ageDays < 3 ? 0.35 : ageDays < 10 ? 0.12 : 0.04;
  return {
    createdAt,
    state: rng.chance(pNew) ? 'new' : 'active',
    classification: null,
    reopen: 'no',
  };
}

/**
 * Makes sure even a small data set shows every kind of case: one new (the most recent), one
 * open, and closed ones of both classifications (the oldest).
 */
function ensureVariety(profiles: CaseProfile[]): void {
  if (profiles.length < 4) return;
  const closed = (p: CaseProfile, c: 'benign' | 'confirmed_violation') =>
    p.state === 'closed' && p.reopen !== 'stays_open' && p.classification === c;
  const set = (i: number, state: CaseProfile['state'], c: CaseProfile['classification']) => {
    const p = profiles[i];
    if (p) Object.assign(p, { state, classification: c, reopen: 'no' });
  };
  const active = (p: CaseProfile) =>
    p.state === 'active' || (p.state === 'closed' && p.reopen === 'stays_open');
  const last = profiles.length - 1;
  // Each kind has its own case; a fix may take the only case of another kind, hence the passes.
  for (let pass = 0; pass < 4; pass += 1) {
    if (!profiles.some((p) => closed(p, 'benign'))) set(0, 'closed', 'benign');
    if (!profiles.some((p) => closed(p, 'confirmed_violation')))
      set(1, 'closed', 'confirmed_violation');
    if (!profiles.some((p) => p.state === 'new')) set(last, 'new', null);
    if (!profiles.some(active)) set(last - 1, 'active', null);
  }
}

/**
 * The whole demo, as data: `cases` cases created over the 90 days before `now`, each with its
 * steps. The same seed and `now` give the same plan.
 */
export function generatePlan(opts: {
  cases: number;
  seed: number;
  now: Date;
  alerts?: number;
}): DemoPlan {
  const rng = createRandom(opts.seed);
  const end = opts.now.getTime() - MINUTE;
  const start = end - SPAN;
  const timeline = planAlertTimeline(rng, {
    alerts: opts.alerts ?? opts.cases * ALERTS_PER_CASE,
    caseEpisodes: Math.round(opts.cases * FROM_ALERTS),
    start,
    end,
  });
  const triage = planTriage(rng, timeline, end);
  const seeds = triage.cases.slice(0, opts.cases);
  const opened: Array<{ at: number; seed: CaseSeed | null }> = [
    ...seeds.map((seed) => ({ at: seed.createdAt, seed })),
    ...Array.from({ length: opts.cases - seeds.length }, () => ({
      at: Math.round(end - rng.between(30 * MINUTE, SPAN)),
      seed: null,
    })),
  ].sort((a, b) => a.at - b.at);
  const profiles = opened.map((o) => profileOf(rng, o.at, end));
  ensureVariety(profiles);
  const steps = profiles.flatMap((p, i) => {
    const seed = opened[i]!.seed;
    return planCase(rng, i, p, end, seed ? originOf(rng, seed, timeline.alerts) : undefined);
  });
  // Stable: steps of one case at the same instant keep their order.
  steps.sort((a, b) => a.at - b.at);
  return {
    accountsAt: start - 2 * DAY,
    cases: opts.cases,
    steps,
    people: timeline.people,
    alerts: timeline.alerts,
    alertSteps: triage.steps,
    sharedValues: timeline.sharedValues,
  };
}

/**
 * A case from alerts: their first day confirmed into a new case, the next days added to it. A
 * campaign's case is opened from its incident instead: the case, then the incident linked,
 * then the alerts confirmed into it.
 */
function originOf(rng: Random, seed: CaseSeed, alerts: AlertIn[]): CaseOrigin {
  const { episode, createdAt: t0, by } = seed;
  const scenario = scenarios.find((s) => s.title === episode.scenario);
  if (!scenario) throw new Error(`demo: no scenario "${episode.scenario}"`);
  const confirm = (at: number, list: number[]) => ({
    at,
    by,
    body: { kind: 'confirmAlerts' as const, alerts: list },
  });
  const later = seed.later.map((g) => confirm(g.at, g.alerts));
  const vars = personVars(rng, episode.person);
  if (!episode.campaign)
    return { scenario, vars, by, opening: { fromAlerts: seed.first }, follow: later };
  const own = seed.first.find((i) => alerts[i]?.subject?.email === episode.person.email);
  const alert = own ?? seed.first[0]!;
  return {
    scenario,
    vars,
    by,
    opening: { subjectOf: alert },
    follow: [
      { at: t0 + 40_000, by, body: { kind: 'linkIncident', alert } },
      confirm(t0 + 2 * MINUTE, seed.first),
      ...later,
    ],
  };
}
