import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { injectFailure } from '../../testing/inject-failure.ts';
import { bulkConfirmAlerts } from './service/bulk-triage.ts';

let env: TestEnv;
let seq = 0;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

/** A fresh alert waiting for review, each in an incident of its own. */
const waiting = async (): Promise<number> => {
  seq += 1;
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'edr',
    externalId: `bulk-${seq}`,
    title: `Beaconing host ${seq}`,
    severity: 'medium',
    detectedAt: '2026-03-01T08:00:00Z',
    subject: { email: `host${seq}@corp.example` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results[0].id;
};
const dismiss = async (id: number) =>
  expect(
    (
      await env.api('investigator').post(`/api/v1/alerts/${id}/dismiss`, {
        category: 'benign_true_positive',
        reason: 'Lab host',
      })
    ).status,
  ).toBe(200);
const casesTitled = (title: string) =>
  env.db.selectFrom('cases').select('number').where('title', '=', title).execute();
const statusOf = async (id: number) =>
  (await env.db.selectFrom('alerts').select('status').where('id', '=', id).executeTakeFirst())
    ?.status;

/**
 * The analyst's context, with `race` run as each transaction is about to begin: another
 * analyst's triage landing between the bulk confirm's first read and its transaction.
 */
const racing = (race: () => Promise<unknown>): Ctx => {
  const ctx = env.ctx('analyst');
  const db = new Proxy(ctx.db, {
    get(target, prop) {
      if (prop === 'transaction')
        return () => {
          const builder = target.transaction();
          return {
            execute: async (fn: Parameters<typeof builder.execute>[0]) => {
              await race();
              return builder.execute(fn);
            },
          };
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...ctx, db };
};

describe('bulk confirm into a new case', () => {
  it('opens no case when none of the alerts can be confirmed', async () => {
    const [a, b] = [await waiting(), await waiting()];
    await dismiss(a);
    const other = await env.api('analyst').post(`/api/v1/alerts/${b}/confirm`, {
      newCase: { title: 'Elsewhere' },
    });
    expect(other.status).toBe(200);
    const before = await fingerprint(env.db);
    const res = await env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
      alertIds: [a, b, 999999],
      newCase: { title: 'Nothing to confirm' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      results: [
        {
          id: a,
          ok: false,
          error: { code: 'conflict', message: expect.stringMatching(/dismissed/) },
        },
        {
          id: b,
          ok: false,
          error: { code: 'conflict', message: expect.stringMatching(/confirmed/) },
        },
        { id: 999999, ok: false, error: { code: 'not_found', message: expect.any(String) } },
      ],
    });
    expect(await casesTitled('Nothing to confirm')).toEqual([]);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('opens no case when a racing triage takes every alert before its transaction', async () => {
    const [a, b] = [await waiting(), await waiting()];
    const out = await bulkConfirmAlerts(
      racing(async () => {
        await dismiss(a);
        await dismiss(b);
      }),
      {
        alertIds: [a, b],
        newCase: { title: 'Lost the race', description: '', priority: 'medium', tags: [] },
      },
    );
    expect(out.caseNumber).toBeUndefined();
    expect(out.results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
      [a, false, 'conflict'],
      [b, false, 'conflict'],
    ]);
    expect(await casesTitled('Lost the race')).toEqual([]);
    expect([await statusOf(a), await statusOf(b)]).toEqual(['dismissed', 'dismissed']);
    const created = await env.db
      .selectFrom('auditEvents')
      .select('id')
      .where('action', '=', 'case.created')
      .where('after', 'like', '%Lost the race%')
      .execute();
    expect(created).toEqual([]);
  });

  it('confirms what a racing triage left into one new case', async () => {
    const [a, b] = [await waiting(), await waiting()];
    const out = await bulkConfirmAlerts(
      racing(() => dismiss(a)),
      {
        alertIds: [a, b],
        newCase: { title: 'Half the race', description: '', priority: 'medium', tags: [] },
      },
    );
    expect(out.results.map((r) => [r.id, r.ok])).toEqual([
      [a, false],
      [b, true],
    ]);
    expect(await casesTitled('Half the race')).toEqual([{ number: out.caseNumber }]);
    const kase = await env.api('viewer').get(`/api/v1/cases/${out.caseNumber}`);
    expect(kase.body.alertCount).toBe(1);
    expect([await statusOf(a), await statusOf(b)]).toEqual(['dismissed', 'confirmed']);
  });

  it('stores nothing, not even the case, when the transaction fails midway', async () => {
    const [a, b] = [await waiting(), await waiting()];
    const restore = await injectFailure(env.db, 'case_links', 'insert', `new.ref_id = ${b}`);
    const before = await fingerprint(env.db);
    try {
      const res = await env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
        alertIds: [a, b],
        newCase: { title: 'Half stored' },
      });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
      expect(await fingerprint(env.db)).toEqual(before);
      expect(await casesTitled('Half stored')).toEqual([]);
    } finally {
      await restore();
    }
    const again = await env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
      alertIds: [a, b],
      newCase: { title: 'Half stored' },
    });
    expect(again.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
  });

  it('confirms into an existing case what is still waiting, audited per alert', async () => {
    const [a, b] = [await waiting(), await waiting()];
    await dismiss(b);
    const kase = await env.api('analyst').post('/api/v1/cases', { title: 'Beacons' });
    const res = await env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
      alertIds: [a, b, a],
      caseNumber: kase.body.number,
    });
    expect(res.body.caseNumber).toBe(kase.body.number);
    expect(res.body.results.map((r: { id: number; ok: boolean }) => [r.id, r.ok])).toEqual([
      [a, true],
      [b, false],
    ]);
    const confirmed = await env.db
      .selectFrom('auditEvents')
      .innerJoin('cases', 'cases.id', 'auditEvents.caseId')
      .select(['auditEvents.action', 'auditEvents.targetId'])
      .where('cases.number', '=', kase.body.number)
      .where('auditEvents.action', '=', 'alert.confirmed')
      .execute();
    expect(confirmed).toEqual([{ action: 'alert.confirmed', targetId: String(a) }]);
  });

  it('never leaves an empty case when triages race it over HTTP', async () => {
    const ids = [await waiting(), await waiting(), await waiting()];
    const [bulk] = await Promise.all([
      env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
        alertIds: ids,
        newCase: { title: 'Racing over HTTP' },
      }),
      ...ids.map((id) =>
        env.api('investigator').post(`/api/v1/alerts/${id}/dismiss`, {
          category: 'benign_true_positive',
          reason: 'Race',
        }),
      ),
    ]);
    expect(bulk.status).toBe(200);
    const won = bulk.body.results.filter((r: { ok: boolean }) => r.ok).length;
    const cases = await casesTitled('Racing over HTTP');
    expect(cases).toHaveLength(won > 0 ? 1 : 0);
    if (won > 0) {
      const kase = await env.api('viewer').get(`/api/v1/cases/${bulk.body.caseNumber}`);
      expect(kase.body.alertCount).toBe(won);
    }
  });
});
