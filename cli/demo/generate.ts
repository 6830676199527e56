import { planCase } from './case-story.ts';
import { DAY, MINUTE, type CaseProfile, type Step } from './plan.ts';
import { createRandom, type Random } from './random.ts';

export interface DemoPlan {
  /** When the demo accounts are created: before the first case. */
  accountsAt: number;
  cases: number;
  /** Every change of every case, in the order they happen. */
  steps: Step[];
}

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
export function generatePlan(opts: { cases: number; seed: number; now: Date }): DemoPlan {
  const rng = createRandom(opts.seed);
  const end = opts.now.getTime() - MINUTE;
  const start = end - SPAN;
  const createdAt = Array.from({ length: opts.cases }, () =>
    Math.round(end - rng.between(30 * MINUTE, SPAN)),
  ).sort((a, b) => a - b);
  const profiles = createdAt.map((at) => profileOf(rng, at, end));
  ensureVariety(profiles);
  const steps = profiles.flatMap((p, i) => planCase(rng, i, p, end));
  // Stable: steps of one case at the same instant keep their order.
  steps.sort((a, b) => a.at - b.at);
  return { accountsAt: start - 2 * DAY, cases: opts.cases, steps };
}
