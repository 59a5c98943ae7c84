import 'server-only';

import type { Clock } from './clock';

/** Parameters of a {@link Backoff}; all durations in milliseconds. */
export interface BackoffOptions {
  /** The first and smallest delay (client-go: 800 ms). */
  baseMs?: number;
  /** The largest delay (client-go: 30 s). */
  capMs?: number;
  /** After this long without a failure the sequence starts again (client-go: 2 min). */
  resetAfterMs?: number;
  /** A number in [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/** client-go's reflector parameters (reliability-security.md §2.2). */
export const REFLECTOR_BACKOFF: Required<Omit<BackoffOptions, 'random'>> = {
  baseMs: 800,
  capMs: 30_000,
  resetAfterMs: 120_000,
};

/**
 * Decorrelated-jitter backoff ("Exponential Backoff And Jitter", AWS Architecture Blog):
 * each delay is uniform in [base, 3 × previous delay], capped. Like client-go's
 * `ExponentialBackoffManager`, the sequence resets once the retry has stayed healthy for
 * `resetAfterMs`, so a source that has been healthy for 2 minutes retries quickly again.
 *
 * @see https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go
 */
export class Backoff {
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly resetAfterMs: number;
  private readonly random: () => number;
  private previousMs = 0;
  private lastFailureAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    opts: BackoffOptions = {},
  ) {
    this.baseMs = opts.baseMs ?? REFLECTOR_BACKOFF.baseMs;
    this.capMs = Math.max(this.baseMs, opts.capMs ?? REFLECTOR_BACKOFF.capMs);
    this.resetAfterMs = opts.resetAfterMs ?? REFLECTOR_BACKOFF.resetAfterMs;
    this.random = opts.random ?? Math.random;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  next(): number {
    const now = this.clock.now();
    // Healthy time counts from the retry, not from the failure that scheduled it.
    const retriedAt = (this.lastFailureAt ?? now) + this.previousMs;
    if (this.lastFailureAt !== undefined && now - retriedAt >= this.resetAfterMs) {
      this.previousMs = 0;
    }
    this.lastFailureAt = now;
    const upper = Math.max(this.baseMs, this.previousMs * 3);
    const delay = Math.min(this.capMs, this.baseMs + this.random() * (upper - this.baseMs));
    this.previousMs = delay;
    return delay;
  }

  /** Starts the sequence again at once (for example after an explicit restart). */
  reset(): void {
    this.previousMs = 0;
    this.lastFailureAt = undefined;
  }
}
