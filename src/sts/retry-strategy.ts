// The retry strategy every STS client uses: the SDK's own StandardRetryStrategy (or AdaptiveRetryStrategy on
// request), plugged into the SDK's own retry middleware, so there is exactly one retry loop and it is the SDK's.
// What stsctl changes is the backoff after throttling: AWS advises a throttled base delay of at least one second
// (the SDKs have used 500 ms), because a retry inside the same one-second window only spends another token of a
// bucket that is already empty. Other retryable errors (5xx, resets, clock-skew correction) keep the SDK's short
// full-jitter backoff. Every retry and its delay is reported to the debug sink.
import { AdaptiveRetryStrategy, DEFAULT_MAX_ATTEMPTS, StandardRetryStrategy, type StandardRetryStrategyOptions } from '@smithy/core/retry';

export type RetryMode = 'standard' | 'adaptive';

/** Attempts per call, the first included, when nothing sets AWS_MAX_ATTEMPTS, max_attempts or --max-attempts. */
export const defaultMaxAttempts: number = DEFAULT_MAX_ATTEMPTS;

/** Smallest wait before retrying a throttled call; AWS's guidance for IAM and STS is at least 1000 ms. */
export const throttledBaseDelayMs = 1000;
/** Base for the other retryable errors: the SDK's public default. */
export const transientBaseDelayMs = 100;
/** No single wait is longer than this (the SDK's own cap). */
export const maximumRetryDelayMs = 20_000;

export interface RetryEvent {
  /** Number of the attempt about to be made (2 for the first retry). */
  readonly nextAttempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  readonly throttled: boolean;
}

/**
 * Wait before retry number `retryIndex + 1` after throttling: exponential from the base, jittered upwards so that
 * clients throttled together spread over the following window instead of returning in step, and never sooner
 * than the base. 1–2 s, then 2–4 s, 4–8 s…, capped at 20 s.
 */
export function computeThrottledDelayMs(retryIndex: number, random: () => number = Math.random, baseMs = throttledBaseDelayMs): number {
  const floor = Math.min(maximumRetryDelayMs, baseMs * 2 ** retryIndex);
  return Math.floor(Math.min(maximumRetryDelayMs, floor * (1 + random())));
}

/** The SDK's full-jitter backoff for non-throttling errors: uniform in [0, base × 2^i), capped. */
export function computeTransientDelayMs(retryIndex: number, random: () => number = Math.random, baseMs = transientBaseDelayMs): number {
  return Math.floor(random() * Math.min(maximumRetryDelayMs, baseMs * 2 ** retryIndex));
}

type Backoff = NonNullable<StandardRetryStrategyOptions['backoff']>;

/**
 * The SDK strategy calls setDelayBase() with its throttling base for THROTTLING errors and with the `baseDelay`
 * option (transientBaseDelayMs, set below) for every other retryable error, then computeNextBackoffDelay() right
 * after, synchronously: so the base received tells which kind of error is being retried.
 */
class ThrottleAwareBackoff implements Backoff {
  private delayBase = transientBaseDelayMs;

  constructor(
    private readonly maxAttempts: number,
    private readonly random: () => number,
    private readonly onRetry?: (event: RetryEvent) => void,
  ) {}

  setDelayBase(delayBase: number): void {
    this.delayBase = delayBase;
  }

  computeNextBackoffDelay(retryIndex: number): number {
    const throttled = this.delayBase !== transientBaseDelayMs;
    const delayMs = throttled
      ? computeThrottledDelayMs(retryIndex, this.random, Math.max(throttledBaseDelayMs, this.delayBase))
      : computeTransientDelayMs(retryIndex, this.random, this.delayBase);
    this.onRetry?.({ nextAttempt: retryIndex + 2, maxAttempts: this.maxAttempts, delayMs, throttled });
    return delayMs;
  }
}

export interface RetryStrategyOptions {
  readonly mode?: RetryMode | 'legacy';
  readonly maxAttempts?: number;
  /** One line per retry with its delay, for --debug. */
  readonly debug?: (line: string) => void;
  /** For tests: the jitter source. */
  readonly random?: () => number;
}

export type StsRetryStrategy = StandardRetryStrategy | AdaptiveRetryStrategy;

export function describeRetry(event: RetryEvent): string {
  const why = event.throttled ? `throttled; backoff from ${String(throttledBaseDelayMs)} ms with jitter` : 'retryable error';
  return `retry: attempt ${String(event.nextAttempt)} of ${String(event.maxAttempts)} in ${String(event.delayMs)} ms (${why})`;
}

/** The SDK retry strategy for an STS client; `legacy` (an SDK v2 mode the v3 SDK no longer has) means standard. */
export function createRetryStrategy(options: RetryStrategyOptions = {}): StsRetryStrategy {
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const debug = options.debug;
  const backoff = new ThrottleAwareBackoff(maxAttempts, options.random ?? Math.random, debug ? (event) => debug(describeRetry(event)) : undefined);
  const strategyOptions: StandardRetryStrategyOptions = { maxAttempts, baseDelay: transientBaseDelayMs, backoff };
  return options.mode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts, strategyOptions) : new StandardRetryStrategy(strategyOptions);
}
