// Real errors: the AWS SDK for JavaScript v3 talking to the local STS emulator (test/support/emulator), so the
// classifier sees exactly what the SDK throws — names, messages, $metadata — not hand-made imitations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { classify } from '../../../src/diagnostics/classify.js';
import type { Diagnosis, DiagnosisContext } from '../../../src/diagnostics/types.js';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const alice: Keys = { accessKeyId: demo.alice.accessKeyId, secretAccessKey: demo.alice.secretAccessKey };
const bob: Keys = { accessKeyId: demo.bob.accessKeyId, secretAccessKey: demo.bob.secretAccessKey };
const root: Keys = { accessKeyId: demo.root.accessKeyId, secretAccessKey: demo.root.secretAccessKey };

describe('classify: errors thrown by the AWS SDK against the STS emulator', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  function client(keys: Keys, region = 'us-east-1'): STSClient {
    return new STSClient({ region, endpoint: emulator.url, credentials: keys, maxAttempts: 1 });
  }

  async function diagnose(call: Promise<unknown>, context: DiagnosisContext = {}): Promise<Diagnosis> {
    try {
      await call;
    } catch (error) {
      return classify(error, context);
    }
    throw new Error('expected the call to fail');
  }

  const whoami = (keys: Keys, region?: string): Promise<unknown> => client(keys, region).send(new GetCallerIdentityCommand({}));
  const assume = (keys: Keys, roleArn: string, extra: { DurationSeconds?: number } = {}): Promise<unknown> =>
    client(keys).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'stsctl-test', ...extra }));

  it('unknown key → invalid credentials', async () => {
    const d = await diagnose(whoami({ accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x'.repeat(40) }));
    assert.deepEqual([d.category, d.code, d.exitCode], ['invalid-credentials', 'InvalidClientTokenId', 4]);
  });

  it('session key without its token → that cause first', async () => {
    const session = emulator.issueSession({ principal: 'bob' });
    const d = await diagnose(whoami({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey }), {
      accessKeyId: session.accessKeyId,
      hasSessionToken: false,
    });
    assert.equal(d.category, 'invalid-credentials');
    assert.match(d.causes[0]?.cause ?? '', /without their session token/);
  });

  it('wrong secret → invalid credentials (signature)', async () => {
    const d = await diagnose(whoami({ accessKeyId: alice.accessKeyId, secretAccessKey: 'y'.repeat(40) }));
    assert.deepEqual([d.category, d.code], ['invalid-credentials', 'SignatureDoesNotMatch']);
  });

  it('AssumeRole refused → access denied with both statements', async () => {
    const d = await diagnose(assume(bob, demo.roles.deploy.arn), { operation: 'AssumeRole' });
    assert.deepEqual([d.category, d.code, d.exitCode], ['access-denied', 'AccessDenied', 5]);
    assert.ok(d.nextSteps.some((s) => s.includes(`"AWS": "${demo.bob.arn}"`)));
    assert.ok(d.nextSteps.some((s) => s.includes(`"Resource": "${demo.roles.deploy.arn}"`)));
  });

  it('role that requires MFA, assumed without → MFA is a likely cause', async () => {
    const d = await diagnose(assume(alice, demo.roles.admin.arn), { operation: 'AssumeRole', callerArn: demo.alice.arn });
    assert.equal(d.category, 'access-denied');
    assert.ok(d.causes.some((c) => /requires MFA/.test(c.cause) && c.likelihood === 'medium'));
  });

  it('root → root cannot assume roles', async () => {
    const d = await diagnose(assume(root, demo.roles.deploy.arn));
    assert.match(d.summary, /root user/);
  });

  it('duration below the minimum → validation naming the parameter', async () => {
    const d = await diagnose(assume(alice, demo.roles.deploy.arn, { DurationSeconds: 600 }));
    assert.deepEqual([d.category, d.exitCode], ['validation', 8]);
    assert.match(d.summary, /durationSeconds/);
  });

  it('skewed clock → clock skew with the offset', async () => {
    emulator.setFaults({ clockSkewMs: 20 * 60_000 });
    try {
      const d = await diagnose(whoami(alice));
      assert.equal(d.category, 'clock-skew');
      assert.match(d.summary, /20 minutes behind/);
    } finally {
      emulator.clearFaults();
    }
  });

  it('disabled region, throttling and expired sessions', async () => {
    emulator.setFaults({ regionDisabled: ['ap-east-1'] });
    assert.equal((await diagnose(whoami(alice, 'ap-east-1'))).category, 'region-disabled');
    emulator.clearFaults();
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    const throttled = await diagnose(whoami(alice), { operation: 'GetCallerIdentity' });
    emulator.clearFaults();
    assert.deepEqual([throttled.category, throttled.exitCode], ['throttling', 6]);
    assert.match(throttled.summary, /^STS throttled/);
    const expired = emulator.issueSession({ expired: true });
    assert.equal((await diagnose(whoami(expired))).category, 'expired-credentials');
  });

  it('endpoint that refuses connections → network, pointing at the local override', async () => {
    const stopped = await startEmulator();
    const url = stopped.url;
    await stopped.close();
    const call = new STSClient({ region: 'us-east-1', endpoint: url, credentials: alice, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
    const d = await diagnose(call, { endpoint: url });
    assert.deepEqual([d.category, d.exitCode], ['network', 7]);
    assert.ok(d.nextSteps[0]?.includes('unset AWS_ENDPOINT_URL_STS'));
  });
});
