import { graphScores, graphSeverity, graphStatus } from './graph-evidence.ts';
import { docs, entities, isDoc, personUpn, score, str, time, type Doc } from './read.ts';

/** A legacy Graph alert (v1, `/security/alerts`): vendorInformation and *States, no evidence. */
export const isGraphV1 = (doc: Doc) =>
  !Array.isArray(doc.evidence) &&
  (isDoc(doc.vendorInformation) ||
    ['hostStates', 'fileStates', 'userStates', 'networkConnections'].some((k) =>
      Array.isArray(doc[k]),
    ));

/**
 * A legacy v1 Graph alert as our alert input: the subject from userStates (UPN, else account
 * name and DNS domain of a person), entities from hostStates, fileStates, userStates,
 * networkConnections, processes and registryKeyStates.
 */
export function fromGraphV1(doc: Doc, source: string): Record<string, unknown> {
  const users = docs(doc.userStates);
  const person = users
    .map((u) => ({
      upn:
        personUpn(str(u.userPrincipalName), undefined) ??
        personUpn(str(u.accountName), str(u.domainName)),
      u,
    }))
    .find((p) => p.upn);
  const severity = graphSeverity(str(doc.severity));
  const status = graphStatus(doc.status, doc.feedback);
  return {
    source,
    externalId: str(doc.id),
    title: str(doc.title),
    description: str(doc.description) ?? '',
    ...severity,
    riskScore: score(doc.riskScore) ?? graphScores[severity.severity ?? ''] ?? 50,
    detectedAt: time(doc.eventDateTime) ?? time(doc.createdDateTime),
    ...(person ? { subject: { upn: person.upn } } : {}),
    ...(status ? { sourceStatus: status } : {}),
    entities: entities([
      ...docs(doc.hostStates).flatMap((h): Array<[string, unknown]> => [
        ['host', h.fqdn ?? h.netBiosName],
        ['ip', h.privateIpAddress],
        ['ip', h.publicIpAddress],
      ]),
      ...docs(doc.fileStates).flatMap((f): Array<[string, unknown]> => [
        ['file', f.name],
        ['file_path', f.path],
        ['hash', isDoc(f.fileHash) ? f.fileHash.hashValue : undefined],
      ]),
      ...users.flatMap((u): Array<[string, unknown]> => [
        ['account', u.userPrincipalName ?? u.accountName],
        ['ip', u.logonIp],
      ]),
      ...docs(doc.networkConnections).flatMap((n): Array<[string, unknown]> => [
        ['ip', n.sourceAddress],
        ['ip', n.destinationAddress],
        ['domain', n.destinationDomain],
        ['url', n.destinationUrl],
      ]),
      ...docs(doc.processes).flatMap((p): Array<[string, unknown]> => [
        ['process', p.name],
        ['command_line', p.commandLine],
      ]),
      ...docs(doc.registryKeyStates).map((r): [string, unknown] => [
        'registry_key',
        [r.hive, r.key].filter(Boolean).join('\\'),
      ]),
    ]),
    events: [],
    payload: doc,
  };
}
