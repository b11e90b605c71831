// Console sign-in end to end (issue 6): `--console` on assume, on roles assumed from an MFA session and on federate
// prints a login URL that round-trips through the emulator's federation stand-in (getSigninToken, then login → 302 to
// the destination). The sign-in token is a secret: the runner fails any run that shows it on stderr.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';
import { runInShell } from '../support/run-in-shell.js';

const { roles } = demo;
const { config, credentials } = demoConfig();
const readAll = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Follows a login URL as a browser would, without following the redirect: the status and where it points. */
async function follow(url: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}

describe('console sign-in', () => {
  let emulator: Emulator;
  let home: TempHome;
  let env: Record<string, string>;

  before(async () => {
    emulator = await startEmulator();
    env = { STSCTL_FEDERATION_ENDPOINT: emulator.federationUrl };
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

  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
    runCli(args, { emulator, home, config, credentials, ...extra, env: { ...env, ...extra.env } });

  it('assume --console prints one login URL on stdout that signs in and redirects to the console', async () => {
    const result = await run(['assume', 'deploy', '--console']);
    assert.equal(result.code, 0, result.stderr);
    const url = result.stdout.trim();
    assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
    const parsed = new URL(url);
    assert.equal(`${parsed.origin}${parsed.pathname}`, emulator.federationUrl);
    assert.equal(parsed.searchParams.get('Action'), 'login');
    assert.equal(parsed.searchParams.get('Issuer'), 'stsctl');
    assert.equal(emulator.requestCount('getSigninToken'), 1);

    const login = await follow(url);
    assert.equal(login.status, 302);
    assert.equal(login.location, 'https://console.aws.amazon.com/console/home?region=us-east-1');
    const lines = result.stderr.split('\n').filter(Boolean);
    assert.match(lines[0] ?? '', /^Assumed arn:aws:iam::222222222222:role\/Deploy as alice until .* \(fresh\)$/);
    assert.match(lines[1] ?? '', /^Console sign-in link for https:\/\/console\.aws\.amazon\.com\/console\/home\?region=us-east-1: open it before /);
    assert.equal(lines.length, 2, result.stderr);
    assert.ok(!result.stderr.includes(parsed.searchParams.get('SigninToken') ?? '-'), 'the sign-in token never reaches stderr');
  });

  it('--destination, --console-duration and --federation-endpoint (which beats the environment variable)', async () => {
    const result = await run(
      ['assume', 'deploy', '--console', '--destination', '/s3/home', '--console-duration', '2h', '--federation-endpoint', emulator.federationUrl],
      { env: { STSCTL_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation' } },
    );
    assert.equal(result.code, 0, result.stderr);
    const login = await follow(result.stdout.trim());
    assert.equal(login.location, 'https://console.aws.amazon.com/s3/home?region=us-east-1');
    assert.match(result.stderr, /the console session lasts 2h/);
  });

  it('federate --console: the federated user signs in', async () => {
    const result = await run(['federate', 'bob', '--profile', 'bob', '--policy', readAll, '--console', '--destination', 'https://console.aws.amazon.com/billing/home']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Federated as arn:aws:sts::111111111111:federated-user\/bob until/m);
    const login = await follow(result.stdout.trim());
    assert.equal(login.status, 302);
    assert.equal(login.location, 'https://console.aws.amazon.com/billing/home');
  });

  it('a role assumed from an MFA session signs in, with no second MFA code', async () => {
    const session = await run(['session', '--profile', 'admin', '--token-code', demo.mfaCode]);
    assert.equal(session.code, 0, session.stderr);
    const result = await run(['assume', 'admin', '--console']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await follow(result.stdout.trim())).status, 302);
    assert.equal(emulator.sessions().filter((s) => s.role?.arn === roles.admin.arn).at(-1)?.mfaAuthenticated, true);
  });

  it('--json keeps the whole result and adds the console link', async () => {
    const result = await run(['--json', 'assume', 'deploy', '--console']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { roleArn: string; console: { url: string; destination: string; linkExpiresAt: string } };
    assert.equal(json.roleArn, roles.deploy.arn);
    assert.equal((await follow(json.console.url)).status, 302);
    assert.ok(Date.parse(json.console.linkExpiresAt) > Date.now());
  });

  it('--open hands the link to $BROWSER and prints nothing on stdout', async () => {
    const opened = join(home.path, 'opened.txt');
    const browser = join(home.path, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > ${JSON.stringify(opened)}\n`);
    chmodSync(browser, 0o755);
    const result = await run(['federate', 'bob', '--profile', 'bob', '--policy', readAll, '--open'], { env: { BROWSER: browser } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /Opened the console sign-in for https:\/\/console\.aws\.amazon\.com\/console\/home\?region=us-east-1 in the browser/);
    for (let i = 0; i < 50 && !existsSync(opened); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await follow(readFileSync(opened, 'utf8'))).status, 302);
  });

  it('role-chained credentials: the console duration is left out, with a warning, and the link still works', async () => {
    const script = `eval "$(stsctl assume Ops --source-profile alice)" && stsctl assume ${roles.deploy.arn} --chain --console --console-duration 2h`;
    const result = await runInShell('bash', ['-c', script], { home: home.path, emulator, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(flat(result.stderr), /--console-duration is not used: the federation endpoint refuses a console session duration for role-chained credentials/);
    assert.equal((await follow(result.stdout.trim().split('\n').at(-1) ?? '')).status, 302);
  });

  describe('failures', () => {
    it('session --console is refused before any request: GetSessionToken credentials cannot sign in', async () => {
      const result = await run(['session', '--profile', 'alice', '--console']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(flat(result.stderr), /Credentials from GetSessionToken cannot sign in to the AWS console/);
      assert.match(flat(result.stderr), /stsctl assume ROLE --console/);
      assert.equal(emulator.requestCount(), 0);
    });

    const bad: [string, string[], RegExp][] = [
      ['--console-duration 600', ['--console', '--console-duration', '600'], /--console-duration 600 is too short: the federation endpoint accepts 900–43200 seconds/],
      ['--console with --format', ['--console', '--format', 'sh'], /--console and --format cannot be combined/],
      ['--open with --unset', ['--open', '--unset'], /--open and --unset cannot be combined/],
      ['--destination without --console', ['--destination', '/s3/home'], /--destination only applies to a console sign-in/],
      ['a destination that is neither a URL nor a path', ['--console', '--destination', 's3'], /--destination s3 is neither an http\(s\) URL nor a console path/],
      ['a bad endpoint', ['--console', '--federation-endpoint', 'signin.aws.amazon.com'], /--federation-endpoint signin.aws.amazon.com is not a URL/],
    ];
    for (const [name, args, message] of bad) {
      it(`${name}: exit 2, no request`, async () => {
        const result = await run(['assume', 'deploy', ...args]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(flat(result.stderr), message);
        assert.equal(emulator.requestCount(), 0);
      });
    }

    it('an unreachable federation endpoint exits 7 and shows no secret', async () => {
      const result = await run(['assume', 'deploy', '--console'], { env: { STSCTL_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation' } });
      assert.equal(result.code, 7, result.stderr);
      assert.match(flat(result.stderr), /Could not reach the federation endpoint http:\/\/127\.0\.0\.1:9\/federation/);
      assert.equal(result.stdout, '');
    });

    it('an endpoint that refuses the credentials exits 8 with its reason', async () => {
      // Another emulator's stand-in knows nothing of these credentials, as AWS's endpoint would not know forged ones.
      const other = await startEmulator();
      try {
        const result = await run(['assume', 'deploy', '--console', '--federation-endpoint', other.federationUrl]);
        assert.equal(result.code, 8, result.stderr);
        assert.match(flat(result.stderr), /refused a sign-in token \(HTTP 400\): The credentials in the Session parameter are not valid/);
        assert.equal(result.stdout, '');
      } finally {
        await other.close();
      }
    });
  });
});
