import type { ActivityIn } from '../contract/activities.ts';
import { makeRng } from './dataset.ts';

/** The subject every fifth event (by default) belongs to: the investigation's heavy case. */
export const HEAVY_EMAIL = 'heavy.user@corp.example';

const kinds: Array<[ActivityIn['category'], string, number]> = [
  ['access', 'sign_in', 30],
  ['access', 'file.accessed', 20],
  ['collection', 'file.downloaded', 15],
  ['collection', 'archive.created', 4],
  ['exfiltration', 'usb.copied', 6],
  ['exfiltration', 'mail.sent_external', 8],
  ['exfiltration', 'cloud.uploaded', 6],
  ['exfiltration', 'print', 3],
  ['deletion', 'file.deleted', 4],
  ['obfuscation', 'file.renamed', 2],
  ['infiltration', 'tool.installed', 1],
  ['security', 'av.disabled', 1],
];
const weightSum = kinds.reduce((s, k) => s + k[2], 0);
const indicatorNames = [
  'off_hours',
  'sensitive_label',
  'new_usb_device',
  'personal_domain',
  'mass_download',
  'first_time_activity',
  'leaver',
  'unusual_volume',
  'archive_before_upload',
  'renamed_extension',
];
const departments = ['Finance', 'Sales', 'Engineering', 'Legal', 'HR', 'Operations'];
const labels = ['Public', 'General', 'Confidential', 'Highly Confidential'];

/**
 * A generator of realistic activity batches: `subjects` people (one heavy one taking
 * `heavyShare` of the events), times moving forward from `start` to `end` over the feed, so a
 * batch covers a short stretch of days as a live sensor would, categories and types weighted
 * like endpoint and mail DLP, 0-4 indicators, objects for file and mail events, a payload.
 */
export function activityBatches(opts: {
  seed: number;
  total: number;
  subjects: number;
  heavyShare: number;
  start: number;
  end: number;
}) {
  return (batch: number, size: number, batchSize: number): ActivityIn[] => {
    const rnd = makeRng(opts.seed * 1_000_003 + batch);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const span = opts.end - opts.start;
    return Array.from({ length: size }, (_, k) => {
      const n = batch * batchSize + k;
      const heavy = rnd() < opts.heavyShare;
      const who = heavy ? -1 : 1 + Math.floor(rnd() * (opts.subjects - 1));
      const email = heavy ? HEAVY_EMAIL : `user${who}@corp.example`;
      let r = rnd() * weightSum;
      const kind = kinds.find((x) => (r -= x[2]) < 0) ?? kinds[0]!;
      const [category, activityType] = kind;
      const indicators = Array.from({ length: Math.floor(rnd() * 5) }, () => ({
        name: pick(indicatorNames),
        score: Math.floor(rnd() * 40),
      }));
      const base = category === 'exfiltration' ? 30 : category === 'access' ? 0 : 10;
      const riskScore = Math.min(100, base + indicators.reduce((s, i) => s + i.score, 0) / 2) | 0;
      const file = activityType !== 'sign_in';
      return {
        source: n % 3 === 0 ? 'edr' : 'dlp',
        externalId: `act-${n}`,
        subject: heavy
          ? { email, name: 'Heavy User', department: 'Finance', jobTitle: 'Controller' }
          : { email, name: `User ${who}`, department: departments[who % departments.length] },
        occurredAt: new Date(opts.start + (span * n) / opts.total + rnd() * 60_000).toISOString(),
        category,
        activityType,
        riskScore,
        indicators,
        ...(rnd() < 0.2 ? { sequenceId: `seq-${Math.floor(n / 4)}` } : {}),
        ...(file
          ? {
              object: {
                name: `report-${n % 9973}.xlsx`,
                path: `C:\\Users\\user${who}\\Documents\\Shared\\report-${n % 9973}.xlsx`,
                sizeBytes: Math.floor(rnd() * 5_000_000),
                sensitivityLabel: pick(labels),
                ...(category === 'exfiltration'
                  ? { destination: activityType === 'usb.copied' ? 'E:\\' : 'drive.example.net' }
                  : {}),
              },
            }
          : {}),
        payload: {
          host: `LT-${(who + 10_000) % 100_000}`,
          process: file ? 'explorer.exe' : 'lsass.exe',
          rule: `${activityType} policy`,
          sensor: { version: '7.12.3', id: `s-${who % 997}` },
        },
      };
    });
  };
}
