import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../config.ts';

/**
 * Fastify's `trustProxy` test: called for the connecting address (hop 0) and then each
 * `X-Forwarded-For` entry from the right; the client is the first address it does not trust.
 */
export type TrustFunction = (address: string, hop: number) => boolean;

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

function family(address: string): { address: string; type: 'ipv4' | 'ipv6' } | undefined {
  const mapped = IPV4_MAPPED.exec(address)?.[1];
  const plain = mapped ?? address;
  const version = isIP(plain);
  if (version === 0) return undefined;
  return { address: plain, type: version === 4 ? 'ipv4' : 'ipv6' };
}

function listOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const parsed = family(address);
    if (!parsed) continue;
    if (prefix === undefined) list.addAddress(parsed.address, parsed.type);
    else list.addSubnet(parsed.address, Number(prefix), parsed.type);
  }
  return list;
}

const contains = (list: BlockList, address: string): boolean => {
  const parsed = family(address);
  return parsed !== undefined && list.check(parsed.address, parsed.type);
};

/** Loopback, link-local and private (unique-local) ranges: where a proxy of ours may sit. */
const LOCAL = listOf([
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
]);

/**
 * What Fastify's `trustProxy` receives for the configured trust. Never Fastify's `true`, which
 * takes the left-most `X-Forwarded-For` entry: the one a client writes itself.
 */
export function trustProxyOption(trust: TrustProxy): false | TrustFunction {
  switch (trust.mode) {
    case 'off':
      return false;
    case 'hops':
      // Fastify no longer honours a bare number, since a hop count cannot tell a proxy from a
      // client that connects directly; it stays an explicit choice, with that caveat documented.
      return (_address, hop) => hop < trust.hops;
    case 'private-peer':
      // One proxy, and only when the connection comes from our side of the network: a client
      // connecting from the internet is taken at its own address, whatever it claims.
      return (address, hop) => hop === 0 && contains(LOCAL, address);
    case 'proxies': {
      const proxies = listOf(trust.addresses);
      return (address) => contains(proxies, address);
    }
  }
}
