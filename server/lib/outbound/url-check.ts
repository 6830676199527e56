import ipaddr from 'ipaddr.js';
import { refusedAddressReason } from './address-policy.ts';

export type UrlVerdict =
  | { ok: true; url: URL; allowed: boolean }
  | { ok: false; failure: 'bad_url' | 'refused_address'; message: string };

/**
 * Whether an allow-list entry (`host` or `host:port`, exact, case-insensitive) names this URL's
 * host. An entry without a port allows that host on any port.
 */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.some((raw) => {
    const entry = raw.trim().toLowerCase();
    return entry === hostname || entry === host || entry === `${hostname}:${port}`;
  });
}

/** The host as an address when it is a literal one (`[::1]` without brackets), else null. */
export function literalAddress(url: URL): string | null {
  const h = url.hostname;
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null;
}

/**
 * The save-time and call-time check of a receiver's URL: http or https, no credentials, and a
 * literal address only when it is public or allow-listed. WHATWG parsing turns decimal, hex
 * and octal IPv4 forms (`http://2130706433/`, `http://0x7f.1/`) into dotted quads first, so
 * they are judged as the address they are. Host names are judged when they resolve, at connect
 * time (`postOutbound`), so that a name cannot be re-pointed after it was saved.
 */
export function checkOutboundUrl(input: string, allowHosts: readonly string[] = []): UrlVerdict {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, failure: 'bad_url', message: 'The URL is not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      ok: false,
      failure: 'bad_url',
      message: 'The URL must start with http:// or https://',
    };
  if (url.username || url.password)
    return {
      ok: false,
      failure: 'bad_url',
      message: 'The URL must not carry a user name or password',
    };
  if (!url.hostname) return { ok: false, failure: 'bad_url', message: 'The URL has no host' };
  const allowed = isAllowedHost(url, allowHosts);
  if (allowed) return { ok: true, url, allowed };
  const literal = literalAddress(url);
  if (literal) {
    const reason = refusedAddressReason(literal);
    if (reason)
      return {
        ok: false,
        failure: 'refused_address',
        message: `The URL points to a non-public address: ${reason}`,
      };
  }
  const name = url.hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost'))
    return {
      ok: false,
      failure: 'refused_address',
      message: `The URL points to this machine (${name})`,
    };
  return { ok: true, url, allowed };
}
