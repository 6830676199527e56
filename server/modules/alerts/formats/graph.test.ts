import { describe, expect, it } from 'vitest';
import { AlertIn } from '../../../../contract/alerts.ts';
import { fromGraph, graphDocuments } from './graph.ts';
import * as s from './samples/graph.ts';

const read = (doc: Record<string, unknown>) => AlertIn.parse(fromGraph(doc, 'defender'));
const found = (doc: Record<string, unknown>) =>
  read(doc).entities.map((e) => `${e.type}:${e.value}`);

describe('Microsoft Graph adapter', () => {
  it('reads alerts of several Defender products, with the source status', () => {
    expect(read(s.graphPhish)).toMatchObject({
      externalId: 'fa2f5c0c8b-8e8f-4c7a-b2f1-5d2a7c1e0b33',
      severity: 'high',
      riskScore: 85,
      detectedAt: '2026-03-03T07:41:09.010Z',
      sourceStatus: 'resolved · truePositive · phishing',
    });
    expect(read(s.graphProcess)).toMatchObject({ severity: 'high', sourceStatus: 'new' });
    expect(read(s.graphCloudApp)).toMatchObject({
      severity: 'medium',
      sourceSeverity: 'unknown',
      riskScore: 72,
      sourceStatus: 'inProgress · truePositive · compromisedAccount',
    });
  });

  it('names the entities of every evidence type', () => {
    expect(found(s.graphProcess)).toEqual(
      expect.arrayContaining([
        'host:ws-221.corp.example',
        'ip:10.30.2.21',
        'ip:fe80::1c2d:3e4f:5a6b:7c8d',
        'device_id:f1e2d3c4b5a69788796a5b4c3d2e1f0011223344',
        'process:reg.exe',
        'command_line:reg.exe add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /d C:\\Windows\\Temp\\upd.exe',
        'hash:0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091',
        'hash:ffeeddccbbaa99887766554433221100ffeeddcc',
        'file:upd.exe',
        'registry_key:HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
        'registry_value:upd',
        'account:S-1-5-18',
      ]),
    );
    expect(found(s.graphPhish)).toEqual(
      expect.arrayContaining([
        'email:it-support@corp-example.net',
        'email:nina.berg@corp.example',
        'email_subject:Action required: your mailbox is almost full',
        'message_id:1b0c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
        'mailbox:nina.berg@corp.example',
        'url:https://corp-example.net/owa/login',
        'ip:203.0.113.201',
      ]),
    );
    expect(found(s.graphCloudApp)).toEqual(
      expect.arrayContaining(['cloud_app:Microsoft SharePoint Online', 'ip:192.0.2.44']),
    );
  });

  it('takes the subject from the UPN, else account name and DNS domain of a person only', () => {
    expect(read(s.graphPhish).subject).toEqual({
      upn: 'nina.berg@corp.example',
      name: 'Nina Berg',
    });
    expect(read(s.graphCloudApp).subject).toEqual({
      upn: 'tomas.novak@corp.example',
      name: 'Tomas Novak',
    });
    expect(read(s.graphProcess).subject).toBeUndefined(); // NT AUTHORITY\SYSTEM
    const netbios = {
      ...s.graphCloudApp,
      evidence: [
        {
          ...s.graphCloudApp.evidence[2],
          userAccount: { accountName: 'tnovak', domainName: 'CORP' },
        },
      ],
    };
    expect(read(netbios).subject).toBeUndefined();
  });

  it('gives a score from the severity when the alert has none', () => {
    expect(read(s.graphAlert).riskScore).toBe(60);
    expect(read({ ...s.graphAlert, severity: 'informational' }).riskScore).toBe(10);
    expect(read({ ...s.graphAlert, severity: 'unknown' }).riskScore).toBe(60);
  });

  it('maps a legacy v1 alert from its states, never as v2', () => {
    expect(read(s.graphV1Alert)).toMatchObject({
      externalId: 'E1BE1F2A-5E6C-4D0F-9B7E-2A3C4D5E6F70',
      severity: 'medium',
      riskScore: 64,
      detectedAt: '2026-03-05T10:12:00.000Z',
      subject: { upn: 'pvos@corp.example' },
      sourceStatus: 'newAlert',
    });
    expect(found(s.graphV1Alert)).toEqual(
      expect.arrayContaining([
        'host:lt-0099.corp.example',
        'file:invoice.exe',
        'hash:1111111111111111111111111111111111111111111111111111111111111111',
        'domain:cdn.bad.example',
        'ip:198.51.100.66',
      ]),
    );
  });

  it('reads list responses; a quiet page is no documents', () => {
    expect(graphDocuments({ value: [s.graphAlert, s.graphPhish] })).toHaveLength(2);
    expect(graphDocuments({ '@odata.context': 'x', value: [] })).toBeNull();
    expect(graphDocuments([s.graphAlert])).toHaveLength(1);
  });
});
