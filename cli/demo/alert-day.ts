import type { AlertIn } from '../../contract/alerts.ts';
import type { Random } from './random.ts';
import {
  detections,
  sharedInfrastructure as S,
  type Detection,
  type Entities,
} from './detections.ts';
import { departments, jobTitles, ORG_DOMAIN } from './vocabulary.ts';

/**
 * A working day of alerts as a SOC receives them: DLP, EDR and sign-in detections about the
 * people of one organisation, with the entities real sources attach. Most entities belong to
 * one person (their laptop, its address, their account, a file they took), but a real
 * network is full of values that many people share: the office's internet egress address,
 * the file server, the domain controller, cloud storage domains, the hash of PowerShell, the
 * command line of the IT inventory script. A few values are shared by two people for a real
 * reason (one attacker's address spraying both accounts, one phishing domain both clicked):
 * those are the links correlation must keep.
 */

export interface DayPerson {
  name: string;
  email: string;
  department: string;
  jobTitle: string;
  manager: string;
  host: string;
  ip: string;
  homeIp: string;
  account: string;
}

/** A value two people share for a real reason: the incident that holds both is right. */
export interface RareLink {
  type: string;
  value: string;
  emails: [string, string];
}

export interface AlertDay {
  people: DayPerson[];
  alerts: AlertIn[];
  rareLinks: RareLink[];
}

const firstNames = [
  'Megan',
  'Alex',
  'Priyanka',
  'Jonas',
  'Fatima',
  'Lucas',
  'Aiko',
  'Daniel',
  'Sofia',
  'Kwabena',
  'Ingrid',
  'Mateo',
  'Leila',
  'Henrik',
  'Nadia',
  'Oscar',
  'Chen',
  'Maria',
  'Tobias',
  'Amelie',
  'Rashid',
  'Eva',
  'Marcus',
  'Yara',
] as const;
const lastNames = [
  'Bowen',
  'Wilber',
  'Raman',
  'Lindgren',
  'Haddad',
  'Moreau',
  'Tanaka',
  'Okafor',
  'Castillo',
  'Mensah',
  'Larsen',
  'Romero',
  'Nasser',
  'Berg',
  'Petrov',
  'Silva',
  'Wei',
  'Kowalska',
  'Brandt',
  'Dubois',
] as const;

/** `count` people, each with a laptop, an office address, a home address and an account. */
export function dayPeople(rng: Random, count: number): DayPerson[] {
  const used = new Set<string>();
  const people: DayPerson[] = [];
  while (people.length < count) {
    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    if (used.has(name)) continue;
    used.add(name);
    const dept = rng.pick(departments);
    const local = name.toLowerCase().replace(/\s+/g, '.');
    const n = people.length;
    people.push({
      name,
      email: `${local}@${ORG_DOMAIN}`,
      department: dept.name,
      jobTitle: rng.pick(jobTitles),
      manager: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
      host: `${dept.code}-LT-${String(rng.int(1, 999)).padStart(3, '0')}`,
      ip: `10.20.${10 + Math.floor(n / 200)}.${20 + (n % 200)}`,
      homeIp: `${rng.pick([81, 86, 92, 109, 176, 217])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`,
      account: `NORTHWIND\\${local.replace('.', '')}`.slice(0, 40),
    });
  }
  return people;
}

/** One alert as its source delivers it: about `p` (or a server, for null), with `entities`. */
export function buildAlert(
  rng: Random,
  p: DayPerson | null,
  d: Pick<Detection, 'source' | 'title' | 'severity' | 'risk'>,
  entities: Entities,
  opts: { at: string; externalId: string },
): AlertIn {
  return {
    source: d.source,
    externalId: opts.externalId,
    title: d.title,
    description: p
      ? `${d.title} for ${p.name} (${p.department}) on ${p.host}.`
      : `${d.title} on ${entities[0]?.value ?? 'a server'}.`,
    severity: d.severity,
    riskScore: rng.int(d.risk[0], d.risk[1]),
    detectedAt: opts.at,
    ...(p
      ? {
          subject: {
            email: p.email,
            name: p.name,
            department: p.department,
            jobTitle: p.jobTitle,
            manager: p.manager,
          },
        }
      : {}),
    entities,
    events: [],
    payload: { detection: d.title, source: d.source, entities },
  };
}

const DAY_START_HOUR = 7;
const DAY_HOURS = 12;

/**
 * A day of `total` alerts (200 by default) about `people` people (20), starting at 07:00 UTC
 * of `day`, in the order of their detection times, deterministic for a seed. Two pairs of
 * people share a rare value (a password spray from one address, one phishing domain), and a
 * few alerts about servers name no person.
 */
export function generateAlertDay(
  rng: Random,
  day: Date,
  opts: { total?: number; people?: DayPerson[]; idPrefix?: string } = {},
): AlertDay {
  const total = opts.total ?? 200;
  const people = opts.people ?? dayPeople(rng, 20);
  const prefix = opts.idPrefix ?? day.toISOString().slice(0, 10);
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), DAY_START_HOUR);
  const at = () => new Date(start + Math.floor(rng.next() * DAY_HOURS * 3_600_000)).toISOString();
  // Some people are busier than others: a departing employee, an admin who scripts a lot.
  const weights = people.map((p, i): readonly [DayPerson, number] => [
    p,
    i < 3 ? 4 : rng.between(0.6, 1.6),
  ]);
  const pool = detections.map((d) => [d, d.weight] as const);
  const alerts: AlertIn[] = [];
  const add = (
    p: DayPerson | null,
    d: Pick<Detection, 'source' | 'title' | 'severity' | 'risk'>,
    entities: Entities,
    when = at(),
  ) =>
    alerts.push(
      buildAlert(rng, p, d, entities, {
        at: when,
        externalId: `${d.source}-${prefix}-${String(alerts.length + 1).padStart(4, '0')}`,
      }),
    );

  // The rare links: one spraying address against two accounts, one phishing domain two clicked.
  const [a, b, c, d] = rng.sample(people.slice(3), 4) as [
    DayPerson,
    DayPerson,
    DayPerson,
    DayPerson,
  ];
  const sprayIp = `185.220.101.${rng.int(2, 250)}`;
  const phishing = `northwind-sso-login.${rng.pick(['com', 'net', 'info'])}`;
  const spray = {
    source: 'entra-id-protection',
    title: 'Password spray from an anonymous address',
    severity: 'high' as const,
    risk: [70, 85] as [number, number],
  };
  const phish = {
    source: 'defender-endpoint',
    title: 'Connection to a phishing domain',
    severity: 'high' as const,
    risk: [65, 85] as [number, number],
  };
  for (const p of [a, b])
    add(p, spray, [
      { type: 'account', value: p.email },
      { type: 'ip', value: sprayIp },
    ]);
  for (const p of [c, d])
    add(p, phish, [
      { type: 'host', value: p.host },
      { type: 'domain', value: phishing },
      { type: 'url', value: `https://${phishing}/owa/auth?u=${p.email}` },
    ]);
  // Servers raise alerts that name no person; one of them names the laptop that scanned it.
  const scanner = rng.pick(people);
  add(
    null,
    {
      source: 'defender-endpoint',
      title: 'SMB session enumeration against the file server',
      severity: 'medium',
      risk: [40, 60],
    },
    [
      { type: 'host', value: S.fileServer },
      { type: 'ip', value: scanner.ip },
    ],
  );
  add(
    null,
    {
      source: 'defender-endpoint',
      title: 'Service installed on the domain controller',
      severity: 'low',
      risk: [15, 30],
    },
    [{ type: 'host', value: S.domainController }],
  );

  // Everyone on the list did something today; some did a lot more.
  for (const p of people)
    for (let n = 0; n < 2 && alerts.length < total; n += 1) {
      const det = rng.weighted(pool);
      add(p, det, det.entities(p, rng));
    }
  while (alerts.length < total) {
    const p = rng.weighted(weights);
    const det = rng.weighted(pool);
    add(p, det, det.entities(p, rng));
  }
  alerts.sort((x, y) => (x.detectedAt < y.detectedAt ? -1 : x.detectedAt > y.detectedAt ? 1 : 0));
  return {
    people,
    alerts,
    rareLinks: [
      { type: 'ip', value: sprayIp, emails: [a.email, b.email] },
      { type: 'domain', value: phishing, emails: [c.email, d.email] },
    ],
  };
}
