// stsctl assume end to end: the built binary in real shells, against the local STS emulator, as a new user would
// try it. Each "Done when" line of issue 4 has a test here (or in cache.test.ts / assume-credential-process.test.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CLI_PATH, createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';
import { hasCommand, runInShell, shellEnvironment } from '../support/run-in-shell.js';
import { hasPty, runCliWithTty } from '../support/run-with-tty.js';
import { evaluateCmd, evaluatePowerShell, parseDotenv } from '../unit/credentials/shell-parsers.js';

const { alice, roles } = demo;
const files = demoConfig();
// The demo profiles plus: ops (a role in alice's own account) and chained (Deploy assumed from the Ops role).
const config = `${files.config}
[profile ops]
role_arn = ${roles.ops.arn}
source_profile = alice
region = us-east-1

[profile chained]
role_arn = ${roles.deploy.arn}
source_profile = ops
duration_seconds = 7200

[profile long]
role_arn = ${roles.deploy.arn}
source_profile = alice
duration_seconds = 43200
`;
const { credentials } = files;

const summaryLine = /^Assumed (arn:aws:iam::\d{12}:role\/\S+) as (\S+) until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \((cached|fresh)\)$/;

/** Diagnoses are wrapped to the terminal width; match them with the line breaks folded into spaces. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

interface AssumeJson {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly assumedRoleUser: { readonly arn: string; readonly assumedRoleId: string };
  readonly packedPolicySize?: number;
  readonly source: { readonly profile?: string; readonly chained: boolean };
  readonly cache: { readonly hit: boolean };
  readonly credentials: { readonly accessKeyId: string };
}

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '');
}

describe('stsctl assume', () => {
  let emulator: Emulator;
  let home: TempHome;

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.clearFaults();
    emulator.clearRequests();
    home = await createTempHome();
    await writeAwsFiles(home.path, { config, credentials });
  });

  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) => runCli(args, { emulator, home, config, credentials, ...extra });

  describe('into a shell', () => {
    it('bash: eval "$(stsctl assume deploy)" then whoami shows the assumed role; one stderr line; the second run is cached', async () => {
      const script = 'eval "$(stsctl assume deploy)" && stsctl whoami --json && env | grep -E "^(STSCTL_|AWS_REGION=|AWS_CREDENTIAL_EXPIRATION=)" | sort';
      const first = await runInShell('bash', ['-c', script], { home: home.path, emulator });
      assert.equal(first.code, 0, first.stderr);
      const json = JSON.parse(first.stdout.slice(0, first.stdout.lastIndexOf('}') + 1)) as { arn: string; account: string };
      assert.match(json.arn, /^arn:aws:sts::222222222222:assumed-role\/Deploy\/alice$/);
      assert.match(first.stdout, /^STSCTL_ASSUMED_ROLE=arn:aws:iam::222222222222:role\/Deploy$/m);
      assert.match(first.stdout, /^AWS_REGION=us-east-1$/m);
      assert.match(first.stdout, /^AWS_CREDENTIAL_EXPIRATION=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
      const lines = stderrLines(first.stderr);
      assert.equal(lines.length, 1, first.stderr);
      assert.deepEqual(summaryLine.exec(lines[0] ?? '')?.slice(1), [roles.deploy.arn, 'alice', 'fresh']);

      emulator.clearRequests();
      const second = await run(['assume', 'deploy']);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(emulator.requestCount(), 0, 'a cache hit makes no STS request');
      assert.match(second.stderr, /\(cached\)\n$/);
    });

    it('sh output clears stale variables first, then sets credentials, expiration, region and marker', async () => {
      const result = await run(['assume', 'deploy', '--format', 'sh']);
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(
        lines[0],
        'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CREDENTIAL_EXPIRATION AWS_SESSION_EXPIRATION STSCTL_MFA',
      );
      assert.deepEqual(
        lines.slice(1).map((line) => /^export (\w+)=/.exec(line)?.[1]),
        ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'STSCTL_ASSUMED_ROLE'],
      );
    });

    it('bash: a stale AWS_PROFILE and old keys are gone after eval, and --unset clears everything it set', async () => {
      const script = [
        'export AWS_PROFILE=bob AWS_SESSION_TOKEN=stale AWS_SECURITY_TOKEN=stale STSCTL_MFA=stale',
        'eval "$(stsctl assume deploy --profile alice)"',
        'echo "profile=${AWS_PROFILE-unset} security=${AWS_SECURITY_TOKEN-unset} mfa=${STSCTL_MFA-unset} marker=$STSCTL_ASSUMED_ROLE"',
        'eval "$(stsctl assume --unset)"',
        'env | grep -E "^(AWS_|STSCTL_)" | grep -v AWS_ENDPOINT_URL_STS | grep -v AWS_EC2_METADATA_DISABLED || echo "all clear"',
      ].join('\n');
      const result = await runInShell('bash', ['-c', script], { home: home.path, emulator });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^profile=unset security=unset mfa=unset marker=arn:aws:iam::222222222222:role\/Deploy$/m);
      assert.match(result.stdout, /^all clear$/m);
    });

    it('fish: stsctl assume deploy | source', { skip: !hasCommand('fish') && 'fish is not installed' }, async () => {
      const result = await runInShell('fish', ['--no-config', '-c', 'set -gx SHELL /usr/bin/fish; stsctl assume deploy | source; and stsctl whoami --json'], {
        home: home.path,
        emulator,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /"arn": "arn:aws:sts::222222222222:assumed-role\/Deploy\/alice"/);
      assert.equal(stderrLines(result.stderr).length, 1, result.stderr);
    });

    it('PowerShell, cmd and dotenv carry the same credentials as the credential_process JSON', async () => {
      const json = await run(['assume', 'deploy', '--format', 'json']);
      assert.equal(json.code, 0, json.stderr);
      const document = JSON.parse(json.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(document), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
      assert.equal(document['Version'], 1);
      const expected = {
        AWS_ACCESS_KEY_ID: document['AccessKeyId'],
        AWS_SECRET_ACCESS_KEY: document['SecretAccessKey'],
        AWS_SESSION_TOKEN: document['SessionToken'],
        AWS_CREDENTIAL_EXPIRATION: document['Expiration'],
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        STSCTL_ASSUMED_ROLE: roles.deploy.arn,
      };
      const stale = { AWS_PROFILE: 'bob', AWS_SECURITY_TOKEN: 'old', AWS_SESSION_EXPIRATION: 'old' };
      const cases: [string, (text: string) => Map<string, string>][] = [
        ['powershell', (text) => evaluatePowerShell(text, stale)],
        ['cmd', (text) => evaluateCmd(text, stale)],
        ['dotenv', (text) => parseDotenv(text)],
      ];
      for (const [format, evaluate] of cases) {
        const result = await run(['assume', 'deploy', '--format', format]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /\(cached\)/);
        assert.deepEqual(Object.fromEntries(evaluate(result.stdout)), expected, format);
      }
      assert.equal(emulator.requestCount('AssumeRole'), 1, 'every format after the first came from the cache');
    });

    it('detects the format from $SHELL', async () => {
      const fish = await run(['assume', 'deploy'], { env: { SHELL: '/usr/local/bin/fish' } });
      assert.match(fish.stdout, /^set -gx AWS_ACCESS_KEY_ID '/m);
      const pwsh = await run(['assume', 'deploy'], { env: { SHELL: '/usr/bin/pwsh' } });
      assert.match(pwsh.stdout, /^\$Env:AWS_ACCESS_KEY_ID = '/m);
    });

    it('--json gives the whole result: assumed role user, packed policy size, source, cache hit', async () => {
      const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
      const result = await run(['assume', 'deploy', '--json', '--policy', policy, '--session-name', 'ci-run']);
      assert.equal(result.code, 0, result.stderr);
      const document = JSON.parse(result.stdout) as AssumeJson;
      assert.equal(document.roleArn, roles.deploy.arn);
      assert.equal(document.sessionName, 'ci-run');
      assert.equal(document.assumedRoleUser.arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/ci-run');
      assert.match(document.assumedRoleUser.assumedRoleId, /^AROADEPLOYEXAMPLE0001:ci-run$/);
      assert.equal(typeof document.packedPolicySize, 'number');
      assert.equal(document.source.profile, 'alice');
      assert.equal(document.cache.hit, false);
      assert.match(document.credentials.accessKeyId, /^ASIA/);
      const again = JSON.parse((await run(['assume', 'deploy', '--json', '--policy', policy, '--session-name', 'ci-run'])).stdout) as AssumeJson;
      assert.equal(again.cache.hit, true);
      assert.equal(again.assumedRoleUser.assumedRoleId, document.assumedRoleUser.assumedRoleId);
      assert.equal(again.packedPolicySize, document.packedPolicySize);
    });
  });

  describe('ROLE forms and sources', () => {
    it('warns that --profile does not choose the source of a profile ROLE, and keeps the profile\'s own source', async () => {
      const result = await run(['--profile', 'bob', 'assume', 'deploy', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /--profile bob does not change where profile 'deploy' takes its source credentials \(source_profile alice\); to assume it from bob, use --source-profile bob/);
      assert.equal((JSON.parse(result.stdout) as { roleArn: string }).roleArn, roles.deploy.arn);
    });

    it('a role ARN, a bare name in the caller account, account:role/path/Name', async () => {
      const arn = await run(['assume', roles.deploy.arn, '--source-profile', 'alice', '--json']);
      assert.equal(arn.code, 0, arn.stderr);
      assert.equal((JSON.parse(arn.stdout) as { roleArn: string }).roleArn, roles.deploy.arn);

      const bare = await run(['assume', 'Ops', '--source-profile', 'alice', '--json']);
      assert.equal(bare.code, 0, bare.stderr);
      assert.equal((JSON.parse(bare.stdout) as { roleArn: string }).roleArn, roles.ops.arn, "resolved in alice's account");

      const pathed = await run(['assume', '222222222222:role/team/ReadOnly', '--source-profile', 'alice', '--json']);
      assert.equal(pathed.code, 0, pathed.stderr);
      assert.equal((JSON.parse(pathed.stdout) as { roleArn: string }).roleArn, roles.readOnly.arn);
    });

    it('reuses the cache for a bare role name without asking who the caller is', async () => {
      await run(['assume', 'Ops', '--source-profile', 'alice']);
      emulator.clearRequests();
      const again = await run(['assume', 'Ops', '--source-profile', 'alice']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(emulator.requestCount(), 0);
    });

    it('does not chain from exported role credentials unless --chain, and caps the duration when chaining', async () => {
      const first = await run(['assume', 'ops', '--format', 'dotenv']);
      const exported = Object.fromEntries(parseDotenv(first.stdout));
      const refused = await run(['assume', roles.deploy.arn], { env: exported });
      assert.equal(refused.code, 4, refused.stderr);
      assert.match(refused.stderr, /--chain/);

      const chained = await run(['assume', roles.deploy.arn, '--chain', '--duration', '2h', '--json'], { env: exported });
      assert.equal(chained.code, 0, chained.stderr);
      assert.match(chained.stderr, /warning: .*1 hour.*Using 1h instead of 2h/);
      const document = JSON.parse(chained.stdout) as { durationSeconds: number; source: { chained: boolean }; assumedRoleUser: { arn: string } };
      assert.equal(document.durationSeconds, 3600);
      assert.equal(document.source.chained, true);
      assert.equal(document.assumedRoleUser.arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/alice', 'named after the source session');
    });

    it('a profile chained through another role is capped to 1 hour with a warning', async () => {
      const result = await run(['assume', 'chained', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /instead of 2h \(from duration_seconds of profile 'chained'\)/);
      assert.equal((JSON.parse(result.stdout) as { durationSeconds: number }).durationSeconds, 3600);
    });
  });

  describe('MFA', () => {
    it('a role that requires MFA is denied without a code, with a diagnosis that says so', async () => {
      const result = await run(['assume', roles.admin.arn, '--source-profile', 'alice']);
      assert.equal(result.code, 5, result.stderr);
      assert.match(flat(result.stderr), /The trust policy requires MFA and none was provided/);
      assert.match(flat(result.stderr), /--mfa-serial/);
      assert.equal(result.stdout, '');
    });

    it('works with --mfa-serial and --token-code, and the profile mfa_serial with --token-code', async () => {
      const viaFlags = await run(['assume', roles.admin.arn, '--source-profile', 'alice', '--mfa-serial', alice.mfaSerial ?? '', '--token-code', demo.mfaCode]);
      assert.equal(viaFlags.code, 0, viaFlags.stderr);
      assert.match(viaFlags.stderr, /^Assumed arn:aws:iam::222222222222:role\/Admin as alice until/);
      const viaProfile = await run(['assume', 'admin', '--token-code', demo.mfaCode, '--no-cache']);
      assert.equal(viaProfile.code, 0, viaProfile.stderr);
      const session = emulator.sessions().at(-1);
      assert.equal(session?.mfaAuthenticated, true);
    });

    it('a wrong code is refused by AWS with a diagnosis about the code', async () => {
      const result = await run(['assume', 'admin', '--token-code', '000000']);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /MFA|one time pass code/i);
    });

    it('with no terminal and no --token-code it fails cleanly before calling AssumeRole', async () => {
      const result = await run(['assume', 'admin']);
      assert.equal(result.code, 4, result.stderr);
      assert.match(flat(result.stderr), /An MFA code is needed for arn:aws:iam::111111111111:mfa\/alice, and there is no terminal to ask on/);
      assert.match(result.stderr, /--token-code/);
      assert.equal(emulator.requestCount('AssumeRole'), 0);
      assert.equal(result.stdout, '');
    });

    it('prompts on the terminal, not on stdout, when one is there', { skip: !hasPty() && 'python3 (for a pseudo-terminal) is not installed' }, async () => {
      const result = await runCliWithTty(['assume', 'admin', '--format', 'sh'], {
        home: home.path,
        emulator,
        expect: 'Enter MFA code for arn:aws:iam::111111111111:mfa/alice: ',
        answer: demo.mfaCode,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.terminal, /Enter MFA code for arn:aws:iam::111111111111:mfa\/alice: /);
      assert.match(result.stdout, /^export AWS_SESSION_TOKEN='/m);
      assert.doesNotMatch(result.stdout, /Enter MFA code/);
      assert.equal(stderrLines(result.stderr).length, 1, result.stderr);
    });

    it('whoami on an MFA profile prompts on the terminal too', { skip: !hasPty() && 'python3 (for a pseudo-terminal) is not installed' }, async () => {
      const result = await runCliWithTty(['whoami', '--profile', 'admin', '--json'], {
        home: home.path,
        emulator,
        expect: 'Enter MFA code for',
        answer: demo.mfaCode,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /assumed-role\/Admin\//);
    });
  });

  describe('bad input exits 2 before any request', () => {
    const cases: [string, string[]][] = [
      ['no ROLE', ['assume']],
      ['unknown ROLE form', ['assume', 'team/Deploy']],
      ['a user ARN', ['assume', 'arn:aws:iam::111111111111:user/alice']],
      ['short account id', ['assume', '1234:Deploy']],
      ['a profile without role_arn', ['assume', 'alice']],
      ['duration below 900', ['assume', 'deploy', '--duration', '600']],
      ['duration above 12h', ['assume', 'deploy', '--duration', '13h']],
      ['duration nonsense', ['assume', 'deploy', '--duration', 'forever']],
      ['session name', ['assume', 'deploy', '--session-name', 'has space']],
      ['external id', ['assume', 'deploy', '--external-id', 'x']],
      ['mfa serial', ['assume', 'deploy', '--mfa-serial', 'arn:aws:iam::111111111111:user/alice']],
      ['token code', ['assume', 'admin', '--token-code', '12345']],
      ['token code without device', ['assume', roles.deploy.arn, '--source-profile', 'bob', '--token-code', '123456']],
      ['policy JSON', ['assume', 'deploy', '--policy', '{"Statement":']],
      ['policy too long', ['assume', 'deploy', '--policy', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'a'.repeat(2048), Resource: '*' }] })]],
      ['policy file', ['assume', 'deploy', '--policy', '@/nonexistent/policy.json']],
      ['policy ARN', ['assume', 'deploy', '--policy-arn', 'ReadOnlyAccess']],
      ['tag', ['assume', 'deploy', '--tag', 'novalue']],
      ['transitive tag', ['assume', 'deploy', '--tag', 'team=a', '--transitive-tag', 'other']],
      ['source identity', ['assume', 'deploy', '--source-identity', 'x']],
      ['format', ['assume', 'deploy', '--format', 'tcsh']],
      ['--unset with dotenv', ['assume', '--unset', '--format', 'dotenv']],
      ['--exec without a command', ['assume', 'deploy', '--exec']],
      ['arguments without --exec', ['assume', 'deploy', 'aws', 's3', 'ls']],
    ];
    for (const [name, args] of cases) {
      it(name, async () => {
        const result = await run(args);
        assert.equal(result.code, 2, `${args.join(' ')}\n${result.stderr}`);
        assert.equal(result.stdout, '');
        assert.equal(emulator.requestCount(), 0, 'no request for bad input');
        assert.notEqual(result.stderr.trim(), '');
      });
    }

    it('lists the accepted ROLE forms', async () => {
      const result = await run(['assume', 'team/Deploy']);
      assert.match(flat(result.stderr), /ROLE can be a profile name, a role ARN .*123456789012:Name.*role\/path\/Name/);
    });
  });

  describe('cache files', () => {
    it('are 0600 in a 0700 directory under XDG_CACHE_HOME', async () => {
      const result = await run(['assume', 'deploy']);
      assert.equal(result.code, 0, result.stderr);
      const dir = join(home.path, '.cache', 'stsctl');
      assert.equal((statSync(dir).mode & 0o777).toString(8), '700');
      const entries = readdirSync(dir);
      assert.equal(entries.length, 1);
      assert.equal((statSync(join(dir, entries[0] ?? '')).mode & 0o777).toString(8), '600');
    });

    it('a cached answer is the same whether the fast path or the full command (--debug) serves it', async () => {
      await run(['assume', 'deploy']);
      emulator.clearRequests();
      for (const format of ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json']) {
        const fast = await run(['assume', 'deploy', '--format', format]);
        const full = await run(['assume', 'deploy', '--format', format, '--debug']);
        assert.equal(fast.code, 0, fast.stderr);
        assert.equal(full.code, 0, full.stderr);
        assert.equal(fast.stdout, full.stdout, format);
        assert.deepEqual(stderrLines(fast.stderr), stderrLines(full.stderr).filter((line) => !line.startsWith('debug:')), format);
      }
      assert.equal(emulator.requestCount(), 0);
    });

    it('--no-cache neither reads nor writes', async () => {
      await run(['assume', 'deploy']);
      emulator.clearRequests();
      const result = await run(['assume', 'deploy', '--no-cache']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(emulator.requestCount('AssumeRole'), 1);
      assert.match(result.stderr, /\(fresh\)/);
    });

    it('two assumes at once for the same key both succeed and leave one valid file', async () => {
      const [a, b] = await Promise.all([run(['assume', 'deploy', '--format', 'json']), run(['assume', 'deploy', '--format', 'json'])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const dir = join(home.path, '.cache', 'stsctl');
      const entries = readdirSync(dir);
      assert.equal(entries.length, 1, entries.join(', '));
      emulator.clearRequests();
      const c = await run(['assume', 'deploy', '--format', 'json']);
      assert.equal(emulator.requestCount(), 0);
      assert.ok([a.stdout, b.stdout].includes(c.stdout), 'the surviving file holds one of the two answers');
    });

    it('a corrupt file or one with open permissions is ignored with a warning, never trusted', async () => {
      await run(['assume', 'deploy']);
      const dir = join(home.path, '.cache', 'stsctl');
      const file = join(dir, readdirSync(dir)[0] ?? '');
      writeFileSync(file, '{"version":1, "truncated', { mode: 0o600 });
      emulator.clearRequests();
      const corrupt = await run(['assume', 'deploy']);
      assert.equal(corrupt.code, 0, corrupt.stderr);
      assert.match(corrupt.stderr, /warning: ignoring cached credentials .*not valid JSON/);
      assert.equal(emulator.requestCount('AssumeRole'), 1);

      chmodSync(file, 0o644);
      emulator.clearRequests();
      const open = await run(['assume', 'deploy']);
      assert.equal(open.code, 0, open.stderr);
      assert.match(open.stderr, /warning: ignoring cached credentials .*mode 0644/);
      assert.equal(emulator.requestCount('AssumeRole'), 1);
      assert.equal((statSync(file).mode & 0o777).toString(8), '600', 'rewritten privately');
    });
  });

  describe('--exec', () => {
    it("runs the command with the credentials (AWS_PROFILE removed) and exits with its status", async () => {
      const script = 'process.stdout.write(JSON.stringify({ id: process.env.AWS_ACCESS_KEY_ID, profile: process.env.AWS_PROFILE ?? null, exec: process.env.STSCTL_EXEC, region: process.env.AWS_REGION })); process.exit(42)';
      const result = await run(['assume', 'deploy', '--exec', '--', process.execPath, '-e', script], { env: { AWS_PROFILE: 'bob' } });
      assert.equal(result.code, 42, result.stderr);
      const seen = JSON.parse(result.stdout) as { id: string; profile: null; exec: string; region: string };
      assert.match(seen.id, /^ASIA/);
      assert.equal(seen.profile, null);
      assert.equal(seen.exec, roles.deploy.arn);
      assert.equal(seen.region, 'us-east-1');
      assert.match(stderrLines(result.stderr)[0] ?? '', summaryLine);
    });

    it('whoami inside --exec is the role', async () => {
      const result = await run(['assume', 'deploy', '--exec', '--', process.execPath, CLI_PATH, 'whoami', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /assumed-role\/Deploy\/alice/);
    });

    it('refuses to nest inside another stsctl exec unless --chain', async () => {
      const nested = await run(['assume', 'deploy', '--exec', '--', process.execPath, CLI_PATH, 'assume', 'deploy', '--exec', '--', 'true']);
      assert.equal(nested.code, 2, nested.stderr);
      assert.match(flat(nested.stderr), /Already inside "stsctl --exec" for arn:aws:iam::222222222222:role\/Deploy/);
    });

    it('passes signals on: SIGTERM to stsctl ends the command, and stsctl exits 143', { skip: process.platform === 'win32' }, async () => {
      await run(['assume', 'deploy']); // warm the cache so the command starts quickly
      const env = shellEnvironment({ home: home.path, emulator });
      const child = spawn(process.execPath, [CLI_PATH, 'assume', 'deploy', '--exec', '--', process.execPath, '-e', 'process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.exit(99) }); console.log("ready"); setInterval(() => {}, 1000)'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let stdout = '';
      let signalled = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        // Once only: a second SIGTERM after the command has exited would (rightly) end stsctl itself.
        if (!signalled && stdout.includes('ready')) {
          signalled = true;
          child.kill('SIGTERM');
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      clearTimeout(timer);
      assert.match(stdout, /child got SIGTERM/);
      assert.equal(code, 99, "stsctl exits with the command's status");
    });
  });
});
