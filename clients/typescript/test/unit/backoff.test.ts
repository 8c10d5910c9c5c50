import { describe, expect, it } from "vitest";
import { Backoff, backoffCeiling, backoffOptions, DEFAULT_BACKOFF } from "../../src/backoff.js";

describe("Backoff", () => {
  it("grows exponentially to the cap and never gives up", () => {
    const options = backoffOptions({ initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: 0 });
    const backoff = new Backoff(options);
    const delays = Array.from({ length: 50 }, () => backoff.next());
    expect(delays.slice(0, 6)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(delays.every((delay) => delay === 1_000 || delay < 1_000)).toBe(true);
    expect(backoff.attempt).toBe(50);
    expect(backoffCeiling(10_000, options)).toBe(1_000);
  });

  it("draws each delay within [ceiling × (1 − jitter), ceiling]", () => {
    const options = backoffOptions({ initialDelayMs: 200, maxDelayMs: 5_000, jitter: 0.5 });
    for (const random of [0, 0.25, 0.999999]) {
      const backoff = new Backoff(options, () => random);
      for (let attempt = 0; attempt < 12; attempt++) {
        const ceiling = backoffCeiling(attempt, options);
        const delay = backoff.next();
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeGreaterThanOrEqual(ceiling * 0.5);
      }
    }
    expect(new Backoff(options, () => 0).next()).toBe(200);
    expect(new Backoff(options, () => 0.5).next()).toBe(150);
  });

  it("spreads clients that dropped together", () => {
    const backoff = () => new Backoff(DEFAULT_BACKOFF);
    const firsts = new Set(Array.from({ length: 50 }, () => Math.round(backoff().next())));
    expect(firsts.size).toBeGreaterThan(10);
  });

  it("starts over after reset", () => {
    const backoff = new Backoff(backoffOptions({ jitter: 0 }));
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(DEFAULT_BACKOFF.initialDelayMs);
  });

  it("rejects policies that make no sense", () => {
    expect(() => backoffOptions({ initialDelayMs: 0 })).toThrow(RangeError);
    expect(() => backoffOptions({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
    expect(() => backoffOptions({ multiplier: 0.5 })).toThrow(RangeError);
    expect(() => backoffOptions({ jitter: 1.5 })).toThrow(RangeError);
    expect(() => backoffOptions({ jitter: Number.NaN })).toThrow(RangeError);
  });
});
