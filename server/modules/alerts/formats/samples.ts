/** Realistic sample documents of each format, written from the public schemas, for tests. */

/** OCSF 1.x Detection Finding (class_uid 2004, category_uid 2). */
export const ocsfFinding = {
  activity_id: 1,
  activity_name: 'Create',
  category_uid: 2,
  category_name: 'Findings',
  class_uid: 2004,
  class_name: 'Detection Finding',
  type_uid: 200401,
  severity_id: 4,
  severity: 'High',
  status_id: 1,
  time: 1772359200000,
  message: 'Possible data exfiltration to removable media',
  risk_score: 87,
  risk_level_id: 3,
  metadata: {
    version: '1.3.0',
    uid: 'meta-7f1c',
    product: { name: 'Endpoint DLP', vendor_name: 'Example Security' },
  },
  finding_info: {
    uid: 'f-2a9d1c7e',
    title: 'Sensitive files copied to USB',
    desc: '214 files labelled Confidential copied to an unregistered USB drive',
    types: ['Data Exfiltration'],
    created_time: 1772359200000,
    analytic: { name: 'USB mass copy', type_id: 1 },
  },
  evidences: [
    {
      user: {
        name: 'jdoe',
        full_name: 'Jane Doe',
        email_addr: 'jane.doe@corp.example',
        uid: 'S-1-5-21-1004',
        org: { name: 'Corp', ou_name: 'Finance' },
      },
      device: { hostname: 'LT-0042', ip: '10.20.30.40', type_id: 3 },
      file: { name: 'forecast-q3.xlsx', size: 182044 },
    },
  ],
};

/** Microsoft Graph security alert (v2), as in GET /security/alerts_v2. */
export const graphAlert = {
  '@odata.type': '#microsoft.graph.security.alert',
  id: 'da637578995287051192_756343937',
  providerAlertId: 'da637578995287051192_756343937',
  incidentId: '28282',
  status: 'new',
  severity: 'medium',
  classification: null,
  determination: null,
  serviceSource: 'microsoftDefenderForEndpoint',
  detectionSource: 'antivirus',
  detectorId: 'e0da400f-affd-43ef-b1d5-afc2eb6f2756',
  title: 'Suspicious execution of hidden file',
  description: 'A hidden file has been launched. This activity could indicate a compromised host.',
  recommendedActions: 'Collect artifacts and determine scope',
  category: 'DefenseEvasion',
  alertWebUrl: 'https://security.microsoft.com/alerts/da637578995287051192_756343937',
  createdDateTime: '2026-03-01T09:15:02.7788469Z',
  lastUpdateDateTime: '2026-03-01T09:20:00.103Z',
  firstActivityDateTime: '2026-03-01T09:14:11.46Z',
  evidence: [
    {
      '@odata.type': '#microsoft.graph.security.deviceEvidence',
      createdDateTime: '2026-03-01T09:15:02.7788469Z',
      verdict: 'unknown',
      remediationStatus: 'none',
      deviceDnsName: 'tempdevice.corp.example',
      osPlatform: 'Windows10',
      mdeDeviceId: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
    },
    {
      '@odata.type': '#microsoft.graph.security.userEvidence',
      createdDateTime: '2026-03-01T09:15:02.7788469Z',
      verdict: 'unknown',
      userAccount: {
        accountName: 'omar',
        domainName: 'CORP',
        userSid: 'S-1-5-21-11111607-1111760036-109187956-75141',
        azureAdUserId: '6dc7e1f5-2d0e-4c7b-9a5e-1a2b3c4d5e6f',
        userPrincipalName: 'Omar.Khan@corp.example',
        displayName: 'Omar Khan',
      },
    },
    {
      '@odata.type': '#microsoft.graph.security.ipEvidence',
      createdDateTime: '2026-03-01T09:15:02.7788469Z',
      verdict: 'unknown',
      ipAddress: '203.0.113.17',
    },
  ],
};

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

/** A homegrown HR-risk webhook body, read through a stored mapping. */
export const hrWebhook = {
  data: {
    case_ref: 'HR-2026-0117',
    summary: 'Resignation notice followed by bulk download',
    details: 'User downloaded 1,204 files from SharePoint within 2 hours of resigning.',
    level: 'Sev2',
    score: '74',
    at: '2026-03-02T16:40:00+01:00',
    user: { mail: 'ravi.patel@corp.example', displayName: 'Ravi Patel', dept: 'Sales' },
  },
};
