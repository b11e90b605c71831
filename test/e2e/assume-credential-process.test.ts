// `credential_process = stsctl assume ROLE --format json` used by other tools: the Python AWS CLI (when installed)
// and the AWS SDK for JavaScript (through `stsctl whoami`, whose credential_process support is the SDK's fromProcess).
// Cached credentials are returned with no call; an MFA role with no terminal fails cleanly with a message.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';
import { hasCommand, runInShell } from '../support/run-in-shell.js';

const files = demoConfig();
const config = `${files.config}
[profile via-process]
credential_process = stsctl assume deploy --format json
region = us-east-1

[profile via-process-mfa]
credential_process = stsctl assume admin --format json
region = us-east-1
`;

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('credential_process = stsctl assume ROLE --format json', () => {
  let emulator: Emulator;
  let home: TempHome;
  const hasAws = hasCommand('aws');

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.clearRequests();
    home = await createTempHome();
    await writeAwsFiles(home.path, { config, credentials: files.credentials });
  });

  it('the AWS CLI gets the role, and a second run makes no AssumeRole call', { skip: !hasAws && 'the aws CLI is not installed' }, async () => {
    const first = await runInShell('aws', ['sts', 'get-caller-identity', '--profile', 'via-process', '--output', 'json'], { home: home.path, emulator, timeoutMs: 30_000 });
    assert.equal(first.code, 0, first.stderr);
    assert.equal((JSON.parse(first.stdout) as { Arn: string }).Arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/alice');
    assert.equal(emulator.requestCount('AssumeRole'), 1);

    emulator.clearRequests();
    const second = await runInShell('aws', ['sts', 'get-caller-identity', '--profile', 'via-process', '--output', 'json'], { home: home.path, emulator, timeoutMs: 30_000 });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(emulator.requestCount('AssumeRole'), 0, 'cached credentials, no call');
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1, "only the AWS CLI's own call");
  });

  it('an MFA role with no terminal fails cleanly, the message reaching the AWS CLI user', { skip: !hasAws && 'the aws CLI is not installed' }, async () => {
    const result = await runInShell('aws', ['sts', 'get-caller-identity', '--profile', 'via-process-mfa'], { home: home.path, emulator, timeoutMs: 30_000 });
    assert.notEqual(result.code, 0);
    assert.match(flat(result.stderr), /An MFA code is needed for arn:aws:iam::111111111111:mfa\/alice, and there is no terminal to ask on/);
    assert.match(flat(result.stderr), /--token-code/);
    assert.equal(emulator.requestCount('AssumeRole'), 0);
  });

  it('an MFA role assumed once with a code is then served to the AWS CLI from the cache, without a prompt', { skip: !hasAws && 'the aws CLI is not installed' }, async () => {
    const warm = await runCli(['assume', 'admin', '--token-code', demo.mfaCode, '--format', 'json'], { emulator, home });
    assert.equal(warm.code, 0, warm.stderr);
    emulator.clearRequests();
    const result = await runInShell('aws', ['sts', 'get-caller-identity', '--profile', 'via-process-mfa', '--output', 'json'], { home: home.path, emulator, timeoutMs: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /assumed-role\/Admin\/alice/);
    assert.equal(emulator.requestCount('AssumeRole'), 0);
  });

  it('the AWS SDK for JavaScript (fromProcess, via stsctl whoami) gets the role too', async () => {
    const result = await runInShell('stsctl', ['whoami', '--profile', 'via-process', '--json'], { home: home.path, emulator });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { arn: string }).arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/alice');
  });
});
