import { describe, expect, it } from 'vitest';
import { refusedAddressReason } from './address-policy.ts';
import { checkOutboundUrl } from './url-check.ts';

/** Each refused URL, with the host WHATWG parsing leaves of it. */
const refused: [string, string][] = [
  ['http://127.0.0.1/', '127.0.0.1'],
  ['http://2130706433/', '127.0.0.1'],
  ['http://0x7f.1/', '127.0.0.1'],
  ['http://0x7f000001/', '127.0.0.1'],
  ['http://0177.0.0.1/', '127.0.0.1'],
  ['http://017700000001/', '127.0.0.1'],
  ['http://127.1/', '127.0.0.1'],
  ['http://10.0.0.1/', '10.0.0.1'],
  ['http://172.16.5.4/', '172.16.5.4'],
  ['http://192.168.1.1:8443/x', '192.168.1.1'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
  ['http://100.64.0.1/', '100.64.0.1'],
  ['http://224.0.0.1/', '224.0.0.1'],
  ['http://0.0.0.0/', '0.0.0.0'],
  ['http://0/', '0.0.0.0'],
  ['http://255.255.255.255/', '255.255.255.255'],
  ['http://240.0.0.1/', '240.0.0.1'],
  ['http://192.0.2.1/', '192.0.2.1'],
  ['http://198.51.100.7/', '198.51.100.7'],
  ['http://203.0.113.9/', '203.0.113.9'],
  ['http://[::1]/', '[::1]'],
  ['http://[::]/', '[::]'],
  ['http://[fc00::1]/', '[fc00::1]'],
  ['http://[fd12:3456::1]/', '[fd12:3456::1]'],
  ['http://[fe80::1]/', '[fe80::1]'],
  ['http://[ff02::1]/', '[ff02::1]'],
  ['http://[2001:db8::1]/', '[2001:db8::1]'],
  ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
  ['http://[::ffff:a9fe:a9fe]/', '[::ffff:a9fe:a9fe]'],
  ['http://[64:ff9b::10.0.0.1]/', '[64:ff9b::a00:1]'],
  ['http://[64:ff9b::127.0.0.1]/', '[64:ff9b::7f00:1]'],
  ['http://[2002:7f00:1::]/', '[2002:7f00:1::]'],
  ['http://localhost/', 'localhost'],
  ['http://LOCALHOST./', 'localhost.'],
  ['http://hooks.localhost/', 'hooks.localhost'],
];

describe('checkOutboundUrl', () => {
  for (const [input, host] of refused) {
    it(`refuses ${input}`, () => {
      expect(new URL(input).hostname).toBe(host);
      const verdict = checkOutboundUrl(input);
      expect(verdict).toMatchObject({ ok: false, failure: 'refused_address' });
      if (!verdict.ok) expect(verdict.message).toMatch(/non-public address|this machine/);
    });
  }

  it('accepts public names and addresses, including NAT64 of a public IPv4 address', () => {
    for (const url of [
      'https://hooks.example.com/casefile',
      'http://93.184.215.14:8080/in',
      'http://[2606:4700:4700::1111]/',
      'http://[64:ff9b::808:808]/',
      'http://[::ffff:8.8.8.8]/',
    ])
      expect(checkOutboundUrl(url), url).toMatchObject({ ok: true, allowed: false });
  });

  it('refuses other schemes, credentials and what is not a URL, with bad_url', () => {
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'example.com/hook',
      'http://user:secret@example.com/',
      'http://1.2.3.4.5/',
      '',
    ])
      expect(checkOutboundUrl(url), url).toMatchObject({ ok: false, failure: 'bad_url' });
  });

  it('lets an allow-listed host through, by exact name and port only', () => {
    const allow = ['127.0.0.1:9911', 'receiver.internal'];
    expect(checkOutboundUrl('http://127.0.0.1:9911/x', allow)).toMatchObject({
      ok: true,
      allowed: true,
    });
    expect(checkOutboundUrl('http://2130706433:9911/x', allow)).toMatchObject({ ok: true });
    expect(checkOutboundUrl('http://127.0.0.1:9912/x', allow)).toMatchObject({ ok: false });
    expect(checkOutboundUrl('http://127.0.0.2:9911/x', allow)).toMatchObject({ ok: false });
    expect(checkOutboundUrl('https://RECEIVER.internal:8443/', allow)).toMatchObject({
      ok: true,
      allowed: true,
    });
    expect(checkOutboundUrl('https://x.receiver.internal/', allow)).toMatchObject({
      ok: true,
      allowed: false,
    });
  });
});

describe('refusedAddressReason', () => {
  it('names the range of a refused address and passes public ones', () => {
    expect(refusedAddressReason('169.254.169.254')).toMatch(/link-local/);
    expect(refusedAddressReason('100.100.100.200')).toMatch(/carrier-grade NAT/);
    expect(refusedAddressReason('::ffff:10.1.2.3')).toMatch(/private.*embedded/);
    expect(refusedAddressReason('fd00::1')).toMatch(/unique local/);
    expect(refusedAddressReason('not-an-ip')).toMatch(/not an IP address/);
    expect(refusedAddressReason('1.1.1.1')).toBeNull();
    expect(refusedAddressReason('2a00:1450:4001::200e')).toBeNull();
  });
});
