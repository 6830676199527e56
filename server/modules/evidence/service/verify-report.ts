import type { EvidenceProblem, EvidenceReport } from '../../../../contract/evidence-verify.ts';

/** Problems a report lists; the rest are counted (the command line prints every one). */
export const LISTED_PROBLEMS = 100;

/** What a verification has counted so far, for one workspace or the whole run. */
export interface Tally {
  items: number;
  blobs: number;
  bytes: number;
  intact: number;
  missing: number;
  altered: number;
  unreadable: number;
  brokenChains: number;
  unreferenced: number;
  problems: EvidenceProblem[];
  problemsLeftOut: number;
}

export const emptyTally = (): Tally => ({
  items: 0,
  blobs: 0,
  bytes: 0,
  intact: 0,
  missing: 0,
  altered: 0,
  unreadable: 0,
  brokenChains: 0,
  unreferenced: 0,
  problems: [],
  problemsLeftOut: 0,
});

const counter = {
  missing: 'missing',
  altered: 'altered',
  unreadable: 'unreadable',
  broken_chain: 'brokenChains',
  unreferenced: 'unreferenced',
} as const satisfies Record<EvidenceProblem['kind'], keyof Tally>;

/** Counts a problem, and lists it while the list has room. */
export function addProblem(t: Tally, p: EvidenceProblem): void {
  t[counter[p.kind]] += 1;
  if (t.problems.length < LISTED_PROBLEMS) t.problems.push(p);
  else t.problemsLeftOut += 1;
}

/** The sum of tallies, the problems listed in their order. */
export function sumTallies(tallies: Iterable<Tally>): Tally {
  const sum = emptyTally();
  for (const t of tallies) {
    for (const key of [
      'items',
      'blobs',
      'bytes',
      'intact',
      'missing',
      'altered',
      'unreadable',
      'brokenChains',
      'unreferenced',
    ] as const)
      sum[key] += t[key];
    const room = LISTED_PROBLEMS - sum.problems.length;
    sum.problems.push(...t.problems.slice(0, room));
    sum.problemsLeftOut += t.problemsLeftOut + Math.max(0, t.problems.length - room);
  }
  return sum;
}

export function toReport(
  t: Tally,
  run: {
    caseNumber: number | null;
    startedAt: string;
    finishedAt: string;
    complete: boolean;
    /** Whether unreferenced blobs were looked for (the run covered the whole store). */
    wholeStore: boolean;
  },
): EvidenceReport {
  const { unreferenced, ...counts } = t;
  const { wholeStore, ...times } = run;
  return { ...times, ...counts, unreferenced: wholeStore ? unreferenced : null };
}

/** Whether a report found anything wrong. */
export const hasProblems = (r: EvidenceReport): boolean =>
  r.missing + r.altered + r.unreadable + r.brokenChains + (r.unreferenced ?? 0) > 0;
