import { dig, docs, isDoc, str, strs, type Doc } from './read.ts';

const severities: Record<string, string> = {
  informational: 'informational',
  low: 'low',
  medium: 'medium',
  high: 'high',
};
/**
 * Graph alerts carry no risk score of their own: when the alert has none, one from the severity
 * keeps the queue sortable (informational 10, low 30, medium 60, high 85; unknown 50).
 */
export const graphScores: Record<string, number> = {
  informational: 10,
  low: 30,
  medium: 60,
  high: 85,
};

/** Ours from the Graph severity; `unknown` (or a new word) is medium, the word kept. */
export function graphSeverity(word: string | undefined) {
  if (word === undefined) return {};
  const ours = severities[word.toLowerCase()];
  return ours ? { severity: ours } : { severity: 'medium', sourceSeverity: word };
}

/** status, classification and determination as the source set them, blanks and `unknown` left out. */
export const graphStatus = (...words: unknown[]) =>
  words
    .map(str)
    .filter((w) => w !== undefined && w !== 'unknown' && w !== 'unknownFutureValue')
    .join(' · ') || undefined;

type Found = Array<[string, unknown]>;

/** The evidence type without its namespace: `processEvidence`, `userEvidence`... */
export const evidenceKind = (e: Doc) =>
  (typeof e['@odata.type'] === 'string' ? e['@odata.type'] : '').replace(
    /^#?microsoft\.graph\.security\./,
    '',
  );

const fileOf = (f: unknown): Found =>
  isDoc(f)
    ? [
        ['file', f.fileName],
        ['file_path', f.filePath],
        ['hash', f.sha256],
        ['hash', f.sha1],
        ['hash', f.md5],
      ]
    : [];

const accountOf = (a: unknown): Found =>
  isDoc(a)
    ? [
        ['account', a.userPrincipalName ?? a.accountName],
        ['account', a.userSid],
        ['account', a.azureAdUserId],
      ]
    : [];

const senderOf = (s: unknown): Found => (isDoc(s) ? [['email', s.emailAddress]] : []);

/** What one piece of Graph v2 evidence names, by its type. */
export function evidenceEntities(e: Doc): Found {
  switch (evidenceKind(e)) {
    case 'deviceEvidence':
      return [
        ['host', e.deviceDnsName ?? e.hostName],
        ...strs(e.ipInterfaces).map((ip): [string, unknown] => ['ip', ip]),
        ['device_id', e.mdeDeviceId],
        ['device_id', e.azureAdDeviceId],
        ...docs(e.loggedOnUsers).map((u): [string, unknown] => ['account', u.accountName]),
      ];
    case 'ipEvidence':
      return [['ip', e.ipAddress]];
    case 'urlEvidence':
      return [['url', e.url]];
    case 'fileEvidence':
      return [...fileOf(e.fileDetails), ['device_id', e.mdeDeviceId]];
    case 'processEvidence':
      return [
        ['process', dig(e, 'imageFile.fileName')],
        ['command_line', e.processCommandLine],
        ...fileOf(e.imageFile),
        ['process', dig(e, 'parentProcessImageFile.fileName')],
        ...accountOf(e.userAccount),
        ['device_id', e.mdeDeviceId],
      ];
    case 'registryKeyEvidence':
    case 'registryValueEvidence':
      return [
        ['registry_key', [e.registryHive, e.registryKey].filter(Boolean).join('\\')],
        ['registry_value', e.registryValueName],
        ['device_id', e.mdeDeviceId],
      ];
    case 'cloudApplicationEvidence':
      return [
        ['cloud_app', e.displayName],
        ['cloud_app', e.instanceName],
      ];
    case 'oauthApplicationEvidence':
      return [
        ['cloud_app', e.displayName],
        ['app_id', e.appId],
      ];
    case 'mailboxEvidence':
      return [['mailbox', e.primaryAddress], ...accountOf(e.userAccount)];
    case 'analyzedMessageEvidence':
      return [
        ...senderOf(e.p1Sender),
        ...senderOf(e.p2Sender),
        ...strs(e.recipientEmailAddress).map((r): [string, unknown] => ['email', r]),
        ['email_subject', e.subject],
        ['message_id', e.networkMessageId],
        ['message_id', e.internetMessageId],
        ['ip', e.senderIp],
        ...strs(e.urls).map((u): [string, unknown] => ['url', u]),
      ];
    case 'userEvidence':
      return accountOf(e.userAccount);
    case 'securityGroupEvidence':
      return [['group', e.displayName]];
    case 'azureResourceEvidence':
      return [['resource', e.resourceId]];
    case 'amazonResourceEvidence':
      return [['resource', e.amazonResourceId]];
    case 'googleCloudResourceEvidence':
      return [['resource', e.fullResourceName]];
    default:
      return [];
  }
}
