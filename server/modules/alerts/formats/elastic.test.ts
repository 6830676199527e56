import { describe, expect, it } from 'vitest';
import { AlertIn } from '../../../../contract/alerts.ts';
import { elasticDocuments, fromElastic } from './elastic.ts';
import { Refusal } from './read.ts';
import * as s from './samples/elastic.ts';

const read = (doc: Record<string, unknown>) =>
  AlertIn.parse(fromElastic(elasticDocuments(doc)![0]!, 'elastic'));
const found = (doc: Record<string, unknown>) =>
  read(doc).entities.map((e) => `${e.type}:${e.value}`);

describe('Elastic Security adapter', () => {
  it('reads 8.x alerts with dotted or nested keys, the workflow status kept', () => {
    expect(read(s.elasticAlert)).toMatchObject({
      title: 'Encoded PowerShell command',
      severity: 'high',
      sourceSeverity: 'critical',
      riskScore: 99,
      sourceStatus: 'open',
      subject: { email: 'lee.park@corp.example' },
    });
    expect(read(s.elasticNetwork)).toMatchObject({
      severity: 'high',
      detectedAt: '2026-03-06T02:14:09.000Z',
      sourceStatus: 'acknowledged',
    });
    expect(read(s.elasticLinux).detectedAt).toBe('2026-03-06T05:00:00.000Z');
  });

  it('titles from the rule name unless a rule-name override field is set', () => {
    expect(read(s.elasticNetwork).title).toBe('Cobalt Strike beacon: cdn.bad.example');
    expect(read(s.elasticLinux).title).toBe('Binary executed from /tmp');
  });

  it('names all addresses, related.*, URLs, DNS names, command lines and hashes', () => {
    expect(found(s.elasticNetwork)).toEqual(
      expect.arrayContaining([
        'ip:10.50.0.4',
        'ip:172.16.9.4',
        'ip:198.51.100.66',
        'url:https://cdn.bad.example/jquery-3.3.1.min.js',
        'domain:cdn.bad.example',
        'command_line:rundll32.exe C:\\ProgramData\\a.dll,Start',
      ]),
    );
    expect(found(s.elasticLinux)).toEqual(
      expect.arrayContaining([
        'hash:abababababababababababababababababababababababababababababababab',
        'hash:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd',
        'file_path:/tmp/.x/kworkerd',
        'account:root',
      ]),
    );
  });

  it('takes a subject only for a person: not SYSTEM, not a bare local user', () => {
    expect(read(s.elasticNetwork).subject).toBeUndefined();
    expect(read(s.elasticLinux).subject).toBeUndefined();
    expect(
      read({ ...s.elasticLinux, user: { name: 'kfox', domain: 'WS-9' } }).subject,
    ).toBeUndefined();
    expect(read(s.elasticSignalHit).subject).toEqual({ upn: 'kfox@corp.example' });
  });

  it('maps a 7.x signal from a search hit, its id from _id', () => {
    expect(read({ hits: { hits: [s.elasticSignalHit] } })).toMatchObject({
      externalId: s.elasticSignalHit._id,
      title: 'Certutil download',
      severity: 'medium',
      riskScore: 47,
      detectedAt: '2023-05-10T08:00:01.000Z',
      sourceStatus: 'open',
    });
    const bare = fromElastic(s.elasticSignalHit._source, 'elastic');
    expect(bare.externalId).toBe('7c3e1a2b-4d5f-6a7b-8c9d-0e1f2a3b4c5d:Xy12AbCdEfGh');
  });

  it('maps a raw Elastic Defend alert, its numeric severity in bands', () => {
    expect(read(s.elasticDefendAlert)).toMatchObject({
      externalId: 'NmQzY2M0ZjItYTRjOC00ZGQ0LWE2ZTAtNzBhZmU4M2Y',
      title: 'Malicious file - Detected - Emotet',
      severity: 'high',
      riskScore: 73,
      subject: { upn: 'elena.rossi@corp.example' },
    });
    expect(found(s.elasticDefendAlert)).toEqual(
      expect.arrayContaining([
        'hash:0123456789abcdef0123456789abcdef',
        'device_id:5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b',
      ]),
    );
    expect(
      read({ ...s.elasticDefendAlert, event: { ...s.elasticDefendAlert.event, severity: 90 } })
        .sourceSeverity,
    ).toBe('critical');
  });

  it('refuses a document of no Elastic alert shape, naming the fields looked for', () => {
    expect(() => fromElastic(s.elasticLogEvent, 'elastic')).toThrow(Refusal);
    expect(() => fromElastic(s.elasticLogEvent, 'elastic')).toThrow(
      /kibana\.alert\.uuid.*signal\.rule\.name.*event\.module/,
    );
    expect(elasticDocuments({ hits: { total: 0, hits: [] } })).toBeNull();
  });
});
