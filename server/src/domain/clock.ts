/** The clock is injected so deadline tests can pin it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void } {
  let t = new Date(at);
  return { now: () => new Date(t), set: (v) => (t = new Date(v)) };
}
