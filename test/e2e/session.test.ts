// stsctl session end to end: the built binary in real shells, against the local STS emulator, as a new user would
// try it. Each "Done when" line of issue 6 about `session` has a test here; federate.test.ts and console.test.ts
// have the rest.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';
import { runInShell } from '../support/run-in-shell.js';
import { hasPty, runCliWithTty } from '../support/run-with-tty.js';

const { alice, root, roles } = demo;
const mfaSerial = alice.mfaSerial ?? '';
const files = demoConfig();
// The demo profiles (alice and bob with keys; admin: Admin via alice with mfa_serial) plus alice's own device, a
// second MFA role, a profile holding temporary keys, and root.
const config = `${files.config}
[profile alice-mfa]
region = us-east-1
mfa_serial = ${mfaSerial}

[profile ops-mfa]
role_arn = ${roles.ops.arn}
source_profile = alice
mfa_serial = ${mfaSerial}
region = us-east-1

[profile root]
region = us-east-1

[profile temp]
region = us-east-1
`;
const credentials = (temp: { accessKeyId: string; secretAccessKey: string; sessionToken: string }): string => `${files.credentials}
[alice-mfa]
aws_access_key_id = ${alice.accessKeyId}
aws_secret_access_key = ${alice.secretAccessKey}

[root]
aws_access_key_id = ${root.accessKeyId}
aws_secret_access_key = ${root.secretAccessKey}

[temp]
aws_access_key_id = ${temp.accessKeyId}
aws_secret_access_key = ${temp.secretAccessKey}
aws_session_token = ${temp.sessionToken}
`;

/** Diagnoses are wrapped to the terminal width; match them with the line breaks folded into spaces. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

interface SessionJson {
  readonly operation: string;
  readonly mfa: boolean;
  readonly mfaSerial?: string;
  readonly durationSeconds: number;
  readonly requestedDurationSeconds: number;
  readonly source: { readonly profile?: string; readonly accessKeyId?: string };
  readonly cache: { readonly hit: boolean };
  readonly credentials: { readonly accessKeyId: string; readonly sessionToken: string };
  readonly warnings: readonly string[];
}

describe('stsctl session', () => {
  let emulator: Emulator;
  let home: TempHome;
  let creds: string;

  before(async () => {
    emulator = await startEmulator();
    const temp = emulator.issueSession({ principal: 'alice' });
    creds = credentials(temp);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.clearFaults();
    emulator.clearRequests();
    home = await createTempHome();
    await writeAwsFiles(home.path, { config, credentials: creds });
  });

  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) => runCli(args, { emulator, home, config, credentials: creds, ...extra });

  describe('one MFA code for many roles', () => {
    it('bash: eval "$(stsctl session --token-code 123456)", then an MFA-protected role with no second prompt and no code', async () => {
      const script = [
        'eval "$(stsctl session --profile alice-mfa --token-code 123456)"',
        'echo "marker=$STSCTL_MFA"',
        'stsctl whoami --json',
        // The environment's session credentials are MFA-authenticated: Admin's trust policy is satisfied.
        `stsctl assume ${roles.admin.arn} --format sh > role.sh && . ./role.sh && stsctl whoami --json`,
      ].join('\n');
      const result = await runInShell('bash', ['-c', script], { home: home.path, emulator });
      assert.equal(result.code, 0, result.stderr);
      const [sessionWhoami, roleWhoami] = result.stdout
        .slice(result.stdout.indexOf('{'))
        .split(/\n(?=\{)/)
        .map((text) => JSON.parse(text) as { arn: string; mfa: { present: string; mfaSerial?: string } });
      assert.match(result.stdout, new RegExp(`^marker=ASIA\\w+ ${mfaSerial}$`, 'm'));
      assert.equal(sessionWhoami?.arn, alice.arn);
      assert.deepEqual(sessionWhoami?.mfa.present, 'yes');
      assert.equal(sessionWhoami?.mfa.mfaSerial, mfaSerial);
      assert.match(roleWhoami?.arn ?? '', /^arn:aws:sts::222222222222:assumed-role\/Admin\//);

      const admin = emulator.sessions().find((s) => s.role?.arn === roles.admin.arn);
      assert.equal(admin?.mfaAuthenticated, true);
      assert.equal(emulator.requestCount('GetSessionToken'), 1);
      assert.match(result.stderr, /^Session for profile alice-mfa \(AKIA…0001\) with MFA arn:aws:iam::111111111111:mfa\/alice until .* \(fresh\)$/m);
    });

    it('stsctl assume PROFILE finds the cached MFA session for the same key and device: no prompt, no --token-code', async () => {
      const session = await run(['session', '--profile', 'alice-mfa', '--token-code', demo.mfaCode, '--json']);
      assert.equal(session.code, 0, session.stderr);
      const json = JSON.parse(session.stdout) as SessionJson;
      assert.equal(json.mfa, true);
      emulator.clearRequests();

      // admin and ops-mfa name alice's device and start from alice's keys: both use the session. No terminal here, so
      // a prompt would fail the run (exit 4).
      for (const profile of ['admin', 'ops-mfa']) {
        const assumed = await run(['assume', profile, '--format', 'sh']);
        assert.equal(assumed.code, 0, assumed.stderr);
        assert.doesNotMatch(assumed.stderr, /MFA code/);
      }
      assert.equal(emulator.requestCount('GetSessionToken'), 0);
      assert.equal(emulator.requestCount('AssumeRole'), 2);
      const roleSessions = emulator.sessions().filter((s) => s.source === 'role');
      assert.ok(roleSessions.length >= 2);
      for (const s of roleSessions.slice(-2)) assert.equal(s.mfaAuthenticated, true, `${s.role?.arn ?? ''} should be MFA-authenticated`);
    });

    it('session --profile admin takes the session for the keys admin starts from, with its mfa_serial', async () => {
      const result = await run(['session', '--profile', 'admin', '--token-code', demo.mfaCode, '--format', 'sh']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(flat(result.stderr), /Profile admin assumes arn:aws:iam::222222222222:role\/Admin: this session is for the keys it starts from \(profile alice \(AKIA…0001\)\)/);
      emulator.clearRequests();
      const assumed = await run(['assume', 'admin', '--format', 'sh']);
      assert.equal(assumed.code, 0, assumed.stderr);
      assert.equal(emulator.requestCount('GetSessionToken'), 0);
    });

    it('without a session, the MFA role still needs a code (and --no-cache ignores the session)', async () => {
      await run(['session', '--profile', 'alice-mfa', '--token-code', demo.mfaCode]);
      const bypass = await run(['assume', 'admin', '--no-cache']);
      assert.equal(bypass.code, 4, bypass.stderr);
      assert.match(flat(bypass.stderr), /no terminal to ask on/);
    });
  });

  describe('outputs', () => {
    it('--json: MFA, durations, masked source key, cache; the second run is cached with no request', async () => {
      const first = await run(['session', '--profile', 'alice-mfa', '--token-code', demo.mfaCode, '--duration', '2h', '--json']);
      assert.equal(first.code, 0, first.stderr);
      const json = JSON.parse(first.stdout) as SessionJson;
      assert.equal(json.operation, 'GetSessionToken');
      assert.equal(json.mfaSerial, mfaSerial);
      assert.equal(json.durationSeconds, 7200);
      assert.equal(json.source.accessKeyId, 'AKIA…0001');
      assert.equal(json.cache.hit, false);
      assert.match(json.credentials.accessKeyId, /^ASIA/);

      emulator.clearRequests();
      const second = await run(['session', '--profile', 'alice-mfa', '--duration', '2h', '--json']);
      assert.equal(second.code, 0, second.stderr);
      assert.equal((JSON.parse(second.stdout) as SessionJson).cache.hit, true);
      assert.equal(emulator.requestCount(), 0, 'a cache hit makes no request and asks for no code');
      assert.match(second.stderr, /\(cached\)\n$/);

      // Another duration is another session: it needs a code again.
      const other = await run(['session', '--profile', 'alice-mfa', '--duration', '3h']);
      assert.equal(other.code, 4, other.stderr);
      assert.equal(emulator.requestCount('GetSessionToken'), 0);
    });

    it('dotenv, credential_process JSON and --exec carry the session credentials', async () => {
      const dotenv = await run(['session', '--profile', 'bob', '--format', 'dotenv']);
      assert.equal(dotenv.code, 0, dotenv.stderr);
      assert.match(dotenv.stdout, /^AWS_SESSION_TOKEN=/m);
      assert.match(dotenv.stderr, /^Session for profile bob \(AKIA…0002\) without MFA until/m);
      const processJson = await run(['session', '--profile', 'bob', '--format', 'json']);
      assert.equal((JSON.parse(processJson.stdout) as { Version: number }).Version, 1);
      const exec = await run(['session', '--profile', 'bob', '--exec', '--', process.execPath, '-e', 'process.stdout.write(process.env.AWS_ACCESS_KEY_ID + " " + process.env.STSCTL_EXEC); process.exit(3)']);
      assert.equal(exec.code, 3, exec.stderr);
      assert.match(exec.stdout, /^ASIA\w+ session for profile bob/);
    });

    it('--unset clears the credentials and every stsctl marker', async () => {
      const result = await run(['session', '--unset', '--format', 'sh']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^unset AWS_ACCESS_KEY_ID .* STSCTL_ASSUMED_ROLE STSCTL_MFA$/m);
    });

    it('prompts for the code on the terminal, never on stdout', { skip: !hasPty() && 'python3 (for a pseudo-terminal) is not installed' }, async () => {
      const result = await runCliWithTty(['session', '--profile', 'alice-mfa', '--format', 'sh'], {
        home: home.path,
        emulator,
        expect: `Enter MFA code for ${mfaSerial}: `,
        answer: demo.mfaCode,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^export STSCTL_MFA='ASIA\w+ arn:aws:iam::111111111111:mfa\/alice'$/m);
      assert.doesNotMatch(result.stdout, /Enter MFA code/);
    });

    it('with no terminal and no --token-code it fails before any request', async () => {
      const result = await run(['session', '--profile', 'alice-mfa']);
      assert.equal(result.code, 4, result.stderr);
      assert.match(flat(result.stderr), /stsctl session --token-code 123456/);
      assert.equal(emulator.requestCount(), 0);
    });
  });

  describe('refusals', () => {
    it('temporary credentials in the environment: exit 2, the reason, and no request', async () => {
      const temp = emulator.issueSession({ principal: 'alice' });
      const env = { AWS_ACCESS_KEY_ID: temp.accessKeyId, AWS_SECRET_ACCESS_KEY: temp.secretAccessKey, AWS_SESSION_TOKEN: temp.sessionToken };
      const result = await run(['session', '--token-code', demo.mfaCode, '--mfa-serial', mfaSerial], { env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(flat(result.stderr), /GetSessionToken needs an IAM user's long-term access keys, but the credentials in the environment \(AWS_ACCESS_KEY_ID ASIA…\w{4} with AWS_SESSION_TOKEN\) are temporary/);
      assert.match(flat(result.stderr), /nothing was sent/);
      assert.equal(result.stdout, '');
      assert.equal(emulator.requestCount(), 0);
    });

    it('a profile with temporary keys, or an assumed role exported earlier: exit 2 and no request', async () => {
      const profile = await run(['session', '--profile', 'temp']);
      assert.equal(profile.code, 2, profile.stderr);
      assert.match(flat(profile.stderr), /profile temp holds temporary keys \(ASIA…\w{4} with aws_session_token\)/);
      const script = 'eval "$(stsctl assume deploy)" && stsctl session; echo "status=$?"';
      const shell = await runInShell('bash', ['-c', script], { home: home.path, emulator });
      assert.match(shell.stdout, /status=2/);
      assert.match(flat(shell.stderr), /exported by an earlier stsctl assume/);
      assert.match(flat(shell.stderr), /eval "\$\(stsctl assume --unset\)"/);
      assert.equal(emulator.requestCount('GetSessionToken'), 0);
    });

    const bad: [string, string[], RegExp][] = [
      ['a duration below 900', ['--duration', '600'], /--duration 600 is too short: GetSessionToken accepts 900–129600 seconds/],
      ['a duration above 36h', ['--duration', '200000'], /--duration 200000 is too long/],
      ['a code of five digits', ['--token-code', '12345'], /six digits/],
      ['a user ARN as the device', ['--mfa-serial', alice.arn, '--token-code', '123456'], /not an MFA device ARN/],
      ['a code without a device', ['--token-code', '123456'], /no MFA device to use it with/],
      ['--console (GetSessionToken credentials cannot sign in)', ['--console'], /cannot sign in to the AWS console/],
    ];
    for (const [name, args, message] of bad) {
      it(`${name}: exit 2, no request`, async () => {
        const result = await run(['session', '--profile', 'alice', ...args]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(flat(result.stderr), message);
        assert.equal(emulator.requestCount(), 0);
      });
    }
  });

  it('root: AWS caps the session at 1 hour, and stsctl warns', async () => {
    const result = await run(['session', '--profile', 'root', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as SessionJson;
    assert.equal(json.durationSeconds, 3600);
    assert.equal(json.requestedDurationSeconds, 43_200);
    assert.match(flat(result.stderr), /warning: AWS issued a 1h session instead of 12h: these are the account's root user keys/);
    assert.ok(json.warnings.some((w) => w.includes('root user')));
  });
});
