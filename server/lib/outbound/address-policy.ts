import ipaddr from 'ipaddr.js';

/**
 * Why an outbound call may not go to this address, or null when it may. Only globally routable
 * unicast addresses pass: a receiver named by a customer must not reach the server's own host,
 * its network, or a cloud metadata service (169.254.169.254) by way of a webhook.
 */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return refusedV4(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  // IPv4-mapped (::ffff:127.0.0.1), NAT64 (64:ff9b::10.0.0.1) and 6to4 (2002:0a00:0001::)
  // addresses reach an IPv4 host: judge the host they embed.
  const embedded = embeddedV4(v6);
  if (embedded) {
    const reason = refusedV4(embedded);
    return reason ? `${reason} (embedded in ${address})` : null;
  }
  const range = v6.range();
  return range === 'unicast' ? null : `${address} is a ${describe(range)} IPv6 address`;
}

function refusedV4(v4: ipaddr.IPv4): string | null {
  const range = v4.range();
  return range === 'unicast' ? null : `${v4.toString()} is a ${describe(range)} IPv4 address`;
}

function embeddedV4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = v6.range();
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052')
    return v4(p[6] ?? 0, p[7] ?? 0);
  if (range === '6to4') return v4(p[1] ?? 0, p[2] ?? 0);
  return null;
}

const names: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private',
  uniqueLocal: 'unique local',
  reserved: 'reserved or documentation',
  teredo: 'Teredo tunnel',
};
const describe = (range: string) => names[range] ?? `special-purpose (${range})`;
