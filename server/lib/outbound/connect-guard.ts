import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddressReason } from './address-policy.ts';

/** Resolves a host name to its addresses; `dns.lookup` unless a test names another. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    );
  });

/** Thrown from the connect-time lookup when a name resolves to a refused address. */
export class RefusedAddressError extends Error {
  readonly code = 'CASEFILE_REFUSED_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'RefusedAddressError';
  }
}

/**
 * The `lookup` a socket connects with: it resolves the name and refuses the connection when any
 * address it resolved to is not public, unless the host is allow-listed. Checking here, at
 * connect time, and not only when the URL was saved, is what stops DNS rebinding: the address
 * judged is the address connected to. Literal addresses never reach a lookup; the URL check
 * judges them.
 */
export function guardedLookup(resolver: Resolver, isAllowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = found.filter((a) => family === 0 || a.family === family);
        if (addresses.length === 0) {
          const err = Object.assign(new Error(`${hostname} has no address`), {
            code: 'ENOTFOUND',
          });
          callback(err, '', 0);
          return;
        }
        if (!isAllowed) {
          for (const a of addresses) {
            const reason = refusedAddressReason(a.address);
            if (reason) {
              callback(new RefusedAddressError(`${hostname} resolves to ${reason}`), '', 0);
              return;
            }
          }
        }
        if (options.all) {
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        } else {
          const first = addresses[0]!;
          callback(null, first.address, first.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
