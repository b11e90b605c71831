// Every failure a user meets, driven for real against the emulator: the exit code, the category of the diagnosis,
// and the profile / account / region printed beside it. Plus the retry behaviour: a short burst recovers, a storm
// ends in bounded time in the throttling diagnosis with the attempts made, and --debug shows each retry's delay.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli, type RunOptions, type RunResult } from '../support/cli-runner.js';
import { aliceAndBobCredentials } from '../support/e2e-setup.js';
import { demo, startEmulator, type Emulator } from '../support/emulator/index.js';

const { alice, bob } = demo;

const credentials = `${aliceAndBobCredentials}

[unknown-key]
aws_access_key_id = AKIAUNKNOWNEXAMPLE00
aws_secret_access_key = ${alice.secretAccessKey}

[wrong-secret]
aws_access_key_id = ${alice.accessKeyId}
aws_secret_access_key = ${bob.secretAccessKey}
`;

const config = `[profile alice]
region = eu-west-1

[profile unknown-key]
region = eu-west-1

[profile wrong-secret]
region = eu-west-1

[profile bob-deploy]
role_arn = ${demo.roles.deploy.arn}
source_profile = bob
region = eu-west-1

[profile patient]
region = eu-west-1
max_attempts = 2
aws_access_key_id = ${alice.accessKeyId}
aws_secret_access_key = ${alice.secretAccessKey}
`;

interface ErrorDocument {
  readonly error: {
    readonly category: string;
    readonly code?: string;
    readonly summary: string;
    readonly exitCode: number;
    readonly causes: readonly { readonly cause: string; readonly evidence: readonly string[] }[];
    readonly context: { readonly profile?: string; readonly account?: string; readonly region?: string; readonly attempts?: number };
  };
}

function parseError(result: RunResult): ErrorDocument['error'] {
  return (JSON.parse(result.stdout) as ErrorDocument).error;
}

describe('diagnosed failures, end to end', () => {
  let emulator: Emulator;
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

  const run = (args: readonly string[], options: RunOptions = {}): Promise<RunResult> => runCli(args, { emulator, config, credentials, ...options });

  /** Runs the command twice: as JSON for the category and context, as text for what a person sees on stderr. */
  async function expectDiagnosis(
    args: readonly string[],
    expected: { exitCode: number; category: string; region: string; account?: string; profile?: string; cause?: RegExp },
    options: RunOptions = {},
  ): Promise<void> {
    const json = await run([...args, '--json'], options);
    assert.equal(json.code, expected.exitCode, json.stdout + json.stderr);
    const diagnosis = parseError(json);
    assert.equal(diagnosis.category, expected.category);
    assert.equal(diagnosis.exitCode, expected.exitCode);
    assert.equal(diagnosis.context.region, expected.region);
    if (expected.profile) assert.equal(diagnosis.context.profile, expected.profile);
    if (expected.cause) {
      const text = diagnosis.causes.map((cause) => [cause.cause, ...cause.evidence].join(' ')).join('\n');
      assert.match(`${diagnosis.summary}\n${text}`, expected.cause);
    }

    const text = await run(args, options);
    assert.equal(text.code, expected.exitCode);
    assert.equal(text.stdout, '', 'a failure prints nothing on stdout');
    assert.match(text.stderr, new RegExp(`region ${expected.region}`));
    assert.match(text.stderr, expected.account ? new RegExp(expected.account) : /account unknown/);
    if (expected.profile) assert.match(text.stderr, new RegExp(`profile ${expected.profile}`));
  }

  it('unknown access key: invalid-credentials, exit 4', async () => {
    await expectDiagnosis(['whoami', '--profile', 'unknown-key'], { exitCode: 4, category: 'invalid-credentials', region: 'eu-west-1', profile: 'unknown-key' });
  });

  it('wrong secret: invalid-credentials, exit 4, the secret copied wrong as a cause', async () => {
    await expectDiagnosis(['whoami', '--profile', 'wrong-secret'], {
      exitCode: 4,
      category: 'invalid-credentials',
      region: 'eu-west-1',
      profile: 'wrong-secret',
      cause: /secret/i,
    });
  });

  it('a 20-minute clock skew with a single attempt: clock-skew, exit 4', async () => {
    emulator.setFaults({ clockSkewMs: 20 * 60_000 });
    await expectDiagnosis(['whoami', '--profile', 'alice', '--max-attempts', '1'], {
      exitCode: 4,
      category: 'clock-skew',
      region: 'eu-west-1',
      profile: 'alice',
      cause: /20 minutes/,
    });
  });

  it('expired session token: expired-credentials, exit 4', async () => {
    const session = emulator.issueSession({ expired: true });
    await expectDiagnosis(
      ['whoami'],
      { exitCode: 4, category: 'expired-credentials', region: 'eu-west-1' },
      { env: { AWS_ACCESS_KEY_ID: session.accessKeyId, AWS_SECRET_ACCESS_KEY: session.secretAccessKey, AWS_SESSION_TOKEN: session.sessionToken, AWS_REGION: 'eu-west-1' } },
    );
  });

  it('bob may not assume Deploy: access-denied, exit 5, naming the caller account and the role', async () => {
    await expectDiagnosis(['whoami', '--profile', 'bob-deploy'], {
      exitCode: 5,
      category: 'access-denied',
      region: 'eu-west-1',
      account: '111111111111',
      profile: 'bob-deploy',
      cause: /trust policy/,
    });
  });

  it('region disabled: region-disabled, exit 7, with the account AWS names', async () => {
    emulator.setFaults({ regionDisabled: ['ap-east-1'] });
    await expectDiagnosis(['whoami', '--profile', 'alice', '--region', 'ap-east-1'], {
      exitCode: 7,
      category: 'region-disabled',
      region: 'ap-east-1',
      account: '111111111111',
    });
  });

  it('connection refused: network, exit 7', async () => {
    await expectDiagnosis(
      ['whoami', '--profile', 'alice', '--max-attempts', '1'],
      { exitCode: 7, category: 'network', region: 'eu-west-1', cause: /refused|not running/i },
      { env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } },
    );
  });

  it('a sustained throttling storm ends within bounded time in the throttling diagnosis, with the attempts made', async () => {
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    const result = await run(['whoami', '--profile', 'alice', '--max-attempts', '2', '--json']);
    assert.equal(result.code, 6, result.stderr);
    const diagnosis = parseError(result);
    assert.equal(diagnosis.category, 'throttling');
    assert.equal(diagnosis.context.attempts, 2);
    assert.match(diagnosis.summary, /2 attempts/);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 2, 'the SDK retried once; nothing looped on top');
    assert.ok(result.durationMs < 6000, `bounded: ${String(result.durationMs)} ms`);
  });

  it('--debug shows each retry and its delay, never sooner than a second after throttling', async () => {
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    const result = await run(['whoami', '--profile', 'alice', '--max-attempts', '2', '--debug']);
    assert.equal(result.code, 6);
    const retry = /debug: retry: attempt 2 of 2 in (\d+) ms \(throttled; backoff from 1000 ms with jitter\)/.exec(result.stderr);
    assert.ok(retry, result.stderr);
    assert.ok(Number(retry[1]) >= 1000 && Number(retry[1]) < 2000);
    assert.match(result.stderr, /✗ Throttled/);
  });

  it('a short burst recovers without an error: the throttled caller backs off and gets the next token', async () => {
    // One token, refilled once a second, and two processes asking at the same moment.
    emulator.setFaults({ throttle: { rate: 1, burst: 1 } });
    const results = await Promise.all([
      run(['whoami', '--profile', 'alice', '--debug']),
      run(['whoami', '--profile', 'alice', '--debug']),
    ]);
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 3);
    assert.match(results.map((result) => result.stderr).join('\n'), /retry: attempt 2 of 3 in 1\d{3} ms \(throttled/);
  });

  it('honours AWS_MAX_ATTEMPTS and the profile\'s max_attempts', async () => {
    emulator.setFaults({ throttle: { rate: 0.001, burst: 0 } });
    const fromEnv = await run(['whoami', '--profile', 'alice', '--json'], { env: { AWS_MAX_ATTEMPTS: '1' } });
    assert.equal(fromEnv.code, 6);
    assert.equal(parseError(fromEnv).context.attempts, 1);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1);

    emulator.clearRequests();
    const fromProfile = await run(['whoami', '--profile', 'patient', '--json']);
    assert.equal(fromProfile.code, 6);
    assert.equal(parseError(fromProfile).context.attempts, 2);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 2);
  });

  it('adaptive retry mode (AWS_RETRY_MODE) also recovers from a burst', async () => {
    emulator.setFaults({ throttle: { rate: 1, burst: 1 } });
    const results = await Promise.all([
      run(['whoami', '--profile', 'alice'], { env: { AWS_RETRY_MODE: 'adaptive' } }),
      run(['whoami', '--profile', 'alice', '--retry-mode', 'adaptive']),
    ]);
    for (const result of results) assert.equal(result.code, 0, result.stderr);
  });
});
