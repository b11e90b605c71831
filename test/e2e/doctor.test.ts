// stsctl doctor end to end: a healthy setup passes, and each problem fails its own check with its own exit code —
// a 20-minute clock skew (which the SDK silently corrects), environment keys overriding AWS_PROFILE, a denied
// role, a world-readable cache. --all-profiles sweeps under the emulator's throttling without being throttled.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, type RunOptions, type RunResult } from '../support/cli-runner.js';
import { aliceAndBobCredentials } from '../support/e2e-setup.js';
import { demo, startEmulator, type Emulator } from '../support/emulator/index.js';

const { alice, bob } = demo;

const credentials = aliceAndBobCredentials;

const config = `[profile alice]
region = eu-west-1

[profile bob-deploy]
role_arn = ${demo.roles.deploy.arn}
source_profile = bob
region = eu-west-1

[profile settings-only]
region = us-west-2
`;

interface DoctorDocument {
  readonly profile?: string;
  readonly account?: string;
  readonly region?: string;
  readonly exitCode: number;
  readonly checks: readonly { readonly id: string; readonly status: string; readonly summary: string; readonly exitCode?: number; readonly diagnosis?: { readonly category: string } }[];
}

function statusOf(document: DoctorDocument, id: string): string | undefined {
  return document.checks.find((check) => check.id === id)?.status;
}

describe('stsctl doctor', () => {
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

  it('passes every check for a working profile, and prints the account and region', async () => {
    const result = await run(['doctor', '--profile', 'alice']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^stsctl doctor: profile alice, account 111111111111, region eu-west-1/);
    for (const title of ['Config files', 'Profile chain', 'Environment', 'Credentials', 'Expiry', 'Clock', 'Region and endpoint', 'Cache directory']) {
      assert.match(result.stdout, new RegExp(`PASS {2}${title}`), title);
    }
    assert.match(result.stdout, /All checks pass\./);
    assert.doesNotMatch(result.stdout, new RegExp(alice.accessKeyId), 'access keys are masked');
  });

  it('catches a 20-minute clock skew that the SDK corrected silently', async () => {
    emulator.setFaults({ clockSkewMs: 20 * 60_000 });
    const result = await run(['doctor', '--profile', 'alice', '--json']);
    assert.equal(result.code, 4, result.stdout + result.stderr);
    const document = JSON.parse(result.stdout) as DoctorDocument;
    assert.equal(statusOf(document, 'credentials'), 'pass', 'the call itself worked after the SDK corrected the skew');
    assert.equal(statusOf(document, 'clock'), 'fail');
    assert.match(document.checks.find((check) => check.id === 'clock')?.summary ?? '', /2\d\.\d minutes behind AWS's|19\.\d minutes behind AWS's/);
    assert.equal(document.exitCode, 4);

    const text = await run(['doctor', '--profile', 'alice']);
    assert.match(text.stdout, /FAIL {2}Clock +This machine's clock is (19|20)\.\d minutes behind AWS's/);
    assert.match(text.stdout, /fix: Sync the clock/);
  });

  it('warns about a one-minute-and-a-half skew without failing', async () => {
    emulator.setFaults({ clockSkewMs: -90_000 });
    const result = await run(['doctor', '--profile', 'alice', '--json']);
    assert.equal(result.code, 0);
    assert.equal(statusOf(JSON.parse(result.stdout) as DoctorDocument, 'clock'), 'warn');
  });

  it('catches environment keys overriding AWS_PROFILE (the CLI and the SDKs would act as different users)', async () => {
    const result = await run(['doctor'], { env: { AWS_PROFILE: 'alice', AWS_ACCESS_KEY_ID: bob.accessKeyId, AWS_SECRET_ACCESS_KEY: bob.secretAccessKey } });
    assert.equal(result.code, 3, result.stdout + result.stderr);
    assert.match(result.stdout, /FAIL {2}Environment +AWS_ACCESS_KEY_ID and AWS_PROFILE=alice are both set/);
    assert.match(result.stdout, /fix: Pick one: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN/);
    assert.match(result.stdout, /PASS {2}Credentials +IAM user bob/, 'stsctl, like the AWS CLI, used the environment keys');
    assert.match(result.stdout, /exit code 3 \(configuration/);
  });

  it('catches AWS_DEFAULT_PROFILE and AWS_PROFILE disagreeing, and warns about AWS_REGION vs AWS_DEFAULT_REGION', async () => {
    const result = await run(['doctor', '--json'], { env: { AWS_PROFILE: 'alice', AWS_DEFAULT_PROFILE: 'bob-deploy', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' } });
    const document = JSON.parse(result.stdout) as DoctorDocument;
    const environment = document.checks.find((check) => check.id === 'environment');
    assert.equal(environment?.status, 'fail');
    assert.match(environment?.summary ?? '', /AWS_DEFAULT_PROFILE=bob-deploy and AWS_PROFILE=alice disagree/);
    assert.match(JSON.stringify(environment), /AWS_REGION=eu-west-1 and AWS_DEFAULT_REGION=us-east-1 disagree/);
  });

  it('fails the credentials check with the diagnosis of a denied role, and exits 5', async () => {
    const result = await run(['doctor', '--profile', 'bob-deploy', '--json']);
    assert.equal(result.code, 5, result.stdout + result.stderr);
    const document = JSON.parse(result.stdout) as DoctorDocument;
    const credentialsCheck = document.checks.find((check) => check.id === 'credentials');
    assert.equal(credentialsCheck?.status, 'fail');
    assert.equal(credentialsCheck?.diagnosis?.category, 'access-denied');
    assert.equal(statusOf(document, 'expiry'), 'skip');
  });

  it('fails on a cache directory other users can read', async () => {
    const home = await createTempHome();
    try {
      await mkdir(join(home.path, '.cache', 'stsctl'), { recursive: true, mode: 0o755 });
      const result = await run(['doctor', '--profile', 'alice'], { home });
      assert.equal(result.code, 3, result.stdout);
      assert.match(result.stdout, /FAIL {2}Cache directory +\S+stsctl has mode 0755: other users can list it\./);
      assert.match(result.stdout, /fix: chmod 700 /);
    } finally {
      await home.cleanup();
    }
  });

  it('reports a broken chain offline and skips the live checks', async () => {
    const result = await run(['doctor', '--profile', 'nope']);
    assert.equal(result.code, 3);
    assert.match(result.stdout, /FAIL {2}Profile chain +The profile 'nope'/);
    assert.match(result.stdout, /SKIP {2}Credentials/);
    assert.equal(emulator.requestCount(), 0);
  });

  describe('--all-profiles', () => {
    // Each profile gets its own session name: identical profiles would share cached role credentials, and this
    // suite is about the rate limiter, so every profile must make its own AssumeRole call.
    const sweepConfig = (count: number): string =>
      Array.from({ length: count }, (_, index) => {
        const name = `p${String(index).padStart(3, '0')}`;
        return `[profile ${name}]\nregion = eu-west-1\nsource_profile = alice\nrole_arn = ${demo.roles.deploy.arn}\nrole_session_name = sweep-${name}\n`;
      }).join('\n');

    it('checks every profile under the emulator\'s throttling (10/s, burst 10) with no throttling failure', async () => {
      // 20 role profiles (AssumeRole + GetCallerIdentity each) and 2 with keys: 42 STS requests against a bucket of 10
      // refilled at 10/s.
      emulator.setFaults({ throttle: { rate: 10, burst: 10 } });
      const result = await run(['doctor', '--all-profiles', '--rate', '9', '--concurrency', '8', '--json'], {
        config: `[profile alice]\nregion = eu-west-1\n\n${sweepConfig(20)}`,
        timeoutMs: 30_000,
      });
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { rows: { profile: string; status: string; account?: string }[]; throttled: number; counts: Record<string, number>; stsRequests: number };
      assert.equal(report.throttled, 0);
      assert.equal(report.counts['fail'], 0);
      assert.equal(report.counts['ok'], 22, 'alice, bob and the 20 role profiles');
      assert.equal(report.rows.find((row) => row.profile === 'p007')?.account, '222222222222');
      assert.equal(report.stsRequests, 42);
      assert.match(result.stderr, /checked 22\/22 profiles/, 'progress on stderr');
    });

    it('prints a table with status, account, principal and the diagnosis of failures; exits with the first failure\'s code', async () => {
      const result = await run(['doctor', '--all-profiles']);
      assert.equal(result.code, 5, result.stderr);
      const lines = result.stdout.split('\n');
      assert.match(lines[0] ?? '', /^PROFILE +STATUS +ACCOUNT +PRINCIPAL +DIAGNOSIS$/);
      assert.match(result.stdout, /alice +ok +111111111111 +IAM user alice/);
      // The account is the caller's, named in AWS's denial: bob's keys in 111111111111 were refused.
      assert.match(result.stdout, /bob-deploy +fail +111111111111 +- +access-denied: /);
      assert.match(result.stdout, /settings-only +skipped +- +- +no credentials of its own/);
      assert.match(result.stdout, /4 profiles in .* s: 2 ok, 0 warn, 1 failed, 1 skipped\./);
    });
  });
});
