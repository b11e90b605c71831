// stsctl whoami end to end: the built binary, a temporary HOME, the local STS emulator.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli } from '../support/cli-runner.js';
import { aliceAndBobCredentials } from '../support/e2e-setup.js';
import { demo, startEmulator, type Emulator } from '../support/emulator/index.js';

const { alice, bob } = demo;

const credentials = aliceAndBobCredentials;

// x → y → alice: a three-deep source_profile chain ending in a role_arn (Deploy trusts the Ops role).
const config = `[profile alice]
region = us-east-1

[profile y]
role_arn = ${demo.roles.ops.arn}
source_profile = alice

[profile x]
role_arn = ${demo.roles.deploy.arn}
source_profile = y
region = eu-west-1

[profile bob-deploy]
role_arn = ${demo.roles.deploy.arn}
source_profile = bob
region = us-east-1
`;

describe('stsctl whoami', () => {
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

  it('follows a three-deep source_profile chain and prints the assumed-role identity and every link', async () => {
    const result = await runCli(['whoami', '--profile', 'x'], { emulator, config, credentials });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /assumed-role\/Deploy\//);
    assert.match(result.stdout, /Account\s+222222222222/);
    assert.match(result.stdout, /assumed role Deploy \(session /);
    assert.match(result.stdout, /Profile\s+x \(from --profile\)/);
    assert.match(result.stdout, /Region\s+eu-west-1 \(from .*config:11 \[x\]\)/);
    assert.match(result.stdout, /1\. static keys AKIA…0001 in profile alice/);
    assert.match(result.stdout, /2\. assume role arn:aws:iam::111111111111:role\/Ops \(profile y, source_profile alice\)/);
    assert.match(result.stdout, /3\. assume role arn:aws:iam::222222222222:role\/Deploy \(profile x, source_profile y\)/);
    assert.match(result.stdout, /Expires/);
    assert.doesNotMatch(result.stdout, new RegExp(alice.accessKeyId), 'access keys are masked');
    // The SDK's Node-version notice is for the SDK's users, not stsctl's.
    assert.doesNotMatch(result.stderr, /NodeVersionSupportWarning|will require node|Warning/);
    assert.equal(result.stderr, '');
    assert.equal(emulator.requestCount('AssumeRole'), 2);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1);
  });

  it('assumes a role profile as `stsctl assume` does: same session, and a cached role costs no AssumeRole call', async () => {
    const assumed = await runCli(['assume', 'bob-deploy-via-alice', '--format', 'json'], { emulator, config: `${config}\n[profile bob-deploy-via-alice]\nrole_arn = ${demo.roles.deploy.arn}\nsource_profile = alice\n`, credentials });
    assert.equal(assumed.code, 0, assumed.stderr);
    const assumeCalls = emulator.requestCount('AssumeRole');
    const result = await runCli(['whoami', '--profile', 'bob-deploy-via-alice', '--json'], {
      emulator,
      home: assumed.home,
      config: `${config}\n[profile bob-deploy-via-alice]\nrole_arn = ${demo.roles.deploy.arn}\nsource_profile = alice\n`,
      credentials,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(emulator.requestCount('AssumeRole'), assumeCalls, 'whoami reused the cached role credentials');
    const document = JSON.parse(result.stdout) as { arn: string; accessKeyId: string };
    const issued = JSON.parse(assumed.stdout) as { AccessKeyId: string };
    assert.equal(document.accessKeyId, `${issued.AccessKeyId.slice(0, 4)}…${issued.AccessKeyId.slice(-4)}`);
    assert.match(document.arn, /assumed-role\/Deploy\//);
  });

  it('shows that environment keys beat AWS_PROFILE, and warns', async () => {
    const result = await runCli(['whoami'], {
      emulator,
      config,
      credentials,
      env: { AWS_PROFILE: 'x', AWS_ACCESS_KEY_ID: bob.accessKeyId, AWS_SECRET_ACCESS_KEY: bob.secretAccessKey },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ARN\s+arn:aws:iam::111111111111:user\/bob/);
    assert.match(result.stdout, /1\. environment keys AKIA…0002/);
    assert.match(result.stderr, /warning: AWS_ACCESS_KEY_ID is set, so the environment keys are used and AWS_PROFILE=x is ignored/);
    assert.equal(emulator.requestCount('AssumeRole'), 0);
  });

  it('prints one JSON document with --json that jq can read', async () => {
    const result = await runCli(['whoami', '--profile', 'x', '--json'], { emulator, config, credentials });
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(document['account'], '222222222222');
    assert.equal((document['principal'] as Record<string, unknown>)['type'], 'assumed-role');
    assert.equal((document['chain'] as unknown[]).length, 3);
    const jq = spawnSync('jq', ['-r', '.arn'], { input: result.stdout, encoding: 'utf8' });
    if (!jq.error) {
      assert.equal(jq.status, 0);
      assert.match(jq.stdout, /^arn:aws:sts::222222222222:assumed-role\/Deploy\//);
    }
  });

  it('warns when no region is set, on stderr and in the JSON document', async () => {
    const result = await runCli(['whoami', '--profile', 'bob', '--json'], { emulator, credentials });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /No region is set/);
    const document = JSON.parse(result.stdout) as { warnings: string[] };
    assert.ok(document.warnings.some((warning) => /No region is set/.test(warning)));
  });

  describe('configuration errors exit 3 before any request', () => {
    const cases: { name: string; args: string[]; config?: string; env?: Record<string, string>; message: RegExp }[] = [
      { name: 'unknown profile, with a suggestion', args: ['--profile', 'bobb'], config, message: /'bobb'[\s\S]*Did you mean 'bob'/ },
      {
        name: 'a source_profile cycle, named',
        args: ['--profile', 'a'],
        config: `[profile a]\nrole_arn = ${demo.roles.deploy.arn}\nsource_profile = b\n[profile b]\nrole_arn = ${demo.roles.ops.arn}\nsource_profile = a\n`,
        message: /loops: a → b → a/,
      },
      {
        name: 'a missing source_profile',
        args: ['--profile', 'a'],
        config: `[profile a]\nrole_arn = ${demo.roles.deploy.arn}\nsource_profile = ghost\n`,
        message: /source_profile 'ghost'/,
      },
      {
        name: 'a malformed role_arn',
        args: ['--profile', 'a'],
        config: `[profile a]\nrole_arn = arn:aws:iam::12345:role/Deploy\nsource_profile = alice\n`,
        message: /malformed role_arn 'arn:aws:iam::12345:role\/Deploy'/,
      },
      { name: 'an unparsable file, with file and line', args: [], config: `[default]\nregion = us-east-1\nnot a setting\n`, message: /config:3: expected "key = value"/ },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        emulator.clearRequests();
        const result = await runCli(['whoami', ...testCase.args], { emulator, config: testCase.config, credentials });
        assert.equal(result.code, 3, result.stderr);
        assert.match(result.stderr, testCase.message);
        assert.equal(result.stdout, '');
        assert.equal(emulator.requestCount(), 0);
      });
    }

    it('an unreadable config file', async () => {
      const first = await runCli(['--version'], {});
      const directory = join(first.home, 'config-is-a-directory');
      mkdirSync(directory);
      const result = await runCli(['whoami'], { emulator, home: first.home, env: { AWS_CONFIG_FILE: directory } });
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, /Cannot read .*config-is-a-directory/);
      assert.equal(emulator.requestCount(), 0);
    });

    it('prints the error as JSON on stdout under --json', async () => {
      const result = await runCli(['whoami', '--profile', 'nope', '--json'], { emulator, config, credentials });
      assert.equal(result.code, 3);
      const document = JSON.parse(result.stdout) as { error: { category: string; exitCode: number } };
      assert.equal(document.error.exitCode, 3);
      assert.equal(document.error.category, 'profile-config');
    });
  });

  it('exits 4 quickly with advice when there are no credentials anywhere', async () => {
    const result = await runCli(['whoami'], { emulator });
    assert.equal(result.code, 4, result.stderr);
    assert.ok(result.durationMs < 3000, `took ${String(result.durationMs)} ms`);
    assert.match(result.stderr, /aws configure|aws sso login/);
    assert.equal(emulator.requestCount(), 0);
  });

  describe('failures are diagnosed with profile, account and region', () => {
    it('InvalidClientTokenId for an unknown key', async () => {
      const result = await runCli(['whoami'], {
        emulator,
        env: { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE99', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40), AWS_REGION: 'us-east-1' },
      });
      assert.equal(result.code, 4, result.stderr);
      assert.match(result.stderr, /InvalidClientTokenId/);
      assert.match(result.stderr, /us-east-1/);
    });

    it('SignatureDoesNotMatch for a wrong secret', async () => {
      const result = await runCli(['whoami'], {
        emulator,
        env: { AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrongSECRET/EXAMPLE+key/0123456789abcdef', AWS_REGION: 'us-east-1' },
      });
      assert.equal(result.code, 4, result.stderr);
      assert.match(result.stderr, /SignatureDoesNotMatch/);
    });

    it('a 20-minute clock skew: corrected by the SDK with a warning, or diagnosed as clock skew with one attempt', async () => {
      emulator.setFaults({ clockSkewMs: 20 * 60_000 });
      const corrected = await runCli(['whoami', '--profile', 'alice'], { emulator, config, credentials });
      assert.equal(corrected.code, 0, corrected.stderr);
      assert.match(corrected.stderr, /clock is 20\.0 minutes behind AWS/);
      const failed = await runCli(['whoami', '--profile', 'alice', '--max-attempts', '1'], { emulator, config, credentials });
      assert.equal(failed.code, 4, failed.stderr);
      assert.match(failed.stderr, /[Cc]lock/);
      assert.match(failed.stderr, /Signature expired/);
    });

    it('AccessDenied when a hop of the chain may not assume its role', async () => {
      const result = await runCli(['whoami', '--profile', 'bob-deploy'], { emulator, config, credentials });
      assert.equal(result.code, 5, result.stderr);
      assert.match(result.stderr, /not authorized to\s+perform: sts:AssumeRole/);
      assert.match(result.stderr, /bob-deploy/);
      assert.match(result.stderr, /us-east-1/);
    });

    it('connection refused is a network failure (exit 7)', async () => {
      const result = await runCli(['whoami', '--profile', 'alice', '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1'], { config, credentials });
      assert.equal(result.code, 7, result.stderr);
      assert.match(result.stderr, /ECONNREFUSED|refused/i);
    });
  });
});
