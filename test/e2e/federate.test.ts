// stsctl federate NAME end to end: the built binary in real shells, against the local STS emulator (issue 6).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';
import { runInShell } from '../support/run-in-shell.js';

const { root } = demo;
const files = demoConfig();
const config = `${files.config}
[profile root]
region = us-east-1
`;
const credentials = `${files.credentials}
[root]
aws_access_key_id = ${root.accessKeyId}
aws_secret_access_key = ${root.secretAccessKey}
`;
const readS3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] });
/** A policy of `length` characters once minified, each statement resource padded. */
function policyOfLength(length: number): string {
  const base = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '' }] });
  return JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(length - base.length) }] });
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

interface FederateJson {
  readonly federatedUser: { readonly arn: string; readonly federatedUserId: string };
  readonly packedPolicySize?: number;
  readonly durationSeconds: number;
  readonly requestedDurationSeconds: number;
  readonly cache: { readonly hit: boolean };
  readonly credentials: { readonly accessKeyId: string };
  readonly warnings: readonly string[];
}

describe('stsctl federate', () => {
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

  it('federate bob without a policy warns that the federated user has no permissions but resource policies grant', async () => {
    const result = await run(['federate', 'bob', '--profile', 'bob', '--format', 'sh']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(flat(result.stderr), /warning: No --policy or --policy-arn: the federated user bob will have no permissions at all, except what resource policies/);
    assert.match(result.stderr, /^Federated as arn:aws:sts::111111111111:federated-user\/bob until .* \(fresh\)$/m);
    assert.match(result.stdout, /^export AWS_SESSION_TOKEN=/m);
  });

  it('bash: eval "$(stsctl federate bob --policy …)" then whoami shows federated-user/bob, without MFA', async () => {
    const script = `eval "$(stsctl federate bob --profile bob --policy '${readS3}')" && stsctl whoami --json && stsctl whoami`;
    const result = await runInShell('bash', ['-c', script], { home: home.path, emulator });
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout.slice(0, result.stdout.indexOf('\n}\n') + 2)) as { arn: string; principal: { type: string }; mfa: { present: string } };
    assert.equal(json.arn, 'arn:aws:sts::111111111111:federated-user/bob');
    assert.equal(json.principal.type, 'federated-user');
    assert.equal(json.mfa.present, 'no');
    assert.match(result.stdout, /^Principal +federated user bob$/m);
    assert.doesNotMatch(result.stderr, /No --policy/);
    const issued = emulator.sessions().filter((s) => s.federatedName === 'bob').at(-1);
    assert.equal(issued?.policy, readS3);
  });

  it('--json carries the federated user ARN and packed policy size; the second run is cached', async () => {
    const first = await run(['federate', 'bob', '--profile', 'bob', '--policy', readS3, '--tag', 'team=data', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const json = JSON.parse(first.stdout) as FederateJson;
    assert.equal(json.federatedUser.arn, 'arn:aws:sts::111111111111:federated-user/bob');
    assert.equal(json.federatedUser.federatedUserId, '111111111111:bob');
    assert.equal(typeof json.packedPolicySize, 'number');
    assert.equal(json.durationSeconds, 43_200);
    assert.deepEqual(json.warnings, []);
    emulator.clearRequests();
    const second = await run(['federate', 'bob', '--profile', 'bob', '--policy', readS3, '--tag', 'team=data', '--json']);
    assert.equal((JSON.parse(second.stdout) as FederateJson).cache.hit, true);
    assert.equal(emulator.requestCount(), 0);
  });

  it('warns when the packed policy size is over 90%, and AWS refuses over 100% (exit 8)', async () => {
    const near = await run(['federate', 'bob', '--profile', 'bob', '--policy', policyOfLength(1500), '--json']);
    assert.equal(near.code, 0, near.stderr);
    const json = JSON.parse(near.stdout) as FederateJson;
    assert.ok((json.packedPolicySize ?? 0) > 90, String(json.packedPolicySize));
    assert.match(flat(near.stderr), new RegExp(`warning: The session policies and tags use ${String(json.packedPolicySize)}% of the packed size AWS allows`));
    assert.ok(json.warnings.some((w) => w.includes('PackedPolicyTooLarge')));

    const over = await run(['federate', 'bob', '--profile', 'bob', '--policy', policyOfLength(1800)]);
    assert.equal(over.code, 8, over.stderr);
    assert.match(flat(over.stderr), /PackedPolicyTooLarge/);
  });

  it('--policy @file and --policy-arn; --exec runs as the federated user', async () => {
    writeFileSync(join(home.path, 'policy.json'), `${readS3}\n`);
    const result = await run([
      'federate', 'carol', '--profile', 'bob', '--policy', '@policy.json', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--exec', '--', process.execPath, '-e', 'process.stdout.write(String(process.env.STSCTL_EXEC))',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'arn:aws:sts::111111111111:federated-user/carol');
  });

  it('root: at most 1 hour, with a warning', async () => {
    const result = await run(['federate', 'ops', '--profile', 'root', '--policy', readS3, '--duration', '2h', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as FederateJson;
    assert.equal(json.durationSeconds, 3600);
    assert.equal(json.requestedDurationSeconds, 7200);
    assert.match(flat(result.stderr), /AWS issued a 1h session instead of 2h: these are the account's root user keys, and AWS caps root GetFederationToken sessions at 1h/);
  });

  describe('refused before any request (exit 2)', () => {
    it('temporary credentials in the environment, with the reason', async () => {
      const temp = emulator.issueSession({ principal: 'bob' });
      const env = { AWS_ACCESS_KEY_ID: temp.accessKeyId, AWS_SECRET_ACCESS_KEY: temp.secretAccessKey, AWS_SESSION_TOKEN: temp.sessionToken };
      const result = await run(['federate', 'bob', '--policy', readS3], { env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(flat(result.stderr), /GetFederationToken needs an IAM user's long-term access keys, but the credentials in the environment .* are temporary/);
      assert.equal(emulator.requestCount(), 0);
      assert.equal(result.stdout, '');
    });

    it('a role profile, naming the keys it starts from', async () => {
      const result = await run(['federate', 'bob', '--profile', 'deploy']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(flat(result.stderr), /profile deploy gives the credentials of role arn:aws:iam::222222222222:role\/Deploy, which are temporary/);
      assert.match(flat(result.stderr), /stsctl federate bob --profile alice/);
      assert.equal(emulator.requestCount(), 0);
    });

    const bad: [string, string[], RegExp][] = [
      ['a one-character name', ['federate', 'b'], /NAME b is too short \(1 character\): federated user names are 2–32 characters/],
      ['a 33-character name', ['federate', 'x'.repeat(33)], /too long \(33 characters\)/],
      ['a name with a space', ['federate', 'bob smith'], /NAME "bob smith" contains a space/],
      ['a name with a slash', ['federate', 'team/bob'], /contains "\/"/],
      ['no name', ['federate'], /needs NAME/],
      ['a duration of 600', ['federate', 'bob', '--duration', '600'], /--duration 600 is too short: GetFederationToken accepts 900–129600 seconds/],
      ['a duration of 200000', ['federate', 'bob', '--duration', '200000'], /--duration 200000 is too long/],
      ['a policy that is not JSON', ['federate', 'bob', '--policy', '{"Statement": ['], /--policy is not valid JSON/],
      ['a policy without Statement', ['federate', 'bob', '--policy', '{"Version":"2012-10-17"}'], /without "Statement"/],
      ['a policy over 2048 characters', ['federate', 'bob', '--policy', policyOfLength(2100)], /at most 2048 characters/],
      ['a missing policy file', ['federate', 'bob', '--policy', '@nope.json'], /could not read --policy file nope.json/],
      ['a policy name instead of an ARN', ['federate', 'bob', '--policy-arn', 'ReadOnlyAccess'], /not a managed policy ARN/],
      ['a tag without =', ['federate', 'bob', '--tag', 'team'], /has no "="/],
      ['--console with --exec', ['federate', 'bob', '--console', '--exec', '--', 'true'], /--console and --exec cannot be combined/],
    ];
    for (const [name, args, message] of bad) {
      it(name, async () => {
        const result = await run(['--profile', 'bob', ...args]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(flat(result.stderr), message);
        assert.equal(emulator.requestCount(), 0);
      });
    }
  });
});
