// The sweep's client-side rate limiter, on a fake clock: burst first, then exactly `rate` per second, in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket, type Clock } from '../../../src/doctor/token-bucket.js';

function fakeClock(): Clock & { readonly slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

async function timesOfTakes(bucket: TokenBucket, clock: Clock, count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: count }, () => bucket.take().then(() => times.push(clock.now()))));
  return times;
}

describe('TokenBucket', () => {
  it('lets the burst through at once, then one token per 1/rate seconds', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5, 2, clock);
    assert.deepEqual(await timesOfTakes(bucket, clock, 5), [0, 0, 200, 400, 600]);
  });

  it('spaces requests evenly with the default burst of one', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, undefined, clock);
    assert.deepEqual(await timesOfTakes(bucket, clock, 4), [0, 100, 200, 300]);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, 3, clock);
    await timesOfTakes(bucket, clock, 3);
    await clock.sleep(10_000);
    const start = clock.now();
    const times = await timesOfTakes(bucket, clock, 4);
    assert.deepEqual(times.map((t) => t - start), [0, 0, 0, 500]);
  });

  it('serves callers in arrival order', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1, 1, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => bucket.take().then(() => order.push(n))));
    assert.deepEqual(order, [1, 2, 3]);
  });

  it('holds a sustained rate on the real clock', async () => {
    const bucket = new TokenBucket(50, 1);
    const started = performance.now();
    await Promise.all(Array.from({ length: 11 }, () => bucket.take()));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 195 && elapsed < 400, `10 intervals of 20 ms took ${String(elapsed)} ms`);
  });

  it('refuses a rate that is not positive', () => {
    assert.throws(() => new TokenBucket(0), RangeError);
    assert.throws(() => new TokenBucket(Number.NaN), RangeError);
  });
});
