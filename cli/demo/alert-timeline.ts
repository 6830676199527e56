import type { AlertIn } from '../../contract/alerts.ts';
import { buildAlert, dayPeople, type DayPerson } from './alert-day.ts';
import type { Detection } from './detections.ts';
import {
  allDetections,
  caseKinds,
  detection,
  passwordSpray,
  PHISHING_SCENARIO,
  phishingClick,
  phishingMail,
  routineWeights,
} from './alert-kinds.ts';
import { DAY, HOUR, MINUTE, type AlertIdx } from './plan.ts';
import type { Random } from './random.ts';

/**
 * Ninety days of alerts about the people of one organisation, as episodes: a run of alerts
 * about one person (or one campaign against several) over a few days, that an analyst handles
 * as one. Most episodes are routine and end dismissed; some become cases. Every Monday the IT
 * inventory script trips the PowerShell rule on many laptops at once, so the values everyone
 * shares are seen with many subjects, and correlation learns them as common.
 */

/** The alerts of one episode delivered on one day. */
export interface AlertGroup {
  alerts: AlertIdx[];
  /** When the last of them reached Casefile. */
  ingestedAt: number;
}

export interface Episode {
  /** The person a case about it names: the one who clicked, for a campaign. */
  person: DayPerson;
  /** The scenario title of the case it becomes; null for a routine episode. */
  scenario: string | null;
  /** A campaign against several people: a case about it is opened from its incident. */
  campaign: boolean;
  groups: AlertGroup[];
}

/** A value several people share for a real reason; the incident that holds them all is right. */
export interface SharedValue {
  type: string;
  value: string;
  emails: string[];
}

export interface AlertTimeline {
  people: DayPerson[];
  /** In the order of their detection. */
  alerts: AlertIn[];
  episodes: Episode[];
  sharedValues: SharedValue[];
}

/** Sources deliver in half-hour batches, a minute and a half after each half-hour ends. */
const BATCH = 30 * MINUTE;
export const ingestTimeOf = (detectedAt: number) =>
  Math.floor(detectedAt / BATCH) * BATCH + BATCH + 90_000;

type Draft = { alert: AlertIn; at: number };
type DraftEpisode = Omit<Episode, 'groups'> & { days: Draft[][] };
type Spec = Pick<Detection, 'source' | 'title' | 'severity' | 'risk'>;

/**
 * People with a manager among their colleagues: the first of a department reports to the
 * first person of the list, who reports to a director outside it.
 */
function organisation(rng: Random, count: number): DayPerson[] {
  const people = dayPeople(rng, count);
  const heads = new Map<string, DayPerson>();
  for (const [i, p] of people.entries()) {
    const head = heads.get(p.department);
    if (head) p.manager = head.name;
    else {
      heads.set(p.department, p);
      if (i > 0) p.manager = people[0]!.name;
    }
  }
  return people;
}

export function planAlertTimeline(
  rng: Random,
  opts: { alerts: number; caseEpisodes: number; start: number; end: number },
): AlertTimeline {
  const { start, end } = opts;
  const people = organisation(rng, Math.max(12, Math.min(80, Math.round(opts.alerts / 50))));
  const weights = people.map((p, i) => [p, i < 3 ? 4 : rng.between(0.6, 1.6)] as const);
  const days: number[] = [];
  for (let d = Math.ceil(start / DAY) * DAY; d < end; d += DAY) days.push(d);
  const isWeekend = (d: number) => [0, 6].includes(new Date(d).getUTCDay());
  let serial = 0;
  let count = 0;
  const draft = (p: DayPerson, d: Spec, entities: AlertIn['entities'], at: number): Draft[] => {
    if (at < start || ingestTimeOf(at) > end) return [];
    serial += 1;
    count += 1;
    const day = new Date(at).toISOString().slice(0, 10);
    const externalId = `${d.source}-${day}-${String(serial).padStart(5, '0')}`;
    const iso = new Date(at).toISOString();
    return [{ alert: buildAlert(rng, p, d, entities, { at: iso, externalId }), at }];
  };
  const workTime = (day: number) => day + 7 * HOUR + Math.floor(rng.next() * 12 * HOUR);
  const ofPerson = (p: DayPerson, d: Detection, day: number) =>
    draft(p, d, d.entities(p, rng), workTime(day));
  const pool = allDetections.map((d) => [d, d.weight] as const);
  const pickDay = (latest: number) => {
    for (;;) {
      const i = rng.int(0, Math.max(0, latest));
      if (!isWeekend(days[i]!) || rng.chance(0.3)) return i;
    }
  };
  const episodes: DraftEpisode[] = [];

  /** One person's run of alerts: leading detections, with the odd unrelated one beside them. */
  const run = (p: DayPerson, lead: Detection[], first: number, length: number, real: boolean) => {
    const out: Draft[][] = [];
    for (let k = 0; k < length && first + k < days.length; k += 1) {
      const day = days[first + k]!;
      const list: Draft[] = [];
      for (let n = rng.int(1, real ? 3 : 2); n > 0; n -= 1)
        list.push(...ofPerson(p, rng.pick(lead), day));
      const extra = real
        ? rng.int(0, 2)
        : rng.weighted([
            [0, 3],
            [1, 2],
            [2, 1],
          ] as const);
      for (let n = extra; n > 0; n -= 1) list.push(...ofPerson(p, rng.weighted(pool), day));
      if (list.length > 0) out.push(list);
    }
    return out;
  };

  const sharedValues: SharedValue[] = [];
  const phishingCampaign = (first: number): DraftEpisode => {
    const targets = rng.sample(people, rng.int(3, 4));
    const domain = `northwind-${rng.pick(['sso', 'hr', 'payroll', 'login'])}-${rng.int(10, 99)}.${rng.pick(['com', 'net', 'info'])}`;
    const sent = workTime(days[first]!);
    const list: Draft[] = [];
    for (const p of targets) {
      const url = { type: 'url', value: `https://${domain}/auth?u=${p.email}` };
      list.push(
        ...draft(
          p,
          phishingMail(domain),
          [{ type: 'mailbox', value: p.email }, { type: 'domain', value: domain }, url],
          sent + rng.int(0, 20) * MINUTE,
        ),
      );
    }
    const clickers = targets.slice(0, rng.int(1, 2));
    for (const p of clickers)
      list.push(
        ...draft(
          p,
          phishingClick,
          [
            { type: 'host', value: p.host },
            { type: 'domain', value: domain },
            { type: 'url', value: `https://${domain}/auth?u=${p.email}` },
          ],
          sent + rng.int(25, 90) * MINUTE,
        ),
      );
    sharedValues.push({ type: 'domain', value: domain, emails: targets.map((p) => p.email) });
    return { person: clickers[0]!, scenario: PHISHING_SCENARIO, campaign: true, days: [list] };
  };

  // The episodes that become cases, started at least three days before now.
  const latestCaseDay = days.length - 4;
  const campaigns = Math.max(1, Math.round(opts.caseEpisodes * 0.15));
  for (let i = 0; i < opts.caseEpisodes; i += 1) {
    const first = pickDay(latestCaseDay);
    if (i < campaigns) {
      episodes.push(phishingCampaign(first));
      continue;
    }
    const kind = rng.weighted(caseKinds);
    const p = rng.weighted(weights);
    const lead = kind.lead.map(detection);
    const length = rng.weighted([
      [1, 3],
      [2, 3],
      [3, 2],
    ] as const);
    episodes.push({
      person: p,
      scenario: kind.scenario,
      campaign: false,
      days: run(p, lead, first, length, true),
    });
  }

  // Mondays: the inventory script on a dozen laptops within the hour.
  const inventory = detection('Suspicious PowerShell command line');
  for (const day of days) {
    if (new Date(day).getUTCDay() !== 1) continue;
    const at = day + 9 * HOUR;
    for (const p of rng.sample(people, rng.int(9, 14)))
      episodes.push({
        person: p,
        scenario: null,
        campaign: false,
        days: [draft(p, inventory, inventory.entities(p, rng), at + rng.int(0, 55) * MINUTE)],
      });
  }

  // A password spray every twelve days or so, against two or three accounts.
  for (let n = Math.max(1, Math.round(days.length / 12)); n > 0; n -= 1) {
    const targets = rng.sample(people, rng.int(2, 3));
    const ip = `185.220.101.${rng.int(2, 250)}`;
    const at = workTime(days[pickDay(days.length - 1)]!);
    const list = targets.flatMap((p, k) =>
      draft(
        p,
        passwordSpray,
        [
          { type: 'account', value: p.email },
          { type: 'ip', value: ip },
        ],
        at + k * 3 * MINUTE,
      ),
    );
    sharedValues.push({ type: 'ip', value: ip, emails: targets.map((p) => p.email) });
    episodes.push({ person: targets[0]!, scenario: null, campaign: true, days: [list] });
  }

  const routine = routineWeights.map(([title, w]) => [detection(title), w] as const);
  // This morning's first alerts, not yet looked at.
  for (let n = 2; n > 0; n -= 1) {
    const p = rng.weighted(weights);
    const d = rng.weighted(routine);
    const at = end - Math.round(rng.between(40 * MINUTE, 3 * HOUR));
    episodes.push({
      person: p,
      scenario: null,
      campaign: false,
      days: [draft(p, d, d.entities(p, rng), at)],
    });
  }

  // Routine episodes fill the rest of the alerts.
  while (count < opts.alerts) {
    const p = rng.weighted(weights);
    const length = rng.weighted([
      [1, 6],
      [2, 2],
      [3, 1],
    ] as const);
    const first = pickDay(days.length - 1);
    episodes.push({
      person: p,
      scenario: null,
      campaign: false,
      days: run(p, [rng.weighted(routine)], first, length, false),
    });
  }
  return indexTimeline(people, episodes, sharedValues);
}

/** Sorts the alerts by detection time and names each by its place in that order. */
function indexTimeline(
  people: DayPerson[],
  drafts: DraftEpisode[],
  sharedValues: SharedValue[],
): AlertTimeline {
  const all = drafts.flatMap((e) => e.days.flat());
  const order = [...all].sort(
    (a, b) => a.at - b.at || (a.alert.externalId < b.alert.externalId ? -1 : 1),
  );
  const index = new Map(order.map((d, i) => [d, i]));
  const episodes = drafts
    .map((e) => ({
      person: e.person,
      scenario: e.scenario,
      campaign: e.campaign,
      groups: e.days
        .filter((list) => list.length > 0)
        .map((list) => ({
          alerts: list.map((d) => index.get(d)!).sort((a, b) => a - b),
          ingestedAt: Math.max(...list.map((d) => ingestTimeOf(d.at))),
        })),
    }))
    .filter((e) => e.groups.length > 0);
  return { people, alerts: order.map((d) => d.alert), episodes, sharedValues };
}
