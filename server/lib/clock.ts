/** The source of time for everything that records when something happened; tests replace it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  start: Date | string,
): Clock & { advance(ms: number): void; set(d: Date | string): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date | string) {
      t = new Date(d).getTime();
    },
  };
}

export const isoNow = (clock: Clock): string => clock.now().toISOString();

/** A deterministic clock that moves forward `stepMs` at every reading (tests). */
export function tickingClock(
  start: Date | string,
  stepMs = 1,
): Clock & { advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}
