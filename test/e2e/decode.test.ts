// stsctl decode end to end, tried as a new user would: the simulated EC2 endpoint refuses RunInstances with an
// encoded message, the error text is pasted with log lines around it and a line break in the middle of the message,
// and stsctl decodes it through the emulator's DecodeAuthorizationMessage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, type TempHome } from '../support/cli-runner.js';
import { aliceAndBobCredentials } from '../support/e2e-setup.js';
import { demo, signRequest, startEmulator, type Emulator } from '../support/emulator/index.js';

const { alice } = demo;

const credentials = aliceAndBobCredentials;

const config = `[profile alice]
region = us-east-1

[profile bob]
region = us-east-1
`;

const marker = 'Encoded authorization failure message: ';

/** Calls the simulated EC2 endpoint as `principal` and returns the error message it sends back. */
async function runInstancesDenial(emulator: Emulator, principal: typeof alice): Promise<string> {
  const signed = signRequest({
    url: emulator.ec2Url,
    params: { Action: 'RunInstances', Version: '2016-11-15', InstanceType: 'm5.large', ImageId: 'ami-0abc1234', MinCount: '1', MaxCount: '1' },
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    region: 'us-east-1',
    service: 'ec2',
    time: emulator.now(),
  });
  const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, ...(signed.body === undefined ? {} : { body: signed.body }) });
  assert.equal(response.status, 403);
  const body = await response.text();
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1];
  if (message === undefined || !message.includes(marker)) assert.fail(`no encoded message in ${body}`);
  return message;
}

function encodedPart(errorMessage: string): string {
  return errorMessage.slice(errorMessage.indexOf(marker) + marker.length);
}

/** The AWS CLI's error as it lands in a CI log, with the message broken over two lines by the log viewer. */
function pastedLog(errorMessage: string): string {
  const encoded = encodedPart(errorMessage);
  const cut = Math.floor(encoded.length / 2);
  return [
    '2026-03-14T09:12:01Z [deploy] launching web tier',
    '2026-03-14T09:12:02Z [deploy] aws ec2 run-instances --image-id ami-0abc1234 --instance-type m5.large',
    `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: ${errorMessage.slice(0, errorMessage.indexOf(marker) + marker.length)}${encoded.slice(0, cut)}`,
    encoded.slice(cut),
    '2026-03-14T09:12:02Z [deploy] step failed with exit code 254',
    '',
  ].join('\n');
}

/** Diagnoses are wrapped to the terminal width: compare them as one line. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function assertDecodedText(stdout: string): void {
  const lines = stdout.split('\n');
  assert.equal(lines[0], 'DENIED because no statement allowed it (implicit deny)', stdout);
  assert.match(stdout, /Principal\s+IAM user alice/);
  assert.match(stdout, /ID\s+AIDAALICEEXAMPLE00001/);
  assert.match(stdout, /ARN\s+arn:aws:iam::111111111111:user\/alice/);
  assert.match(stdout, /Action\s+ec2:RunInstances/);
  assert.match(stdout, /Resource\s+arn:aws:ec2:us-east-1:111111111111:instance\/\*/);
  assert.match(stdout, /│ ec2:InstanceType\s+│ m5\.large\s+│/);
  assert.match(stdout, /│ ec2:Region\s+│ us-east-1\s+│/);
  assert.match(stdout, /│ aws:RequestedRegion\s+│ us-east-1\s+│/);
  assert.match(stdout, /"Effect": "Allow",\n\s+"Action": "ec2:RunInstances",\n\s+"Resource": "arn:aws:ec2:us-east-1:111111111111:instance\/\*"/);
  assert.match(stdout, /aws iam put-user-policy --user-name alice/);
}

describe('stsctl decode', () => {
  let emulator: Emulator;
  let home: TempHome;
  let denial: string;
  before(async () => {
    emulator = await startEmulator();
    home = await createTempHome();
    denial = await runInstancesDenial(emulator, alice);
  });
  after(async () => {
    await emulator.close();
    await home.cleanup();
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearRequests();
  });

  it('decodes a message pasted on stdin with log lines around it and a line break in the middle', async () => {
    const result = await runCli(['decode', '-', '--profile', 'alice'], { emulator, config, credentials, stdin: pastedLog(denial) });
    assert.equal(result.code, 0, result.stderr);
    assertDecodedText(result.stdout);
    assert.match(result.stderr, /split over 2 lines; stsctl joined them/);
    assert.equal(emulator.requestCount('DecodeAuthorizationMessage'), 1);
  });

  it('decodes the same pasted text given as an argument', async () => {
    const result = await runCli(['decode', pastedLog(denial), '--profile', 'alice'], { emulator, config, credentials });
    assert.equal(result.code, 0, result.stderr);
    assertDecodedText(result.stdout);
  });

  it('decodes it from --file', async () => {
    const file = join(home.path, 'ci.log');
    await writeFile(file, pastedLog(denial));
    const result = await runCli(['decode', '--file', file, '--profile', 'alice'], { emulator, config, credentials, home });
    assert.equal(result.code, 0, result.stderr);
    assertDecodedText(result.stdout);
  });

  it('prints the parsed object with --json, so jq .context.action works', async () => {
    const result = await runCli(['decode', '-', '--json', '--profile', 'alice'], { emulator, config, credentials, stdin: pastedLog(denial) });
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as {
      allowed: boolean;
      explicitDeny: boolean;
      verdict: string;
      context: { action: string; resource: string; principal: { arn: string }; conditions: { key: string; values: string[] }[] };
      advice: { allowStatement: { Action: string } };
    };
    assert.equal(document.allowed, false);
    assert.equal(document.explicitDeny, false);
    assert.equal(document.verdict, 'implicit-deny');
    assert.equal(document.context.principal.arn, alice.arn);
    assert.deepEqual(document.context.conditions.find((c) => c.key === 'ec2:InstanceType'), { key: 'ec2:InstanceType', values: ['m5.large'] });
    assert.equal(document.advice.allowStatement.Action, 'ec2:RunInstances');
    const jq = spawnSync('jq', ['-r', '.context.action'], { input: result.stdout, encoding: 'utf8' });
    if (jq.error === undefined) {
      assert.equal(jq.status, 0, jq.stderr);
      assert.equal(jq.stdout, 'ec2:RunInstances\n');
    } else {
      assert.equal(document.context.action, 'ec2:RunInstances');
    }
  });

  it('names an explicit deny, the statement that matched and where such denies live', async () => {
    const message = emulator.issueEncodedMessage({
      principalArn: alice.arn,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::audit-logs/2026/03/14.json',
      explicitDeny: true,
      conditions: { 'aws:SecureTransport': 'true' },
    });
    const result = await runCli(['decode', message, '--profile', 'alice'], { emulator, config, credentials });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.split('\n')[0], 'DENIED by an explicit deny');
    assert.match(result.stdout, /1\. Deny "DenyByPolicy"/);
    assert.match(result.stdout, /│ aws:SecureTransport\s+│ true\s+│/);
    for (const place of ['identity-based policy', 'permissions boundary', 'service control policy', 'session policy', 'resource-based policy']) {
      assert.ok(result.stdout.includes(place), `${place} missing`);
    }
    assert.match(result.stdout, /aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::111111111111:user\/alice --action-names s3:GetObject/);
    assert.doesNotMatch(result.stdout, /"Effect": "Allow"/);
  });

  it('tells a caller without sts:DecodeAuthorizationMessage what to add, and that someone with it can decode (exit 5)', async () => {
    const result = await runCli(['decode', '-', '--profile', 'bob'], { emulator, config, credentials, stdin: pastedLog(denial) });
    assert.equal(result.code, 5, result.stderr);
    assert.equal(result.stdout, '');
    const stderr = flat(result.stderr);
    assert.match(stderr, /arn:aws:iam::111111111111:user\/bob may not call sts:DecodeAuthorizationMessage/);
    assert.match(stderr, /"Action": "sts:DecodeAuthorizationMessage"/);
    assert.match(stderr, /someone who has sts:DecodeAuthorizationMessage/);
    assert.doesNotMatch(stderr, /If the error carries an "Encoded authorization failure message"/);

    const json = await runCli(['decode', '-', '--profile', 'bob', '--json'], { emulator, config, credentials, stdin: pastedLog(denial) });
    assert.equal(json.code, 5);
    const { error } = JSON.parse(json.stdout) as { error: { code: string; exitCode: number; operation: string; nextSteps: string[] } };
    assert.equal(error.code, 'AccessDenied');
    assert.equal(error.exitCode, 5);
    assert.equal(error.operation, 'DecodeAuthorizationMessage');
    assert.ok(error.nextSteps.some((step) => step.includes('sts:DecodeAuthorizationMessage')));
  });

  it('explains a mangled message: truncated copy, line breaks, another account or partition (exit 8)', async () => {
    const encoded = encodedPart(denial);
    const mangled = `${marker}${encoded.slice(0, encoded.length - 40)}`;
    const result = await runCli(['decode', mangled, '--profile', 'alice'], { emulator, config, credentials });
    assert.equal(result.code, 8, result.stderr);
    assert.equal(result.stdout, '');
    const stderr = flat(result.stderr);
    assert.match(stderr, /InvalidAuthorizationMessage/);
    assert.match(stderr, /cut short/);
    assert.match(stderr, /[Ll]ine breaks/);
    assert.match(stderr, /another account/);
    assert.match(stderr, /another partition/);
    assert.equal(emulator.requestCount('DecodeAuthorizationMessage'), 1);
  });

  it('refuses input that is not an encoded message with exit 2 and no request', async () => {
    const inputs: { args: string[]; stdin?: string; pattern: RegExp }[] = [
      { args: ['hello', 'world'], pattern: /not an encoded authorization message \(it contains a space/ },
      { args: [alice.arn], pattern: /not an encoded authorization message \(it contains ":"\)/ },
      { args: ['-'], stdin: '', pattern: /No encoded message was given/ },
      { args: ['-'], stdin: 'You are not authorized to perform this operation. Encoded authorization failure message: \n', pattern: /no message follows it/ },
      {
        args: ['-'],
        stdin: 'An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:GetObject action\n',
        pattern: /nothing to decode/,
      },
    ];
    for (const input of inputs) {
      const result = await runCli(['decode', ...input.args, '--profile', 'alice'], { emulator, config, credentials, ...(input.stdin === undefined ? {} : { stdin: input.stdin }) });
      assert.equal(result.code, 2, `${input.args.join(' ')}: ${result.stderr}`);
      assert.match(flat(result.stderr), input.pattern);
    }
    const json = await runCli(['decode', 'not a message', '--json'], { emulator, config, credentials });
    assert.equal(json.code, 2);
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'NotAnEncodedMessage');
    assert.equal(emulator.requestCount(), 0);
  });
});
