import { dig, docs, isDoc, str, type Doc } from './read.ts';

type Found = Array<[string, unknown]>;

/** OCSF observable types (by `type_id`, and by the `type` caption) that name an entity. */
const observableIds: Record<number, string> = {
  1: 'host',
  2: 'ip',
  3: 'mac',
  4: 'account',
  5: 'email',
  6: 'url',
  7: 'file',
  8: 'hash',
  9: 'process',
  10: 'resource',
};
const observableCaptions: Record<string, string> = {
  hostname: 'host',
  'ip address': 'ip',
  'mac address': 'mac',
  'user name': 'account',
  'email address': 'email',
  'url string': 'url',
  'file name': 'file',
  hash: 'hash',
  'process name': 'process',
  'resource uid': 'resource',
  'command line': 'command_line',
  'cve uid': 'cve',
};

const fileOf = (f: unknown): Found =>
  isDoc(f)
    ? [
        ['file', f.name],
        ['file_path', f.path],
        ...docs(f.hashes).map((h): [string, unknown] => ['hash', h.value]),
      ]
    : [];

const endpointOf = (e: unknown): Found =>
  isDoc(e)
    ? [
        ['host', e.hostname ?? e.name],
        ['ip', e.ip],
        ['domain', e.domain],
        ['mac', e.mac],
        ['instance', e.instance_uid],
      ]
    : [];

/** A user as entities: the account name, its uid (a SID, an id), the address. */
export const userEntities = (u: unknown): Found =>
  isDoc(u)
    ? [
        ['account', u.name],
        ['account', u.uid],
        ['email', u.email_addr],
      ]
    : [];

const processOf = (p: unknown): Found =>
  isDoc(p)
    ? [
        ['process', p.name],
        ['command_line', p.cmd_line],
        ...fileOf(p.file),
        ...userEntities(p.user),
        ...(isDoc(p.parent_process)
          ? [['process', p.parent_process.name] as [string, unknown]]
          : []),
      ]
    : [];

const urlOf = (u: unknown): Found =>
  isDoc(u)
    ? [
        ['url', u.url_string],
        ['domain', u.hostname],
      ]
    : [];

/** What one object of the finding (the finding itself, or one of its evidences) names. */
function objectEntities(o: Doc): Found {
  return [
    ...endpointOf(o.device),
    ...endpointOf(o.src_endpoint),
    ...endpointOf(o.dst_endpoint),
    ...userEntities(o.user),
    ...userEntities(dig(o, 'actor.user')),
    ...processOf(dig(o, 'actor.process')),
    ...processOf(o.process),
    ...fileOf(o.file),
    ...urlOf(o.url),
    ...urlOf(dig(o, 'http_request.url')),
    ['domain', dig(o, 'query.hostname')],
    ['email', dig(o, 'email.from')],
    ...(Array.isArray(dig(o, 'email.to'))
      ? (dig(o, 'email.to') as unknown[]).map((t): [string, unknown] => ['email', t])
      : []),
  ];
}

/**
 * Every entity an OCSF finding names: its observables, resources (uids such as ARNs, and
 * names), evidences, device, endpoints, actor (user and process), file (name, path, hashes),
 * URLs, domains and the CVEs of its vulnerabilities.
 */
export function ocsfEntities(doc: Doc): Found {
  const observables = docs(doc.observables).map((o): [string, unknown] => {
    const caption = str(o.type)?.toLowerCase();
    const type =
      (caption ? observableCaptions[caption] : undefined) ??
      (typeof o.type_id === 'number' ? observableIds[o.type_id] : undefined);
    return [type ?? '', type ? o.value : undefined];
  });
  const resources = docs(doc.resources).flatMap((r): Found => [
    ['resource', r.uid],
    ['resource', r.name],
  ]);
  const vulnerabilities = docs(doc.vulnerabilities).flatMap((v): Found => [
    ['cve', dig(v, 'cve.uid')],
    ...docs(v.affected_packages).map((p): [string, unknown] => ['package', p.name]),
  ]);
  return [
    ...objectEntities(doc),
    ...docs(doc.evidences).flatMap(objectEntities),
    ...resources,
    ...vulnerabilities,
    ...observables,
  ];
}
