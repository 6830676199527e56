import { describe, expect, it } from 'vitest';
import { AlertIn } from '../../../../contract/alerts.ts';
import { fromOcsf } from './ocsf.ts';
import { Refusal, time } from './read.ts';
import * as s from './samples/ocsf.ts';

const read = (doc: Record<string, unknown>) => {
  const { settledAtSource, ...input } = fromOcsf(doc, 'ocsf');
  return { alert: AlertIn.parse(input), settledAtSource };
};
const types = (doc: Record<string, unknown>) =>
  read(doc).alert.entities.map((e) => `${e.type}:${e.value}`);

describe('OCSF adapter', () => {
  it('reads every finding class, with the source status kept', () => {
    const cases: Array<[Record<string, unknown>, string, string, string | undefined]> = [
      [s.ocsfFinding, 'f-2a9d1c7e', 'Sensitive files copied to USB', 'New'],
      [
        s.ocsfCloudDetection,
        'arn:aws:guardduty:eu-west-1:123456789012:detector/12abc/finding/4ec6a7f1e8b0',
        'CryptoCurrency:EC2/BitcoinTool.B!DNS',
        'New',
      ],
      [s.ocsfLegacySecurityFinding, 'hids-99120', 'Credential dumping tool detected', 'New'],
      [
        s.ocsfVulnerability,
        'arn:aws:inspector2:eu-west-1:123456789012:finding/0f3b9b0e',
        'CVE-2024-3094 - xz-utils',
        'New',
      ],
      [
        s.ocsfComplianceFail,
        'prowler-aws-iam_root_mfa_enabled-210987654321-eu-west-1-root',
        'Ensure MFA is enabled for the root account',
        'New · FAIL',
      ],
      [s.ocsfIncident, 'inc-3319', 'Multi-stage intrusion on finance hosts', 'In Progress'],
      [s.ocsfDataSecurity, 'dlp-7781', 'Card numbers shared to a personal address', 'In Progress'],
    ];
    for (const [doc, externalId, title, sourceStatus] of cases)
      expect(read(doc).alert, externalId).toMatchObject({ externalId, title, sourceStatus });
  });

  it('reads a pre-1.1 Security Finding from finding{} with epoch seconds', () => {
    expect(read(s.ocsfLegacySecurityFinding).alert).toMatchObject({
      description: 'mimikatz.exe was written to disk and executed by a privileged account.',
      detectedAt: '2026-03-01T13:00:00.000Z',
      severity: 'high',
      sourceSeverity: 'Critical',
    });
  });

  it('takes entities from observables, resources, evidences, device, endpoints, actor, files and CVEs', () => {
    expect(types(s.ocsfCloudDetection)).toEqual(
      expect.arrayContaining([
        'resource:arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890',
        'resource:build-runner-7',
        'ip:10.0.4.21',
        'domain:pool.minexmr.example',
        'host:pool.minexmr.example',
        'account:AROAEXAMPLEROLEID1234',
      ]),
    );
    expect(types(s.ocsfLegacySecurityFinding)).toEqual(
      expect.arrayContaining([
        'host:SRV-FILE-02',
        'process:mimikatz.exe',
        'file_path:C:\\Users\\Public\\mimikatz.exe',
        'hash:92804faaab2175dc501d73e814663058c78c0a042675a8937266357bcfb96c50',
        'account:S-1-5-21-3623811015-3361044348-30300820-1013',
      ]),
    );
    expect(types(s.ocsfVulnerability)).toEqual(
      expect.arrayContaining(['cve:CVE-2024-3094', 'package:xz-utils', 'ip:10.0.8.14']),
    );
    expect(types(s.ocsfDataSecurity)).toEqual(
      expect.arrayContaining(['email:marta.r.1987@mail.example.net', 'domain:mail.example.net']),
    );
    expect(read(s.ocsfVulnerability).alert.riskScore).toBe(100);
  });

  it('takes a subject only from a person: an e-mail or a UPN-shaped name', () => {
    expect(read(s.ocsfFinding).alert.subject).toEqual({
      email: 'jane.doe@corp.example',
      name: 'Jane Doe',
      department: 'Finance',
    });
    expect(read(s.ocsfIncident).alert.subject).toEqual({
      upn: 'jane.doe@corp.example',
      name: 'Jane Doe',
    });
    expect(read(s.ocsfDataSecurity).alert.subject?.email).toBe('marta.ruiz@corp.example');
    // A role (System type), a SID, a service account: entities, never subjects.
    expect(read(s.ocsfCloudDetection).alert.subject).toBeUndefined();
    expect(read(s.ocsfLegacySecurityFinding).alert.subject).toBeUndefined();
    const sidOnly = {
      ...s.ocsfFinding,
      evidences: [{ user: { uid: 'S-1-5-21-1004', name: 'jdoe' } }],
    };
    expect(read(sidOnly).alert.subject).toBeUndefined();
  });

  it('falls back from severity_id to risk_level_id and the caption; Unknown and Other stay visible', () => {
    const sev = (patch: Record<string, unknown>) => {
      const { alert } = read({ ...s.ocsfFinding, severity: undefined, ...patch });
      return [alert.severity, alert.sourceSeverity];
    };
    expect(sev({ severity_id: 2 })).toEqual(['low', undefined]);
    expect(sev({ severity_id: 6 })).toEqual(['high', 'Fatal']);
    expect(sev({ severity_id: 0, risk_level_id: 1 })).toEqual(['low', 'Unknown']);
    expect(sev({ severity_id: 99, risk_level_id: undefined, severity: 'Critical' })).toEqual([
      'high',
      'Critical',
    ]);
    expect(sev({ severity_id: 99, risk_level_id: undefined })).toEqual(['medium', 'Other']);
    expect(read(s.ocsfDataSecurity).alert).toMatchObject({
      severity: 'medium',
      sourceSeverity: 'Unknown',
    });
  });

  it('settles a passed compliance check at the source; a failed one is a finding', () => {
    expect(read(s.ocsfCompliancePass).settledAtSource).toMatch(/compliance check passed/);
    expect(read(s.ocsfComplianceFail).settledAtSource).toBeUndefined();
    expect(read({ ...s.ocsfFinding, status_code: 'PASS' }).settledAtSource).toBeUndefined();
  });

  it('refuses any class that is not a finding, naming class_uid', () => {
    const refusal = (doc: Record<string, unknown>) => {
      try {
        fromOcsf(doc, 'ocsf');
      } catch (error) {
        return error instanceof Refusal ? [error.field, error.message] : undefined;
      }
      return undefined;
    };
    expect(refusal(s.ocsfAuthentication)).toEqual([
      'class_uid',
      expect.stringContaining('class_uid 3002 (Authentication) is not a finding'),
    ]);
    expect(
      refusal({ ...s.ocsfAuthentication, class_uid: 6003, class_name: 'API Activity' })?.[1],
    ).toContain('6003');
    expect(refusal({ ...s.ocsfFinding, class_uid: undefined })?.[1]).toBe(
      'class_uid is missing: send OCSF findings (class_uid 2001 to 2006)',
    );
  });

  it('reads +0000 offsets and epoch seconds or milliseconds, as numbers or digits', () => {
    for (const v of [
      '2026-03-01T10:00:00+0000',
      '2026-03-01T11:00:00+01',
      1772359200,
      1772359200000,
      '1772359200000',
    ])
      expect(time(v), String(v)).toBe('2026-03-01T10:00:00.000Z');
    expect(time('2026-03-01T10:00:00')).toBe('2026-03-01T10:00:00');
  });
});
