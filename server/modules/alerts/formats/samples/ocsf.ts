/** OCSF findings (and one event that is not), written from the OCSF 1.x schema. */

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

/** A cloud threat detection (Detection Finding 1.1, as AWS Security Lake delivers GuardDuty): no person. */
export const ocsfCloudDetection = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  activity_id: 1,
  type_uid: 200401,
  severity_id: 3,
  severity: 'Medium',
  status_id: 1,
  status: 'New',
  time: 1772366400000,
  message: 'EC2 instance is querying a domain name associated with Bitcoin mining',
  metadata: {
    version: '1.1.0',
    uid: 'c4c6a7f1e8b0',
    product: { name: 'GuardDuty', vendor_name: 'AWS' },
  },
  finding_info: {
    uid: 'arn:aws:guardduty:eu-west-1:123456789012:detector/12abc/finding/4ec6a7f1e8b0',
    title: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
    desc: 'EC2 instance i-0a1b2c3d4e5f67890 is querying a domain name that is associated with Bitcoin-related activity.',
    created_time: 1772366400000,
    types: ['CryptoCurrency:EC2/BitcoinTool.B!DNS'],
  },
  cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: '123456789012' } },
  resources: [
    {
      uid: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890',
      name: 'build-runner-7',
      type: 'AwsEc2Instance',
    },
  ],
  actor: {
    user: {
      type_id: 3,
      type: 'System',
      uid: 'AROAEXAMPLEROLEID1234',
      name: 'build-runner-role',
    },
  },
  src_endpoint: { ip: '10.0.4.21', instance_uid: 'i-0a1b2c3d4e5f67890' },
  observables: [
    { name: 'query.hostname', type_id: 1, value: 'pool.minexmr.example' },
    { name: 'src_endpoint.ip', type: 'IP Address', type_id: 2, value: '10.0.4.21' },
  ],
  evidences: [{ query: { hostname: 'pool.minexmr.example', type: 'A' } }],
};

/** A pre-1.1 Security Finding (class_uid 2001) with `finding{}`, Critical, epoch seconds. */
export const ocsfLegacySecurityFinding = {
  class_uid: 2001,
  class_name: 'Security Finding',
  category_uid: 2,
  activity_id: 1,
  severity_id: 5,
  state_id: 1,
  state: 'New',
  time: 1772370000,
  metadata: { version: '1.0.0', product: { name: 'Host IDS', vendor_name: 'Example' } },
  finding: {
    uid: 'hids-99120',
    title: 'Credential dumping tool detected',
    desc: 'mimikatz.exe was written to disk and executed by a privileged account.',
    created_time: 1772370000,
    types: ['Credential Access'],
  },
  process: {
    name: 'mimikatz.exe',
    cmd_line: 'mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit',
    file: {
      name: 'mimikatz.exe',
      path: 'C:\\Users\\Public\\mimikatz.exe',
      hashes: [
        {
          algorithm_id: 3,
          value: '92804faaab2175dc501d73e814663058c78c0a042675a8937266357bcfb96c50',
        },
      ],
    },
    user: { name: 'CORP\\svc-backup', uid: 'S-1-5-21-3623811015-3361044348-30300820-1013' },
  },
  device: { hostname: 'SRV-FILE-02', ip: '10.20.1.12', uid: 'a7c2f1' },
};

/** A Vulnerability Finding (class_uid 2002), as Amazon Inspector writes it. */
export const ocsfVulnerability = {
  class_uid: 2002,
  class_name: 'Vulnerability Finding',
  category_uid: 2,
  activity_id: 1,
  severity_id: 5,
  severity: 'Critical',
  status_id: 1,
  time: 1772373600000,
  metadata: { version: '1.1.0', product: { name: 'Inspector', vendor_name: 'AWS' } },
  finding_info: {
    uid: 'arn:aws:inspector2:eu-west-1:123456789012:finding/0f3b9b0e',
    title: 'CVE-2024-3094 - xz-utils',
    desc: 'Malicious code was discovered in the upstream tarballs of xz, starting with 5.6.0.',
    created_time: 1772373600000,
  },
  vulnerabilities: [
    {
      title: 'CVE-2024-3094',
      cve: { uid: 'CVE-2024-3094', cvss: [{ version: '3.1', base_score: 10.0 }] },
      affected_packages: [{ name: 'xz-utils', version: '5.6.0-0.2' }],
    },
  ],
  resources: [
    {
      uid: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0fedcba9876543210',
      type: 'AwsEc2Instance',
    },
  ],
  device: { hostname: 'ip-10-0-8-14.eu-west-1.compute.internal', ip: '10.0.8.14' },
};

/** A compliance check, as Prowler writes OCSF (Detection Finding with compliance): passed. */
export const ocsfCompliancePass = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  activity_id: 1,
  severity_id: 2,
  severity: 'Low',
  status_id: 1,
  status: 'New',
  status_code: 'PASS',
  status_detail: 'Root account has MFA enabled.',
  time: 1772380800,
  metadata: { version: '1.2.0', product: { name: 'Prowler', vendor_name: 'Prowler' } },
  finding_info: {
    uid: 'prowler-aws-iam_root_mfa_enabled-123456789012-eu-west-1-root',
    title: 'Ensure MFA is enabled for the root account',
    desc: 'The root account is the most privileged user in an AWS account.',
    created_time_dt: '2026-03-01T16:00:00+0000',
  },
  compliance: { standards: ['CIS-2.0'], requirements: ['1.5'], status: 'Pass' },
  resources: [{ uid: 'arn:aws:iam::123456789012:root', name: 'root', type: 'AwsIamUser' }],
};

/** The same check failed on another account: a real finding. */
export const ocsfComplianceFail = {
  ...ocsfCompliancePass,
  severity_id: 5,
  severity: 'Critical',
  status_code: 'FAIL',
  status_detail: 'Root account has no MFA.',
  finding_info: {
    ...ocsfCompliancePass.finding_info,
    uid: 'prowler-aws-iam_root_mfa_enabled-210987654321-eu-west-1-root',
  },
  compliance: { standards: ['CIS-2.0'], requirements: ['1.5'], status: 'Fail' },
  resources: [{ uid: 'arn:aws:iam::210987654321:root', name: 'root', type: 'AwsIamUser' }],
};

/** A Data Security Finding (class_uid 2006), severity Unknown, `+0000` time string. */
export const ocsfDataSecurity = {
  class_uid: 2006,
  class_name: 'Data Security Finding',
  category_uid: 2,
  activity_id: 1,
  severity_id: 0,
  status_id: 2,
  time_dt: '2026-03-02T08:30:00.000+0000',
  metadata: { version: '1.3.0', product: { name: 'Cloud DLP', vendor_name: 'Example' } },
  finding_info: {
    uid: 'dlp-7781',
    title: 'Card numbers shared to a personal address',
    desc: '32 payment card numbers in an attachment sent outside the organisation.',
  },
  actor: {
    user: { name: 'Marta Ruiz', email_addr: 'marta.ruiz@corp.example', uid: '00u1a2b3c4' },
  },
  data_security: { category_id: 1, category: 'Financial', pattern_match: 'PAN' },
  file: {
    name: 'cards-export.csv',
    hashes: [{ algorithm_id: 2, value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }],
  },
  dst_endpoint: { domain: 'mail.example.net' },
  observables: [
    { name: 'email.to', type: 'Email Address', value: 'marta.r.1987@mail.example.net' },
  ],
};

/** An Incident Finding (class_uid 2005) grouping other findings. */
export const ocsfIncident = {
  class_uid: 2005,
  class_name: 'Incident Finding',
  category_uid: 2,
  activity_id: 1,
  severity_id: 4,
  status_id: 2,
  status: 'In Progress',
  time: 1772445600000,
  metadata: { version: '1.3.0', product: { name: 'XDR', vendor_name: 'Example' } },
  finding_info: {
    uid: 'inc-3319',
    title: 'Multi-stage intrusion on finance hosts',
    desc: 'Phishing, credential theft and lateral movement correlated into one incident.',
    created_time: 1772445600000,
  },
  finding_info_list: [{ uid: 'f-2a9d1c7e', title: 'Sensitive files copied to USB' }],
  assignee: { name: 'soc-tier2', email_addr: 'soc-tier2@corp.example', type_id: 3 },
  evidences: [{ user: { name: 'jane.doe@corp.example', full_name: 'Jane Doe' } }],
};

/** An Authentication event (class_uid 3002): activity, not a finding; refused. */
export const ocsfAuthentication = {
  class_uid: 3002,
  class_name: 'Authentication',
  category_uid: 3,
  activity_id: 1,
  severity_id: 1,
  status_id: 2,
  status: 'Failure',
  time: 1772449200000,
  metadata: { version: '1.1.0', uid: 'evt-1' },
  user: { name: 'jdoe', email_addr: 'jane.doe@corp.example' },
  src_endpoint: { ip: '198.51.100.9' },
};
