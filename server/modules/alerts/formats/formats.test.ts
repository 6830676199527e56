import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertIn } from '../../../../contract/alerts.ts';
import { fingerprint } from '../../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { elasticDocuments, fromElastic } from './elastic.ts';
import { fromGeneric } from './generic.ts';
import { fromGraph, graphDocuments } from './graph.ts';
import { fromOcsf } from './ocsf.ts';
import { atJsonPath, dig } from './read.ts';
import { elasticAlert, graphAlert, hrWebhook, ocsfFinding } from './samples.ts';

describe('format adapters', () => {
  it('reads an OCSF Detection Finding', () => {
    const alert = AlertIn.parse(fromOcsf(ocsfFinding, 'ocsf'));
    expect(alert).toMatchObject({
      source: 'ocsf',
      externalId: 'f-2a9d1c7e',
      title: 'Sensitive files copied to USB',
      severity: 'high',
      riskScore: 87,
      detectedAt: '2026-03-01T10:00:00.000Z',
      subject: { email: 'jane.doe@corp.example', name: 'Jane Doe', department: 'Finance' },
      entities: expect.arrayContaining([
        { type: 'host', value: 'LT-0042' },
        { type: 'ip', value: '10.20.30.40' },
        { type: 'file', value: 'forecast-q3.xlsx' },
        { type: 'account', value: 'jdoe' },
      ]),
    });
  });

  it('reads a Microsoft Graph security alert (v2) and a list response', () => {
    const alert = AlertIn.parse(fromGraph(graphAlert, 'defender'));
    expect(alert).toMatchObject({
      externalId: 'da637578995287051192_756343937',
      title: 'Suspicious execution of hidden file',
      severity: 'medium',
      detectedAt: '2026-03-01T09:15:02.778Z',
      subject: { upn: 'Omar.Khan@corp.example', name: 'Omar Khan' },
      entities: expect.arrayContaining([
        { type: 'host', value: 'tempdevice.corp.example' },
        { type: 'account', value: 'Omar.Khan@corp.example' },
        { type: 'ip', value: '203.0.113.17' },
      ]),
    });
    expect(graphDocuments({ value: [graphAlert, graphAlert] })).toHaveLength(2);
  });

  it('reads an Elastic Security alert with dotted or nested keys, and a search response', () => {
    const alert = AlertIn.parse(fromElastic(elasticAlert, 'elastic'));
    expect(alert).toMatchObject({
      title: 'Encoded PowerShell command',
      severity: 'high',
      riskScore: 99,
      detectedAt: '2026-03-01T11:02:30.000Z',
      subject: { email: 'lee.park@corp.example' },
    });
    expect(alert.entities).toContainEqual({ type: 'host', value: 'WS-117' });
    expect(alert.entities).toContainEqual({ type: 'ip', value: '10.1.2.3' });
    const nested = { kibana: { alert: { uuid: 'n-1', rule: { name: 'Nested' } } } };
    expect(dig(nested, 'kibana.alert.rule.name')).toBe('Nested');
    expect(elasticDocuments({ hits: { hits: [{ _source: elasticAlert }] } })).toEqual([
      elasticAlert,
    ]);
  });

  it('reads any JSON through a field mapping', () => {
    const mapping = {
      fields: {
        externalId: '$.data.case_ref',
        title: '$.data.summary',
        description: '$.data.details',
        severity: '$.data.level',
        riskScore: '$.data.score',
        detectedAt: '$.data.at',
        subjectEmail: '$.data.user.mail',
        subjectName: '$.data.user.displayName',
        subjectDepartment: '$.data.user.dept',
      },
      severityMap: { Sev1: 'high', Sev2: 'medium' },
    };
    const alert = AlertIn.parse(fromGeneric(hrWebhook, 'hr', mapping));
    expect(alert).toMatchObject({
      externalId: 'HR-2026-0117',
      severity: 'medium',
      riskScore: 74,
      detectedAt: '2026-03-02T15:40:00.000Z',
      subject: { email: 'ravi.patel@corp.example', name: 'Ravi Patel', department: 'Sales' },
    });
    expect(atJsonPath({ a: [{ b: 1 }] }, '$.a[0].b')).toBe(1);
  });
});

describe('format ingestion', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());
  const post = (format: string, body: unknown, query = '') =>
    env.api('ingest').post(`/api/v1/alerts/ingest/${format}${query}`, body);

  it('ingests each format once, idempotently', async () => {
    for (const [format, body] of [
      ['ocsf', [ocsfFinding]],
      ['graph', { value: [graphAlert] }],
      ['elastic', elasticAlert],
    ] as const) {
      const res = await post(format, body);
      expect(res.status, `${format}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.created).toBe(1);
      expect((await post(format, body)).body).toMatchObject({ created: 0, duplicates: 1 });
    }
    const list = await env.api('viewer').get('/api/v1/alerts?source=ocsf,graph,elastic');
    expect(list.body.items).toHaveLength(3);
  });

  it('ingests generic JSON through the mapping an admin stored, audited', async () => {
    const noMapping = await post('generic', hrWebhook, '?source=hr');
    expect(noMapping.status).toBe(400);
    expect(noMapping.body.error.details[0].path).toBe('query.source');
    const put = await env.api('admin').put('/api/v1/alert-mappings/hr', {
      fields: {
        externalId: '$.data.case_ref',
        title: '$.data.summary',
        severity: '$.data.level',
        detectedAt: '$.data.at',
        subjectEmail: '$.data.user.mail',
      },
      severityMap: { Sev2: 'medium' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.updatedBy.id).toBe(env.members.admin.id);
    expect((await env.api('admin').get('/api/v1/alert-mappings/hr')).body.fields.title).toBe(
      '$.data.summary',
    );
    const res = await post('generic', hrWebhook, '?source=hr');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(1);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', '=', 'alert_mapping.saved')
      .execute();
    expect(audit).toHaveLength(1);
    const badPath = await env
      .api('admin')
      .put('/api/v1/alert-mappings/x', { fields: { externalId: 'data.id', title: '$.t' } });
    expect(badPath.status).toBe(400);
  });

  it('refuses a body with any unreadable document whole, naming the source fields looked for', async () => {
    const before = await fingerprint(env.db);
    const broken = {
      ...ocsfFinding,
      severity_id: undefined,
      message: undefined,
      finding_info: { uid: 'f-x' },
    };
    const res = await post('ocsf', [
      { ...ocsfFinding, finding_info: { ...ocsfFinding.finding_info, uid: 'f-new' } },
      broken,
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'body.alerts.1.title',
          message:
            'finding_info.title, finding.title, vulnerabilities[0].title or message is missing',
        }),
      ]),
    );
    expect(await fingerprint(env.db)).toEqual(before);
    expect((await post('splunk', ocsfFinding)).status).toBe(400);
    expect((await env.api('viewer').post('/api/v1/alerts/ingest/ocsf', ocsfFinding)).status).toBe(
      403,
    );
  });
});
