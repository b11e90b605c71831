// The demo table's promises (key shapes, profiles) and the e2e runner's sealing: clean environment, own HOME,
// files written, stdin, timeout, and the no-secret-on-stderr assertion. A stand-in script replaces bin/stsctl.js
// so these tests do not depend on the CLI being built.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AssertionError } from 'node:assert';
import { CLI_PATH, REPO_ROOT, createTempHome, extractIniSecrets, runCli } from '../../support/cli-runner.js';
import { demo, demoConfig, listDemoPrincipals, listDemoRoles } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';

describe('demo table', () => {
  it('has AWS-shaped long-term keys and ids', () => {
    for (const principal of listDemoPrincipals()) {
      assert.match(principal.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(principal.secretAccessKey.length, 40);
      assert.ok(principal.secretAccessKey.includes('/') && principal.secretAccessKey.includes('+'));
    }
    assert.match(demo.alice.userId, /^AIDA[A-Z0-9]{17}$/);
    assert.match(demo.bob.userId, /^AIDA[A-Z0-9]{17}$/);
    assert.equal(demo.root.userId, '111111111111');
    for (const role of listDemoRoles()) assert.match(role.roleId, /^AROA[A-Z0-9]{17}$/);
    assert.equal(demo.roles.readOnly.arn, 'arn:aws:iam::222222222222:role/team/ReadOnly');
    assert.equal(
      demo.roles.ssoAdmin.arn,
      'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef',
    );
    assert.equal(demo.roles.cnDeploy.arn, 'arn:aws-cn:iam::444444444444:role/CnDeploy');
  });

  it('writes profiles alice, bob, deploy and admin', () => {
    const { config, credentials } = demoConfig({ region: 'eu-west-1' });
    assert.match(config, /\[profile deploy\]\nrole_arn = arn:aws:iam::222222222222:role\/Deploy\nsource_profile = alice\nregion = eu-west-1/);
    assert.match(config, /\[profile admin\]\nrole_arn = arn:aws:iam::222222222222:role\/Admin\nsource_profile = alice\nmfa_serial = arn:aws:iam::111111111111:mfa\/alice/);
    assert.deepEqual(extractIniSecrets(credentials), [demo.alice.secretAccessKey, demo.bob.secretAccessKey]);
  });
});

describe('cli runner', () => {
  let emulator: Emulator;
  let scripts: string;
  before(async () => {
    emulator = await startEmulator();
    scripts = await mkdtemp(join(tmpdir(), 'stsctl-runner-test-'));
  });
  after(async () => {
    await emulator.close();
    await rm(scripts, { recursive: true, force: true });
  });

  async function writeScript(name: string, source: string): Promise<string> {
    const path = join(scripts, name);
    await writeFile(path, source);
    return path;
  }

  it('points at bin/stsctl.js in the repository', () => {
    assert.ok(existsSync(join(REPO_ROOT, 'package.json')));
    assert.equal(CLI_PATH, join(REPO_ROOT, 'bin', 'stsctl.js'));
  });

  it('runs in a sealed environment with its own HOME and files', async () => {
    const cliPath = await writeScript(
      'env.mjs',
      `import { readFileSync } from 'node:fs';
       let stdin = ''; for await (const chunk of process.stdin) stdin += chunk;
       const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(AWS_|HOME$|XDG_CACHE_HOME$|NO_COLOR$|FORCE_COLOR$|KEEP_ME$)/.test(k)));
       const config = readFileSync(process.env.HOME + '/.aws/config', 'utf8');
       process.stdout.write(JSON.stringify({ env, config, stdin, args: process.argv.slice(2), cwd: process.cwd() }));
       process.exitCode = 3;`,
    );
    const previous = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = 'inherited-must-not-leak';
    try {
      const { config, credentials } = demoConfig();
      const result = await runCli(['whoami', '--json'], {
        cliPath,
        emulator,
        config,
        credentials,
        stdin: 'typed input',
        env: { AWS_REGION: 'eu-central-1', NO_COLOR: undefined, KEEP_ME: 'yes' },
      });
      assert.equal(result.code, 3);
      const seen = JSON.parse(result.stdout) as { env: Record<string, string>; config: string; stdin: string; args: string[]; cwd: string };
      assert.deepEqual(seen.env, {
        HOME: result.home,
        XDG_CACHE_HOME: join(result.home, '.cache'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: emulator.url,
        AWS_REGION: 'eu-central-1',
        KEEP_ME: 'yes',
      });
      assert.equal(seen.config, config);
      assert.equal(seen.stdin, 'typed input');
      assert.deepEqual(seen.args, ['whoami', '--json']);
      assert.equal(seen.cwd, result.home);
      assert.equal(await readFile(join(result.home, '.aws', 'credentials'), 'utf8'), credentials);
    } finally {
      if (previous === undefined) delete process.env.AWS_PROFILE;
      else process.env.AWS_PROFILE = previous;
    }
  });

  it('fails the run when a secret appears on stderr, but not on stdout', async () => {
    const issued = emulator.issueSession({ roleArn: demo.roles.deploy.arn });
    const cliPath = await writeScript('leak.mjs', 'process.stdout.write(process.argv[2]); process.stderr.write("oops: " + process.argv[3]);');
    const fine = await runCli([issued.secretAccessKey, 'nothing secret'], { cliPath, emulator });
    assert.equal(fine.stdout, issued.secretAccessKey);
    await assert.rejects(runCli(['x', `token=${issued.sessionToken}`], { cliPath, emulator }), (error: unknown) => {
      assert.ok(error instanceof AssertionError);
      assert.match(error.message, /secret leaked on stderr/);
      assert.ok(!error.message.includes(issued.sessionToken), 'the report must not repeat the secret');
      return true;
    });
    // Secrets from the given credentials text count too, even without an emulator.
    const text = '[p]\naws_access_key_id = AKIAOTHER00000000000\naws_secret_access_key = zzzzSECRETzzzz/zzzz+zzzz\n';
    await assert.rejects(runCli(['x', 'zzzzSECRETzzzz/zzzz+zzzz'], { cliPath, credentials: text }), AssertionError);
  });

  it('kills a run that outlives its timeout', async () => {
    const cliPath = await writeScript('hang.mjs', 'setInterval(() => {}, 1000);');
    const started = performance.now();
    await assert.rejects(runCli([], { cliPath, timeoutMs: 300 }), /did not finish within 300 ms/);
    assert.ok(performance.now() - started < 5000);
  });

  it('reuses a HOME across runs', async () => {
    const home = await createTempHome();
    try {
      const cliPath = await writeScript(
        'count.mjs',
        `import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
         const dir = process.env.XDG_CACHE_HOME + '/stsctl'; mkdirSync(dir, { recursive: true });
         let n = 0; try { n = Number(readFileSync(dir + '/n', 'utf8')); } catch {}
         writeFileSync(dir + '/n', String(n + 1)); process.stdout.write(String(n + 1));`,
      );
      const first = await runCli([], { cliPath, home });
      const second = await runCli([], { cliPath, home: home.path });
      assert.deepEqual([first.stdout, second.stdout, second.home], ['1', '2', home.path]);
    } finally {
      await home.cleanup();
    }
  });
});
