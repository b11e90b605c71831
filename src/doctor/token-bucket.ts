// Client-side rate limiting for sweeps over many profiles: a token bucket that hands out at most `rate` tokens per
// second after an initial `burst`, first come first served. STS throttles per account and endpoint with a bucket
// of its own; staying under it is cheaper than being throttled and backing off.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private lastRefill: number;
  /** Callers wait in arrival order: each take() chains on the previous one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: number,
    readonly burst = 1,
    private readonly clock: Clock = realClock,
  ) {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number, not ${String(rate)}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, not ${String(burst)}`);
    this.tokens = burst;
    this.lastRefill = clock.now();
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.rate);
    this.lastRefill = now;
  }

  private async acquire(): Promise<void> {
    this.refill();
    while (this.tokens < 1) {
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
      this.refill();
    }
    this.tokens -= 1;
  }
}
