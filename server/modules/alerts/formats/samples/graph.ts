/** Microsoft Graph security alerts, written from the Graph v2 (and legacy v1) alert resources. */

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

const ev = (type: string, rest: Record<string, unknown>) => ({
  '@odata.type': `#microsoft.graph.security.${type}`,
  createdDateTime: '2026-03-03T07:41:09.01Z',
  verdict: 'suspicious',
  remediationStatus: 'none',
  roles: [],
  tags: [],
  ...rest,
});

/** Defender for Office 365: a phishing message, its sender, recipient mailbox and link. */
export const graphPhish = {
  id: 'fa2f5c0c8b-8e8f-4c7a-b2f1-5d2a7c1e0b33',
  providerAlertId: '8e8f4c7a-b2f1-5d2a-7c1e-0b33fa2f5c0c',
  incidentId: '31002',
  status: 'resolved',
  classification: 'truePositive',
  determination: 'phishing',
  severity: 'high',
  serviceSource: 'microsoftDefenderForOffice365',
  detectionSource: 'microsoftDefenderForOffice365',
  title: 'Email messages containing malicious URL removed after delivery',
  description: 'Emails with a malicious URL were delivered and later removed (ZAP).',
  category: 'InitialAccess',
  createdDateTime: '2026-03-03T07:41:09.01+0000',
  firstActivityDateTime: '2026-03-03T07:20:00Z',
  evidence: [
    ev('analyzedMessageEvidence', {
      networkMessageId: '1b0c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      internetMessageId: '<PH0PR11MB4885.namprd11.prod.outlook.com>',
      subject: 'Action required: your mailbox is almost full',
      senderIp: '203.0.113.201',
      recipientEmailAddress: 'nina.berg@corp.example',
      p1Sender: { emailAddress: 'it-support@corp-example.net', displayName: 'IT Support' },
      p2Sender: { emailAddress: 'helpdesk@corp-example.net', displayName: 'Helpdesk' },
      urls: ['https://corp-example.net/owa/login'],
      deliveryAction: 'delivered',
    }),
    ev('mailboxEvidence', {
      primaryAddress: 'nina.berg@corp.example',
      displayName: 'Nina Berg',
      userAccount: { accountName: 'nberg', userPrincipalName: 'nina.berg@corp.example' },
    }),
    ev('urlEvidence', { url: 'https://corp-example.net/owa/login' }),
    ev('userEvidence', {
      userAccount: {
        accountName: 'nberg',
        domainName: 'corp.example',
        userPrincipalName: 'nina.berg@corp.example',
        azureAdUserId: '0b1c2d3e-aaaa-bbbb-cccc-111122223333',
        displayName: 'Nina Berg',
      },
    }),
  ],
};

/** Defender for Endpoint: a persistence chain run as SYSTEM; no person, many entities. */
export const graphProcess = {
  id: 'da638451234567890123_-1234567890',
  incidentId: '31003',
  status: 'new',
  severity: 'high',
  classification: null,
  determination: null,
  serviceSource: 'microsoftDefenderForEndpoint',
  detectionSource: 'microsoftDefenderForEndpoint',
  title: 'Suspicious Run key persistence',
  description: 'A process added an autorun registry value pointing to a file in a temp folder.',
  createdDateTime: '2026-03-03T09:00:00Z',
  evidence: [
    ev('deviceEvidence', {
      deviceDnsName: 'ws-221.corp.example',
      mdeDeviceId: 'f1e2d3c4b5a69788796a5b4c3d2e1f0011223344',
      azureAdDeviceId: '9a8b7c6d-1111-2222-3333-444455556666',
      ipInterfaces: ['10.30.2.21', 'fe80::1c2d:3e4f:5a6b:7c8d'],
      loggedOnUsers: [{ accountName: 'akim', domainName: 'CORP' }],
      osPlatform: 'Windows11',
    }),
    ev('processEvidence', {
      processId: 7720,
      processCommandLine:
        'reg.exe add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /d C:\\Windows\\Temp\\upd.exe',
      imageFile: {
        fileName: 'reg.exe',
        filePath: 'C:\\Windows\\System32',
        sha1: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        sha256: '0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091',
      },
      parentProcessImageFile: { fileName: 'powershell.exe' },
      userAccount: { accountName: 'SYSTEM', domainName: 'NT AUTHORITY', userSid: 'S-1-5-18' },
      mdeDeviceId: 'f1e2d3c4b5a69788796a5b4c3d2e1f0011223344',
    }),
    ev('fileEvidence', {
      fileDetails: {
        fileName: 'upd.exe',
        filePath: 'C:\\Windows\\Temp',
        sha1: 'ffeeddccbbaa99887766554433221100ffeeddcc',
        sha256: '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
      },
      detectionStatus: 'detected',
    }),
    ev('registryValueEvidence', {
      registryHive: 'HKEY_CURRENT_USER',
      registryKey: 'Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      registryValueName: 'upd',
      registryValue: 'C:\\Windows\\Temp\\upd.exe',
      registryValueType: 'String',
    }),
    ev('userEvidence', {
      userAccount: { accountName: 'SYSTEM', domainName: 'NT AUTHORITY', userSid: 'S-1-5-18' },
    }),
  ],
};

/** Defender for Cloud Apps: mass download; the user has an account name and a DNS domain only. */
export const graphCloudApp = {
  id: 'ca5e1d2c3b4a-0f9e-8d7c-6b5a-4f3e2d1c0b9a',
  status: 'inProgress',
  classification: 'truePositive',
  determination: 'compromisedAccount',
  severity: 'unknown',
  riskScore: 72,
  serviceSource: 'microsoftDefenderForCloudApps',
  title: 'Mass download by a single user',
  description: 'A user downloaded 3,100 files from SharePoint Online in 12 minutes.',
  createdDateTime: '2026-03-04T13:05:30Z',
  evidence: [
    ev('cloudApplicationEvidence', {
      appId: 20892,
      displayName: 'Microsoft SharePoint Online',
      instanceName: 'SharePoint corp',
      saasAppId: 20892,
    }),
    ev('ipEvidence', { ipAddress: '192.0.2.44', countryLetterCode: 'NL' }),
    ev('userEvidence', {
      userAccount: {
        accountName: 'tomas.novak',
        domainName: 'corp.example',
        displayName: 'Tomas Novak',
      },
    }),
  ],
};

/** A legacy alert of the v1 API (`/security/alerts`), with *States and vendorInformation. */
export const graphV1Alert = {
  id: 'E1BE1F2A-5E6C-4D0F-9B7E-2A3C4D5E6F70',
  azureTenantId: '11111111-2222-3333-4444-555555555555',
  category: 'Malware',
  title: 'Malware detected on a device',
  description: 'Trojan:Win32/Wacatac was found and quarantined.',
  severity: 'medium',
  status: 'newAlert',
  feedback: null,
  riskScore: '64',
  eventDateTime: '2026-03-05T10:12:00Z',
  createdDateTime: '2026-03-05T10:13:10Z',
  vendorInformation: { provider: 'Microsoft Defender ATP', vendor: 'Microsoft' },
  hostStates: [{ fqdn: 'lt-0099.corp.example', privateIpAddress: '10.40.1.99' }],
  fileStates: [
    {
      name: 'invoice.exe',
      path: 'C:\\Users\\pvos\\Downloads',
      fileHash: {
        hashType: 'sha256',
        hashValue: '1111111111111111111111111111111111111111111111111111111111111111',
      },
    },
  ],
  userStates: [{ accountName: 'pvos', domainName: 'corp.example', logonIp: '10.40.1.99' }],
  networkConnections: [
    { destinationDomain: 'cdn.bad.example', destinationAddress: '198.51.100.66' },
  ],
};
