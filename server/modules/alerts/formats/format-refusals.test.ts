import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../../testing/harness.ts';
import * as s from './samples.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());
const post = (format: string, body: unknown) =>
  env.api('ingest').post(`/api/v1/alerts/ingest/${format}`, body);
type Detail = { path: string; message: string };

describe('format ingestion over HTTP', () => {
  it('refuses a login event with a 400 naming class_uid, and stores nothing of the body', async () => {
    const before = await fingerprint(env.db);
    const res = await post('ocsf', [s.ocsfFinding, s.ocsfAuthentication]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.alerts.1.class_uid',
        message: expect.stringContaining('class_uid 3002 (Authentication) is not a finding'),
      }),
    ]);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('names the source field of a missing id, and of a document of no Elastic shape', async () => {
    const before = await fingerprint(env.db);
    const noId = {
      ...s.ocsfFinding,
      finding_info: { ...s.ocsfFinding.finding_info, uid: undefined },
    };
    const res = await post('ocsf', noId);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({
        path: 'body.alerts.0.externalId',
        message: 'finding_info.uid or finding.uid is missing',
      }),
    );
    const log = await post('elastic', s.elasticLogEvent);
    expect(log.status).toBe(400);
    expect((log.body.error.details as Detail[])[0]?.message).toMatch(
      /kibana\.alert\.uuid.*signal\.rule\.name/,
    );
    const noSeverity = await post('graph', { ...s.graphAlert, id: 'g-x', severity: undefined });
    expect((noSeverity.body.error.details as Detail[])[0]).toMatchObject({
      path: 'body.alerts.0.severity',
      message: 'severity is missing',
    });
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('answers a quiet Graph page or an empty search response with zero alerts', async () => {
    const before = await fingerprint(env.db);
    for (const [format, body] of [
      ['graph', { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata', value: [] }],
      ['elastic', { hits: { total: { value: 0 }, hits: [] } }],
    ] as const) {
      const res = await post(format, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ results: [], created: 0, duplicates: 0 });
    }
    expect(await fingerprint(env.db)).toEqual(before);
    expect((await post('ocsf', [])).status).toBe(400);
  });

  it('shows the source status, and files a passed compliance check dismissed, outside incidents', async () => {
    const res = await post('ocsf', [s.ocsfCompliancePass, s.ocsfComplianceFail]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [pass, fail] = res.body.results as Array<{ id: number; incidentId: number | null }>;
    const got = async (id: number) => (await env.api('viewer').get(`/api/v1/alerts/${id}`)).body;
    expect(await got(pass!.id)).toMatchObject({
      status: 'dismissed',
      incidentId: null,
      sourceStatus: 'New · PASS',
      triage: { by: null, category: 'other', reason: expect.stringContaining('passed') },
    });
    expect(await got(fail!.id)).toMatchObject({
      status: 'needs_review',
      incidentId: expect.any(Number),
      sourceStatus: 'New · FAIL',
      sourceSeverity: 'Critical',
      severity: 'high',
    });
    const queue = await env.api('viewer').get('/api/v1/alerts?status=needs_review&source=ocsf');
    expect(queue.body.items.map((a: { id: number }) => a.id)).toEqual([fail!.id]);
  });

  it('ingests every sample of every format, with its status and subject', async () => {
    const bodies: Array<[string, unknown, number]> = [
      [
        'ocsf',
        [
          s.ocsfCloudDetection,
          s.ocsfLegacySecurityFinding,
          s.ocsfVulnerability,
          s.ocsfDataSecurity,
          s.ocsfIncident,
        ],
        5,
      ],
      ['graph', { value: [s.graphPhish, s.graphProcess, s.graphCloudApp, s.graphV1Alert] }, 4],
      ['elastic', [s.elasticNetwork, s.elasticLinux, s.elasticDefendAlert], 3],
      ['elastic', { hits: { hits: [s.elasticSignalHit] } }, 1],
    ];
    for (const [format, body, created] of bodies) {
      const res = await post(format, body);
      expect(res.status, `${format}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.created).toBe(created);
    }
    const list = await env.api('viewer').get('/api/v1/alerts?source=graph&limit=10');
    const phish = list.body.items.find((a: { title: string }) => a.title.startsWith('Email'));
    expect(phish).toMatchObject({
      sourceStatus: 'resolved · truePositive · phishing',
      subject: { email: 'nina.berg@corp.example' },
    });
  });
});
