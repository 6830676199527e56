import type { AlertIn } from '../contract/alerts.ts';
import { makeRng } from './dataset.ts';

/** A rare word: about one alert in 10,000 carries it in its description. */
export const SELECTIVE_WORD = 'quokkasighting';
const SUBJECTS = 5_000;
const HOSTS = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Cumulative Zipf-like weights (1 / rank^s) over n ranks. */
function zipf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 1; r <= n; r += 1) {
    sum += 1 / r ** s;
    cdf[r - 1] = sum;
  }
  for (let i = 0; i < n; i += 1) cdf[i]! /= sum;
  return cdf;
}

function pick(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

const detections = [
  ['dlp', 'Mass download from SharePoint site'],
  ['dlp', 'Sensitive file copied to USB storage'],
  ['edr', 'Suspicious PowerShell execution'],
  ['edr', 'Credential dumping tool detected'],
  ['siem', 'Impossible travel sign-in'],
  ['siem', 'Multiple failed sign-ins followed by success'],
  ['casb', 'Upload to personal cloud storage'],
  ['email', 'Forwarding rule to external address'],
] as const;
const severities = ['informational', 'low', 'medium', 'high'] as const;
const severityCdf = [0.3, 0.65, 0.9, 1];

/**
 * Batches of realistic alerts as a live feed delivers them: ~5,000 subjects and ~2,000 hosts
 * with a Zipf-like skew, `perDay` alerts a day ending now, each detected shortly before it
 * arrives (minutes, exponentially) and one in twenty up to a day late, with one to three
 * source events and a raw payload of about 1 KB. Unique (source, externalId) per index.
 * Deterministic per (seed, batch index), so a batch can be built again to redeliver it.
 */
export function alertBatches(
  seed: number,
  batchSize: number,
  opts: { total: number; perDay?: number; now?: number },
) {
  const subjectCdf = zipf(SUBJECTS, 1.1);
  const hostCdf = zipf(HOSTS, 1.0);
  const now = opts.now ?? Date.now();
  const spacing = DAY_MS / (opts.perDay ?? 50_000);
  const run = `${seed}-${now.toString(36)}`;
  return (batch: number, size = batchSize): AlertIn[] => {
    const rnd = makeRng(seed * 1_000_003 + batch);
    const alerts: AlertIn[] = [];
    for (let k = 0; k < size; k += 1) {
      const i = batch * batchSize + k;
      const late = rnd() < 0.05 ? rnd() * DAY_MS : -Math.log(1 - rnd()) * 5 * 60_000;
      const detectedAt = Math.floor(now - (opts.total - i) * spacing - late);
      const [source, title] = detections[Math.floor(rnd() * detections.length)]!;
      const u = rnd();
      const sev = severityCdf.findIndex((c) => u < c);
      const subject = pick(subjectCdf, rnd());
      const host = pick(hostCdf, rnd());
      const entities = [{ type: 'host', value: `ws-${String(host).padStart(4, '0')}` }];
      if (rnd() < 0.5) {
        entities.push({
          type: 'ip',
          value: `10.${(host >> 8) & 255}.${host & 255}.${1 + (host % 250)}`,
        });
      }
      alerts.push({
        source,
        externalId: `bench-${run}-${i}`,
        title: `${title} on ws-${String(host).padStart(4, '0')}`,
        description:
          i % 10_000 === 7
            ? `The detector reported a ${SELECTIVE_WORD} during the session.`
            : 'The detector raised the alert after several related events in a short time.',
        severity: severities[sev]!,
        riskScore: Math.min(100, sev * 25 + Math.floor(rnd() * 25)),
        detectedAt: new Date(detectedAt).toISOString(),
        subject: {
          email: `user${subject}@corp.example`,
          name: `User ${subject}`,
          department: `Department ${subject % 40}`,
        },
        entities,
        events: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, e) => ({
          time: new Date(detectedAt - (e + 1) * 60_000).toISOString(),
          type: source === 'dlp' ? 'file.copied' : 'process.started',
          host: entities[0]!.value,
          user: `user${subject}@corp.example`,
          detail: `Event ${e + 1} of the detection, recorded by the ${source} sensor.`,
        })),
        payload: {
          id: `bench-${run}-${i}`,
          vendor: source.toUpperCase(),
          rule: { id: `R-${1000 + (i % 97)}`, name: title, version: 3 },
          device: { name: entities[0]!.value, os: 'Windows 11 Enterprise', agent: '7.11.2' },
          user: { upn: `user${subject}@corp.example`, department: `Department ${subject % 40}` },
          observed: { count: 1 + Math.floor(rnd() * 40), window: 'PT15M' },
          tags: ['insider-risk', source, `severity:${severities[sev]!}`],
          raw: 'x'.repeat(400),
        },
      });
    }
    return alerts;
  };
}
