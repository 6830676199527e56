import { describe, expect, it } from 'vitest';
import { FailureCounter, SignInThrottle } from './rate-limit.ts';

describe('failure counter', () => {
  it('blocks a key at its limit until its window ends', () => {
    const counter = new FailureCounter(2, 1000);
    counter.add('a', 0);
    expect(counter.blockedFor('a', 10)).toBe(0);
    counter.add('a', 100);
    expect(counter.blockedFor('a', 100)).toBe(900);
    expect(counter.blockedFor('a', 1000)).toBe(0);
    counter.add('a', 1000);
    expect(counter.blockedFor('a', 1000)).toBe(0);
  });

  it('holds a bounded number of keys, letting the oldest go first', () => {
    const counter = new FailureCounter(1, 60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) counter.add(key, 0);
    expect(counter.blockedFor('a', 1)).toBe(0);
    for (const key of ['b', 'c', 'd']) expect(counter.blockedFor(key, 1)).toBeGreaterThan(0);
  });
});

describe('sign-in throttle', () => {
  it('does not count a success against the address, and says how many minutes to wait', () => {
    const throttle = new SignInThrottle({
      failuresPerAccount: 5,
      failuresPerAddress: 2,
      windowMinutes: 1,
    });
    for (let i = 0; i < 10; i += 1) throttle.begin(`p${i}@example.com`, '10.0.0.1', 0).succeeded();
    throttle.begin('x@example.com', '10.0.0.1', 0);
    throttle.begin('y@example.com', '10.0.0.1', 0);
    expect(() => throttle.begin('z@example.com', '10.0.0.1', 30_000)).toThrow(
      'Too many failed sign-ins from this address; try again in 1 minute',
    );
    expect(() => throttle.begin('z@example.com', '10.0.0.2', 30_000)).not.toThrow();
  });
});
