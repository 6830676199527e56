import { dig, strs, type Doc } from './read.ts';

type Found = Array<[string, unknown]>;

const all = (doc: Doc, type: string, ...paths: string[]): Found =>
  paths.flatMap((p) => strs(dig(doc, p)).map((v): [string, unknown] => [type, v]));

/**
 * Every entity an Elastic alert names, with nested or dotted keys (and, in 7.x signals, under
 * `signal.original_event` too): hosts and all their addresses, the related.* lists, URLs, DNS
 * names, processes with their command lines and hashes, files with their hashes, accounts.
 */
export function elasticEntities(doc: Doc): Found {
  return [
    ...all(doc, 'host', 'host.name', 'host.hostname', 'related.hosts'),
    ...all(doc, 'ip', 'host.ip', 'source.ip', 'destination.ip', 'related.ip'),
    ...all(doc, 'url', 'url.full', 'url.original'),
    ...all(doc, 'domain', 'url.domain', 'destination.domain', 'dns.question.name'),
    ...all(doc, 'process', 'process.name', 'process.parent.name'),
    ...all(doc, 'command_line', 'process.command_line'),
    ...all(doc, 'file_path', 'process.executable', 'file.path'),
    ...all(doc, 'file', 'file.name'),
    ...all(
      doc,
      'hash',
      'process.hash.sha256',
      'process.hash.sha1',
      'process.hash.md5',
      'file.hash.sha256',
      'file.hash.sha1',
      'file.hash.md5',
      'related.hash',
    ),
    ...all(doc, 'account', 'user.name', 'user.target.name', 'related.user'),
    ...all(doc, 'email', 'user.email'),
    ...all(doc, 'device_id', 'agent.id'),
  ];
}
