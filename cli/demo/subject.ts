import type { DayPerson } from './alert-day.ts';
import type { Random } from './random.ts';
import {
  departments,
  fileNames,
  jobTitles,
  malwareFamilies,
  ORG_DOMAIN,
  places,
  subjectFirstNames,
  subjectLastNames,
} from './vocabulary.ts';

const personName = (rng: Random) => `${rng.pick(subjectFirstNames)} ${rng.pick(subjectLastNames)}`;

/** The placeholders of a scenario's texts for one case: its subject, device and details. */
export function subjectVars(rng: Random): Record<string, string> {
  const name = personName(rng);
  const dept = rng.pick(departments);
  return {
    name,
    upn: `${name.toLowerCase().replace(/\s+/g, '.')}@${ORG_DOMAIN}`,
    dept: dept.name,
    job: rng.pick(jobTitles),
    manager: personName(rng),
    host: `${rng.pick(['LT', 'WS', 'LT'])}-${dept.code}-${rng.int(1000, 9999)}`,
    site: dept.site,
    n: String(rng.int(2, 60) * (rng.chance(0.4) ? 25 : 3)),
    place: rng.pick(places),
    malware: rng.pick(malwareFamilies),
    file: rng.pick(fileNames),
  };
}

/** The same template variables for a person of the alert timeline, so a case names whom its alerts are about. */
export function personVars(rng: Random, p: DayPerson): Record<string, string> {
  const dept = departments.find((d) => d.name === p.department);
  return {
    ...subjectVars(rng),
    name: p.name,
    upn: p.email,
    dept: p.department,
    job: p.jobTitle,
    manager: p.manager,
    host: p.host,
    ...(dept && { site: dept.site }),
  };
}
