/** How long to wait between reconnection attempts. */
export interface BackoffOptions {
  /** The delay ceiling of the first retry, in milliseconds (default 250). */
  readonly initialDelayMs: number;
  /** The largest delay ceiling, in milliseconds (default 10,000). */
  readonly maxDelayMs: number;
  /** How much the ceiling grows per failed attempt (default 2). */
  readonly multiplier: number;
  /**
   * The fraction of the ceiling that is randomised, 0..1 (default 0.5): a delay is drawn uniformly
   * from `[ceiling × (1 − jitter), ceiling]`, so clients dropped together do not return together.
   */
  readonly jitter: number;
}

/** The default reconnection policy: 250 ms doubling up to 10 s, half of it jittered. */
export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 0.5,
});

/**
 * The policy with `overrides` applied to the defaults.
 *
 * @throws RangeError for a non-positive delay or multiplier below 1, or jitter outside 0..1
 */
export function backoffOptions(overrides: Partial<BackoffOptions> = {}): BackoffOptions {
  const options = { ...DEFAULT_BACKOFF, ...overrides };
  if (!(options.initialDelayMs > 0) || !(options.maxDelayMs >= options.initialDelayMs)) {
    throw new RangeError("backoff delays must be positive, with maxDelayMs >= initialDelayMs");
  }
  if (!(options.multiplier >= 1)) throw new RangeError("backoff multiplier must be >= 1");
  if (!(options.jitter >= 0 && options.jitter <= 1)) throw new RangeError("backoff jitter must be within 0..1");
  return Object.freeze(options);
}

/** The delay ceiling of retry number `attempt` (0 for the first): exponential, capped. */
export function backoffCeiling(attempt: number, options: BackoffOptions): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** attempt);
}

/**
 * Exponential backoff with jitter and no limit on attempts: each {@link next} is longer (up to the
 * cap) until {@link reset}, which a connection calls once it is open again.
 */
export class Backoff {
  private attempts = 0;

  /** A backoff with the given policy; `random` returns numbers in [0, 1) (injectable for tests). */
  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.attempts;
  }

  /** The delay before the next attempt, in milliseconds. */
  next(): number {
    const ceiling = backoffCeiling(this.attempts, this.options);
    this.attempts += 1;
    return ceiling * (1 - this.options.jitter * this.random());
  }

  /** Starts over from the initial delay. */
  reset(): void {
    this.attempts = 0;
  }
}
