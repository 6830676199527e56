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
