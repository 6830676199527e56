import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../server/testing/harness.ts';
import { generateAlertDay, type AlertDay } from './alert-day.ts';
import { sharedInfrastructure } from './detections.ts';
import { createRandom } from './random.ts';

let env: TestEnv;
let day: AlertDay;
beforeAll(async () => {
  env = await startTestEnv();
  day = generateAlertDay(createRandom(20261202), new Date('2026-03-02T00:00:00Z'));
  // As the sources deliver them: a few at a time, in the order they were detected.
  for (let i = 0; i < day.alerts.length; i += 10) {
    const res = await env
      .api('ingest')
      .post('/api/v1/alerts', { alerts: day.alerts.slice(i, i + 10) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
});
afterAll(() => env.close());

async function peopleByIncident() {
  const rows = await env.db
    .selectFrom('alerts')
    .leftJoin('subjects', 'subjects.id', 'alerts.subjectId')
    .select(['alerts.incidentId', 'subjects.email'])
    .execute();
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const people = out.get(r.incidentId!) ?? new Set<string>();
    if (r.email) people.add(r.email);
    out.set(r.incidentId!, people);
  }
  return out;
}

describe('a working day of 200 alerts about 20 people', () => {
  it('is the day it says: 20 people, three sources, shared infrastructure', () => {
    expect(day.alerts).toHaveLength(200);
    expect(new Set(day.alerts.map((a) => a.subject?.email).filter(Boolean)).size).toBe(20);
    expect(new Set(day.alerts.map((a) => a.source))).toEqual(
      new Set(['purview-dlp', 'defender-endpoint', 'entra-id-protection']),
    );
    const withEgress = day.alerts.filter((a) =>
      a.entities.some((e) => e.value === sharedInfrastructure.egressIp),
    );
    expect(new Set(withEgress.map((a) => a.subject?.email)).size).toBeGreaterThan(10);
  });

  it('gives incidents that each hold one person, unless two people share a rare value', async () => {
    const incidents = await peopleByIncident();
    const rarePairs = day.rareLinks.map((l) => [...l.emails].sort().join(' '));
    for (const [id, people] of incidents) {
      if (people.size <= 1) continue;
      expect(rarePairs, `incident ${id} holds ${[...people].join(', ')}`).toContain(
        [...people].sort().join(' '),
      );
    }
    // Every person's alerts are in one incident, the rare pairs' at most two.
    const incidentsOf = new Map<string, Set<number>>();
    for (const [id, people] of incidents)
      for (const p of people) incidentsOf.set(p, (incidentsOf.get(p) ?? new Set()).add(id));
    for (const [p, ids] of incidentsOf) expect(ids.size, p).toBe(1);
    expect(incidents.size).toBeLessThanOrEqual(22);
  });

  it('knows the shared infrastructure as common, and matches on none of it', async () => {
    const keys = await env.db.selectFrom('incidentKeys').select('key').distinct().execute();
    const held = new Set(keys.map((k) => k.key));
    for (const value of [
      `e:ip:${sharedInfrastructure.egressIp}`,
      `e:host:${sharedInfrastructure.fileServer.toLowerCase()}`,
      `e:hash:${sharedInfrastructure.powershellHash}`,
    ])
      expect(held.has(value), value).toBe(false);
    expect([...held].some((k) => k.startsWith('e:process:'))).toBe(false);
  });

  it('names the reason of every alert, and lists every subject on its incident', async () => {
    const alerts = await env.db.selectFrom('alerts').select(['correlationKey']).execute();
    expect(alerts.every((a) => a.correlationKey !== null)).toBe(true);
    const listed = await env.db
      .selectFrom('incidentSubjects')
      .select(['incidentId', 'subjectId'])
      .execute();
    const incidents = await peopleByIncident();
    expect(listed).toHaveLength([...incidents.values()].reduce((n, p) => n + p.size, 0));
  });
});
