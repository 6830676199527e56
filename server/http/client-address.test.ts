import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { trustProxyOption } from './client-address.ts';

/** The client address and protocol Fastify derives under a CASEFILE_TRUST_PROXY setting. */
async function seen(setting: string, remoteAddress: string, forwardedFor?: string, proto?: string) {
  const app = Fastify({
    trustProxy: trustProxyOption(loadConfig({ CASEFILE_TRUST_PROXY: setting }).trustProxy),
  });
  app.get('/', (req) => ({ ip: req.ip, protocol: req.protocol }));
  const res = await app.inject({
    method: 'GET',
    url: '/',
    remoteAddress,
    headers: {
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
      ...(proto === undefined ? {} : { 'x-forwarded-proto': proto }),
    },
  });
  await app.close();
  return res.json<{ ip: string; protocol: string }>();
}

describe('client address behind proxies', () => {
  it('believes no header when off', async () => {
    for (const setting of ['false', 'off', '0'])
      expect(await seen(setting, '10.0.0.1', '198.51.100.7', 'https')).toEqual({
        ip: '10.0.0.1',
        protocol: 'http',
      });
  });

  it('with true, takes the address a proxy on our side of the network saw, not a forged one', async () => {
    expect(await seen('true', '127.0.0.1', '6.6.6.6, 198.51.100.7', 'https')).toEqual({
      ip: '198.51.100.7',
      protocol: 'https',
    });
    expect((await seen('true', '10.0.0.2', '6.6.6.6, 10.0.0.5')).ip).toBe('10.0.0.5');
    expect((await seen('on', '::ffff:192.168.1.4', '198.51.100.7')).ip).toBe('198.51.100.7');
    expect((await seen('true', 'fd00::4', '2001:db8::7')).ip).toBe('2001:db8::7');
  });

  it('with true, takes a client connecting from the internet at its own address', async () => {
    expect(await seen('true', '198.51.100.9', '6.6.6.6', 'https')).toEqual({
      ip: '198.51.100.9',
      protocol: 'http',
    });
  });

  it('with a hop count, skips that many hops from the right', async () => {
    expect((await seen('2', '127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.3')).ip).toBe(
      '198.51.100.7',
    );
    expect((await seen('1', '127.0.0.1', '6.6.6.6, 198.51.100.7')).ip).toBe('198.51.100.7');
  });

  it('with a list, skips exactly the listed proxies', async () => {
    const setting = '127.0.0.1, 10.0.4.0/24';
    expect((await seen(setting, '10.0.4.9', '6.6.6.6, 198.51.100.7, 127.0.0.1')).ip).toBe(
      '198.51.100.7',
    );
    expect((await seen(setting, '10.0.5.1', '198.51.100.7')).ip).toBe('10.0.5.1');
    expect((await seen('2001:db8::/32', '2001:db8::1', '198.51.100.7')).ip).toBe('198.51.100.7');
  });

  it('refuses a setting it cannot read, naming the bad entry', () => {
    for (const [setting, problem] of [
      ['10.0.0.1, proxy.local', /"proxy.local" is not an address or CIDR range/],
      ['10.0.0.0/33', /"10.0.0.0\/33" is not an address or CIDR range/],
      ['50', /at most 20/],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ CASEFILE_TRUST_PROXY: setting });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(problem);
      expect((error as ConfigError).problems.join('\n')).toMatch(/CASEFILE_TRUST_PROXY/);
    }
  });
});
