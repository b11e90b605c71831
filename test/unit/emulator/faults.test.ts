// Fault injection and the request log: the bucket lets exactly `burst` requests through and refills at `rate`,
// server errors, disabled regions, latency and connection resets behave as configured, and every request is logged.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { callSigned, credentialsOf, readXmlTag } from './fixtures.js';

describe('fault injection', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => {
    emulator.clearFaults();
    emulator.clearRequests();
  });
  after(async () => {
    await emulator.close();
  });

  const alice = credentialsOf(demo.alice);
  const whoami = (): ReturnType<typeof callSigned> => callSigned(emulator, { Action: 'GetCallerIdentity' }, alice);

  it('throttles with a token bucket: burst requests pass, the next fails, the bucket refills at rate', async () => {
    // A hand-driven clock makes the bucket exact however slowly a loaded CI machine runs the requests.
    let clock = Date.now();
    const timed = await startEmulator({ now: () => clock });
    try {
      const call = async (): Promise<number> => (await callSigned(timed, { Action: 'GetCallerIdentity' }, alice)).status;
      timed.setFaults({ throttle: { rate: 2, burst: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push(await call());
      assert.deepEqual(statuses, [200, 200, 200, 400]);
      const throttled = await callSigned(timed, { Action: 'GetCallerIdentity' }, alice);
      assert.equal(readXmlTag(throttled.body, 'Code'), 'Throttling');
      assert.equal(readXmlTag(throttled.body, 'Message'), 'Rate exceeded');
      assert.equal(readXmlTag(throttled.body, 'Type'), 'Sender');
      clock += 499; // 2 tokens/s: not yet a whole token
      assert.equal(await call(), 400);
      clock += 1; // now exactly one
      assert.deepEqual([await call(), await call()], [200, 400]);
      clock += 10_000; // refills to the burst, never beyond
      const after: number[] = [];
      for (let i = 0; i < 4; i += 1) after.push(await call());
      assert.deepEqual(after, [200, 200, 200, 400]);
      assert.equal(timed.requests.filter((r) => r.errorCode === 'Throttling').length, 5);
    } finally {
      await timed.close();
    }
  });

  it('refills the bucket in real time', async () => {
    emulator.setFaults({ throttle: { rate: 20, burst: 1 } });
    await whoami();
    await sleep(120); // 20 tokens/s → at least one token back, capped at the burst of 1
    assert.equal((await whoami()).status, 200);
  });

  it('fails the next N requests with 500 InternalFailure or 503 ServiceUnavailable, Type Receiver', async () => {
    emulator.setFaults({ serverError: { count: 2 } });
    const first = await whoami();
    const second = await whoami();
    const third = await whoami();
    assert.deepEqual([first.status, second.status, third.status], [500, 500, 200]);
    assert.equal(readXmlTag(first.body, 'Code'), 'InternalFailure');
    assert.equal(readXmlTag(first.body, 'Type'), 'Receiver');
    emulator.setFaults({ serverError: { count: 1, status: 503 } });
    const unavailable = await whoami();
    assert.equal(unavailable.status, 503);
    assert.equal(readXmlTag(unavailable.body, 'Code'), 'ServiceUnavailable');
  });

  it('refuses disabled regions with RegionDisabledException', async () => {
    emulator.setFaults({ regionDisabled: ['ap-east-1'] });
    const answer = await callSigned(emulator, { Action: 'GetCallerIdentity' }, alice, { region: 'ap-east-1' });
    assert.equal(answer.status, 403);
    assert.equal(readXmlTag(answer.body, 'Code'), 'RegionDisabledException');
    assert.equal(
      readXmlTag(answer.body, 'Message'),
      'STS is not activated in this region for account:111111111111. Your account administrator can activate STS in this region using the IAM Console.',
    );
    assert.equal((await whoami()).status, 200);
  });

  it('delays answers by latencyMs', async () => {
    emulator.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await whoami();
    assert.ok(performance.now() - started >= 140);
  });

  it('resets connections without answering, and the SDK retry then succeeds', async () => {
    emulator.setFaults({ connectionReset: { count: 1 } });
    await assert.rejects(whoami());
    assert.equal((await whoami()).status, 200);
    emulator.setFaults({ connectionReset: { count: 1 } });
    const client = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials: alice, maxAttempts: 2 });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.equal(identity.Arn, demo.alice.arn);
    assert.deepEqual(
      emulator.requests.map((r) => r.status),
      [0, 200, 0, 200],
    );
  });

  it('logs every request, accepted or not, and counts them by action', async () => {
    await whoami();
    await callSigned(emulator, { Action: 'GetSessionToken' }, alice);
    await callSigned(emulator, { Action: 'AssumeRole', RoleArn: demo.roles.deploy.arn, RoleSessionName: 's1' }, credentialsOf(demo.bob));
    await fetch(emulator.url, { method: 'POST' });
    assert.equal(emulator.requestCount(), 4);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1);
    assert.equal(emulator.requestCount('AssumeRole'), 1);
    const denied = emulator.requests[2];
    assert.equal(denied?.status, 403);
    assert.equal(denied?.errorCode, 'AccessDenied');
    assert.equal(denied?.accessKeyId, demo.bob.accessKeyId);
    assert.equal(denied?.region, 'us-east-1');
    assert.equal(emulator.requests[3]?.errorCode, 'MissingAuthenticationToken');
    // The log is printed in failures, so it must never hold secrets.
    const logged = JSON.stringify(emulator.requests);
    for (const secret of emulator.secrets()) assert.ok(!logged.includes(secret));
  });
});
