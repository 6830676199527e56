import type { Who } from './plan.ts';
import type { Random } from './random.ts';
import { demoAccounts, type DemoRole } from './vocabulary.ts';

const withRole = (role: DemoRole): Who[] =>
  demoAccounts.flatMap((a, i) => (a.role === role ? [i] : []));

/** The demo accounts by role, as indexes into `demoAccounts`. */
export const roster = {
  admins: withRole('admin'),
  analysts: withRole('analyst'),
  investigators: withRole('investigator'),
  guests: withRole('guest'),
};

/** Accounts that may create and manage cases. */
export const managers: Who[] = [...roster.analysts, ...roster.investigators, ...roster.admins];

/** Who opens a case: mostly analysts on triage duty, sometimes an investigator or the admin. */
export const pickCreator = (rng: Random): Who =>
  rng.pick(
    rng.weighted<Who[]>([
      [roster.analysts, 6],
      [roster.investigators, 3],
      [roster.admins, 1],
    ]),
  );

/** Who works a case: insider-risk cases go mostly to investigators, the rest to analysts. */
export const pickOwner = (rng: Random, insiderRisk: boolean): Who =>
  rng.pick(rng.chance(insiderRisk ? 0.7 : 0.2) ? roster.investigators : roster.analysts);

/** Another manager than `who`, for second opinions and hand-overs. */
export const pickOther = (rng: Random, who: Who): Who =>
  rng.pick(managers.filter((m) => m !== who));
