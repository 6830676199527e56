import type { DismissCategory } from '../../contract/alerts.ts';
import { dismissalOf, DUPLICATE_REASON, OTHER_REASON } from './alert-kinds.ts';
import { ingestTimeOf, type AlertTimeline, type Episode } from './alert-timeline.ts';
import { HOUR, MINUTE, type AlertIdx, type AlertStep, type Who } from './plan.ts';
import type { Random } from './random.ts';
import { roster } from './roster.ts';

/**
 * How the queue is worked: the alerts arrive in their batches; an analyst takes some incidents,
 * dismisses routine episodes with a category and a reason some minutes to hours after they
 * arrive (resolving the incident when nothing else in it waits), and confirms the others into
 * a case. Most alerts of the last three days are still
 * waiting, as in any real queue.
 */

/** An episode that becomes a case: when, by whom, and what is confirmed into it later. */
export interface CaseSeed {
  episode: Episode;
  createdAt: number;
  by: Who;
  /** Confirmed into the new case when it is opened (from the incident, for a campaign). */
  first: AlertIdx[];
  /** The episode's later days, each confirmed into the case when triaged. */
  later: Array<{ at: number; alerts: AlertIdx[] }>;
}

export interface TriagePlan {
  steps: AlertStep[];
  cases: CaseSeed[];
}

const triageDelay = (rng: Random) =>
  rng.weighted<[number, number]>([
    [[10 * MINUTE, HOUR], 4],
    [[HOUR, 8 * HOUR], 4],
    [[8 * HOUR, 40 * HOUR], 2],
  ]);

export function planTriage(rng: Random, timeline: AlertTimeline, end: number): TriagePlan {
  const steps: AlertStep[] = [];
  const batches = new Map<number, AlertIdx[]>();
  timeline.alerts.forEach((a, i) => {
    const at = ingestTimeOf(new Date(a.detectedAt).getTime());
    batches.set(at, [...(batches.get(at) ?? []), i]);
  });
  for (const [at, alerts] of batches) steps.push({ at, kind: 'ingest', alerts });

  const triagers = [...roster.analysts, ...roster.analysts, ...roster.investigators];
  const cases: CaseSeed[] = [];
  const last = end - MINUTE;
  for (const episode of timeline.episodes) {
    const by = rng.pick(triagers);
    const isCase = episode.scenario !== null;
    let earliest = 0;
    const firstGroup = episode.groups[0]!;
    if (rng.chance(isCase ? 0.5 : 0.25)) {
      const at = firstGroup.ingestedAt + Math.round(rng.between(2, 30) * MINUTE);
      if (at < last) {
        steps.push({ at, kind: 'takeIncident', by, alert: firstGroup.alerts[0]! });
        earliest = at + MINUTE;
      }
    }
    const seen = new Set<string>();
    let seed: CaseSeed | null = null;
    for (const [k, group] of episode.groups.entries()) {
      const [lo, hi] = triageDelay(rng);
      const at = Math.max(earliest, group.ingestedAt + Math.round(rng.between(lo, hi)));
      // Nobody has looked at this morning's alerts yet, nor at most of the last three days'.
      const backlog =
        group.ingestedAt > end - 6 * HOUR ||
        (group.ingestedAt > end - 72 * HOUR && rng.chance(0.6));
      if (isCase && k === 0) {
        seed = { episode, createdAt: Math.min(at, last), by, first: group.alerts, later: [] };
        cases.push(seed);
        continue;
      }
      if (backlog || at >= last) continue;
      if (seed) {
        // Confirmed into the case once it exists: at the earliest just after it was opened.
        const into = Math.max(at, seed.createdAt + 3 * MINUTE);
        if (into < last) seed.later.push({ at: into, alerts: group.alerts });
        continue;
      }
      const byReason = new Map<
        string,
        { category: DismissCategory; reason: string; alerts: AlertIdx[] }
      >();
      for (const i of group.alerts) {
        const title = timeline.alerts[i]!.title;
        const d =
          seen.has(title) && rng.chance(0.75)
            ? { category: 'duplicate' as const, reason: DUPLICATE_REASON }
            : rng.chance(0.03)
              ? { category: 'other' as const, reason: OTHER_REASON }
              : dismissalOf(rng, title);
        seen.add(title);
        const key = `${d.category}\u0000${d.reason}`;
        const entry = byReason.get(key) ?? { ...d, alerts: [] };
        entry.alerts.push(i);
        byReason.set(key, entry);
      }
      [...byReason.values()].forEach((d, j) =>
        steps.push({ at: Math.min(at + j * 15_000, last), kind: 'dismiss', by, ...d }),
      );
      // Its last day dismissed, the analyst often resolves the incident too.
      const resolveAt = at + Math.round(rng.between(1, 20) * MINUTE);
      if (k === episode.groups.length - 1 && resolveAt < last && rng.chance(0.7))
        steps.push({ at: resolveAt, kind: 'resolveIncident', by, alert: group.alerts[0]! });
    }
  }
  // Stable: a batch comes before what is done with it at the same instant.
  steps.sort((a, b) => a.at - b.at);
  return { steps, cases };
}
