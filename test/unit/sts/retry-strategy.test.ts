// The SDK's retry strategy as stsctl configures it: throttled retries wait at least a second (with jitter), other
// retryable errors keep the SDK's short backoff, attempts are bounded, and every retry is narrated for --debug.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createSdkStsPort } from '../../../src/sts/sdk-adapter.js';
import {
  computeThrottledDelayMs,
  computeTransientDelayMs,
  createRetryStrategy,
  maximumRetryDelayMs,
  throttledBaseDelayMs,
} from '../../../src/sts/retry-strategy.js';
import { demo, startEmulator, type Emulator } from '../../support/emulator/index.js';

describe('throttled backoff', () => {
  it('never retries a throttled call sooner than one second, and doubles per retry', () => {
    assert.equal(throttledBaseDelayMs, 1000);
    assert.equal(computeThrottledDelayMs(0, () => 0), 1000);
    assert.equal(computeThrottledDelayMs(0, () => 0.999), 1999);
    assert.equal(computeThrottledDelayMs(1, () => 0), 2000);
    assert.equal(computeThrottledDelayMs(2, () => 0.5), 6000);
  });

  it('jitters: different random draws give different waits', () => {
    const draws = new Set([0.1, 0.4, 0.7].map((r) => computeThrottledDelayMs(0, () => r)));
    assert.equal(draws.size, 3);
  });

  it('caps every wait at 20 s', () => {
    assert.equal(computeThrottledDelayMs(10, () => 0.9), maximumRetryDelayMs);
    assert.equal(computeTransientDelayMs(30, () => 0.999_99) <= maximumRetryDelayMs, true);
  });

  it('keeps the short full-jitter backoff for other retryable errors', () => {
    assert.equal(computeTransientDelayMs(0, () => 0), 0);
    assert.equal(computeTransientDelayMs(0, () => 0.5), 50);
    assert.equal(computeTransientDelayMs(2, () => 0.5), 200);
  });

  it('is the SDK strategy: standard by default, adaptive on request', () => {
    assert.equal(createRetryStrategy().mode, 'standard');
    assert.equal(createRetryStrategy({ mode: 'legacy' }).mode, 'standard');
    assert.equal(createRetryStrategy({ mode: 'adaptive' }).mode, 'adaptive');
  });
});

describe('retries against the emulator', () => {
  let emulator: Emulator;
  const credentials = async () => ({ accessKeyId: demo.alice.accessKeyId, secretAccessKey: demo.alice.secretAccessKey });
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearRequests();
  });

  for (const retryMode of ['standard', 'adaptive'] as const) {
    it(`recovers from a short burst without an error (${retryMode})`, async () => {
      const lines: string[] = [];
      const port = createSdkStsPort(credentials, { region: 'us-east-1', endpoint: emulator.url, retryMode, debug: (line) => lines.push(line) });
      // A bucket of one token refilling at 1 token/s, hit by a burst of two calls: the second is throttled, and
      // its retry a second later finds a new token.
      emulator.setFaults({ throttle: { rate: 1, burst: 1 } });
      const started = Date.now();
      const identities = await Promise.all([port.getCallerIdentity(), port.getCallerIdentity()]);
      assert.deepEqual(identities.map((identity) => identity.account), [demo.alice.accountId, demo.alice.accountId]);
      assert.ok(Date.now() - started >= throttledBaseDelayMs - 50, 'the throttled retry waited at least the base');
      assert.equal(emulator.requestCount('GetCallerIdentity'), 3);
      const retry = lines.find((line) => line.startsWith('retry:'));
      assert.match(retry ?? '', /^retry: attempt 2 of 3 in 1\d{3} ms \(throttled; backoff from 1000 ms with jitter\)$/);
    });
  }

  it('ends a sustained storm after the configured attempts, with the attempts on the error', async () => {
    const lines: string[] = [];
    const port = createSdkStsPort(credentials, { region: 'us-east-1', endpoint: emulator.url, maxAttempts: 2, debug: (line) => lines.push(line) });
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    const started = Date.now();
    const error = (await port.getCallerIdentity().then(
      () => assert.fail('expected throttling'),
      (caught: unknown) => caught,
    )) as { name: string; $metadata?: { attempts?: number } };
    const elapsed = Date.now() - started;
    assert.equal(error.name, 'Throttling');
    assert.equal(error.$metadata?.attempts, 2);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 2, 'no retry loop on top of the SDK');
    assert.ok(elapsed >= 1000 && elapsed < 2500, `bounded: ${String(elapsed)} ms`);
    assert.equal(lines.filter((line) => line.startsWith('retry:')).length, 1);
  });

  it('retries a 5xx quickly, not with the throttling backoff', async () => {
    const lines: string[] = [];
    const port = createSdkStsPort(credentials, { region: 'us-east-1', endpoint: emulator.url, debug: (line) => lines.push(line) });
    emulator.setFaults({ serverError: { count: 1, status: 503 } });
    const started = Date.now();
    await port.getCallerIdentity();
    assert.ok(Date.now() - started < 900);
    assert.match(lines.find((line) => line.startsWith('retry:')) ?? '', /retry: attempt 2 of 3 in \d+ ms \(retryable error\)/);
  });

  it('makes exactly one attempt with maxAttempts 1', async () => {
    const port = createSdkStsPort(credentials, { region: 'us-east-1', endpoint: emulator.url, maxAttempts: 1 });
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    await assert.rejects(port.getCallerIdentity(), { name: 'Throttling' });
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1);
  });
});
