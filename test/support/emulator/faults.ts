// Fault injection, set per test: throttling by token bucket, 5xx bursts, latency, clock skew, disabled regions and
// connection resets. These are the failure modes stsctl's retry and diagnosis code has to survive.

export interface ThrottleFault {
  /** Tokens added per second. */
  readonly rate: number;
  /** Bucket size: how many requests may arrive at once. */
  readonly burst: number;
}

export interface Faults {
  readonly throttle?: ThrottleFault;
  /** The next `count` requests fail with 500 InternalFailure (default) or 503 ServiceUnavailable. */
  readonly serverError?: { readonly count: number; readonly status?: 500 | 503 };
  /** Delay before every answer. */
  readonly latencyMs?: number;
  /** Offset of the emulator's clock from the real one: the Date header and the signature-time check use it. */
  readonly clockSkewMs?: number;
  /** Credential-scope regions where STS is "not activated". */
  readonly regionDisabled?: readonly string[];
  /** The next `count` requests get their socket destroyed without an answer. */
  readonly connectionReset?: { readonly count: number };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class FaultState {
  private faults: Mutable<Faults> = {};
  private serverErrorsLeft = 0;
  private resetsLeft = 0;
  private tokens = 0;
  private lastRefill = 0;

  constructor(private readonly now: () => number) {}

  /** Merges: each key given replaces that fault (undefined removes it); counters and the bucket restart. */
  set(faults: Faults): void {
    for (const key of Object.keys(faults) as Array<keyof Faults>) {
      if (faults[key] === undefined) delete this.faults[key];
      else (this.faults as Record<string, unknown>)[key] = faults[key];
    }
    if ('serverError' in faults) this.serverErrorsLeft = faults.serverError?.count ?? 0;
    if ('connectionReset' in faults) this.resetsLeft = faults.connectionReset?.count ?? 0;
    if ('throttle' in faults) {
      this.tokens = faults.throttle?.burst ?? 0;
      this.lastRefill = this.now();
    }
  }

  clear(): void {
    this.faults = {};
    this.serverErrorsLeft = 0;
    this.resetsLeft = 0;
  }

  get current(): Faults {
    return { ...this.faults };
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  get clockSkewMs(): number {
    return this.faults.clockSkewMs ?? 0;
  }

  isRegionDisabled(region: string): boolean {
    return this.faults.regionDisabled?.includes(region) ?? false;
  }

  takeConnectionReset(): boolean {
    if (this.resetsLeft <= 0) return false;
    this.resetsLeft -= 1;
    return true;
  }

  /** Returns the status to fail with, if a server error is still pending. */
  takeServerError(): 500 | 503 | undefined {
    if (this.serverErrorsLeft <= 0) return undefined;
    this.serverErrorsLeft -= 1;
    return this.faults.serverError?.status ?? 500;
  }

  /** Token bucket: true when the request may pass (and spends a token), false when it is throttled. */
  takeThrottleToken(): boolean {
    const throttle = this.faults.throttle;
    if (!throttle) return true;
    const now = this.now();
    this.tokens = Math.min(throttle.burst, this.tokens + ((now - this.lastRefill) / 1000) * throttle.rate);
    this.lastRefill = now;
    // A hair of tolerance so float drift in the refill arithmetic never costs a whole token.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens -= 1;
    return true;
  }
}
