// stsctl explain as a new user would try it: paste the examples of issue 3, in the shapes other tools print them,
// and get the right category and a cause specific to the text. Offline by default; --live adds who you are and
// the clock offset.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli, type RunOptions, type RunResult } from '../support/cli-runner.js';
import { demo, startEmulator, type Emulator } from '../support/emulator/index.js';

interface DiagnosisDocument {
  readonly category: string;
  readonly code?: string;
  readonly summary: string;
  readonly exitCode: number;
  readonly causes: readonly { readonly cause: string; readonly likelihood: string; readonly evidence: readonly string[] }[];
  readonly nextSteps: readonly string[];
  readonly context: { readonly account?: string; readonly region?: string; readonly clockOffsetMs?: number; readonly callerArn?: string };
}

function parse(result: RunResult): DiagnosisDocument {
  return JSON.parse(result.stdout) as DiagnosisDocument;
}

/** Summary, causes (with evidence) and next steps as one text, to look for the specific cause in. */
function explanation(diagnosis: DiagnosisDocument): string {
  return [diagnosis.summary, ...diagnosis.causes.map((cause) => `${cause.cause} ${cause.evidence.join(' ')}`), ...diagnosis.nextSteps].join('\n');
}

interface Example {
  readonly name: string;
  readonly text: string;
  readonly category: string;
  /** The top-ranked cause must match this. */
  readonly topCause: RegExp;
  /** And the whole explanation must mention this. */
  readonly mentions?: RegExp;
}

// The examples the issue lists, each in the words of a different tool.
const examples: readonly Example[] = [
  {
    name: 'AWS CLI: AccessDenied on AssumeRole, trust policy (caller and role named)',
    text: 'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deploy',
    category: 'access-denied',
    topCause: /trust policy does not allow arn:aws:iam::111111111111:user\/bob/,
    mentions: /"AWS": "arn:aws:iam::111111111111:user\/bob"/,
  },
  {
    name: 'AWS CLI: explicit deny in a service control policy',
    text: 'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deploy with an explicit deny in a service control policy',
    category: 'access-denied',
    topCause: /service control policy/,
  },
  {
    name: 'Go SDK: explicit deny in a permissions boundary, from an assumed role',
    text: 'operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 1a2b3c4d-0000-0000-0000-000000000000, api error AccessDenied: User: arn:aws:sts::111111111111:assumed-role/Ops/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deploy with an explicit deny in a permissions boundary',
    category: 'access-denied',
    topCause: /permissions boundary/,
  },
  {
    name: 'root calling AssumeRole',
    text: 'An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.',
    category: 'access-denied',
    topCause: /root user/,
  },
  {
    name: 'boto3: InvalidClientTokenId',
    text: 'botocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    category: 'invalid-credentials',
    topCause: /deleted|deactivated|rotated/,
    mentions: /session token|partition|opt-in/i,
  },
  {
    name: 'AWS CLI: Signature expired (clock skew, offset read from the message)',
    text: 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20240101T120000Z is now earlier than 20240101T121500Z (20240101T123000Z - 15 min.)',
    category: 'clock-skew',
    topCause: /clock/i,
    mentions: /30 minutes/,
  },
  {
    name: 'AWS CLI: SignatureDoesNotMatch, the secret copied wrong',
    text: 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    category: 'invalid-credentials',
    topCause: /secret access key was copied wrong/,
  },
  {
    name: 'ResourceNotFoundException names the resource',
    text: 'An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Requested resource not found: Table: orders not found',
    category: 'resource-not-found',
    topCause: /region/,
  },
  {
    name: 'ValidationError: parameter, value and accepted range',
    text: "An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    category: 'validation',
    topCause: /durationSeconds is '600' but must have value greater than or equal to 900/,
  },
  {
    name: 'ValidationError: role chaining limit',
    text: 'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    category: 'validation',
    topCause: /3600 s|one hour|1 hour/,
  },
  {
    name: 'ValidationError: MaxSessionDuration',
    text: 'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    category: 'validation',
    topCause: /MaxSessionDuration/,
  },
  {
    name: 'Java SDK: Throttling, with the remedies',
    text: 'com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException: Rate exceeded (Service: AWSSecurityTokenService; Status Code: 400; Error Code: Throttling; Request ID: 5c0f0000-0000-0000-0000-000000000000)',
    category: 'throttling',
    topCause: /token bucket/,
    mentions: /[Rr]euse[\s\S]*regional[\s\S]*back off/,
  },
  {
    name: 'Terraform: ExpiredToken through the Go SDK',
    text: 'Error: error configuring Terraform AWS Provider: error validating provider credentials: error calling sts:GetCallerIdentity: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 2b2b, api error ExpiredToken: The security token included in the request is expired',
    category: 'expired-credentials',
    topCause: /end of its duration|expired/,
  },
  {
    name: 'GitHub Actions configure-aws-credentials: OIDC not trusted',
    text: 'Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    category: 'web-identity',
    topCause: /token\.actions\.githubusercontent\.com:sub/,
  },
];

const jsSdkStackTrace = `ExpiredTokenException: The security token included in the request is expired
    at Request.extractError (/app/node_modules/aws-sdk/lib/protocol/query.js:50:29)
    at Request.callListeners (/app/node_modules/aws-sdk/lib/sequential_executor.js:106:20)
    at Request.emit (/app/node_modules/aws-sdk/lib/sequential_executor.js:78:10) {
  code: 'ExpiredTokenException',
  time: 2024-01-01T12:00:00.000Z,
  statusCode: 403,
  retryable: false
}`;

describe('stsctl explain', () => {
  for (const example of examples) {
    it(`${example.name} → ${example.category}`, async () => {
      const result = await runCli(['explain', '--json', example.text]);
      assert.equal(result.code, 0, result.stderr);
      const diagnosis = parse(result);
      assert.equal(diagnosis.category, example.category, explanation(diagnosis));
      assert.match(diagnosis.causes[0]?.cause ?? '', example.topCause);
      if (example.mentions) assert.match(explanation(diagnosis), example.mentions);
    });
  }

  it('reads a whole JS SDK v2 stack trace from stdin with "-", and prints the diagnosis as text on stdout', async () => {
    const result = await runCli(['explain', '-'], { stdin: jsSdkStackTrace });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^✗ Expired credentials/);
    assert.match(result.stdout, /Next steps/);
    assert.equal(result.stderr, '');
  });

  it('reads piped stdin when no text is given', async () => {
    const result = await runCli(['explain', '--json'], { stdin: `${examples[0]?.text ?? ''}\n` });
    assert.equal(result.code, 0);
    assert.equal(parse(result).category, 'access-denied');
  });

  it('joins several words into one text (unquoted paste)', async () => {
    const result = await runCli(['explain', '--json', 'An', 'error', 'occurred', '(ExpiredToken)', 'when', 'calling', 'the', 'GetCallerIdentity', 'operation:', 'The', 'security', 'token', 'included', 'in', 'the', 'request', 'is', 'expired']);
    assert.equal(parse(result).category, 'expired-credentials');
  });

  it('exits 0 even for text it does not recognise, with the other category', async () => {
    const result = await runCli(['explain', '--json', 'segmentation fault (core dumped)']);
    assert.equal(result.code, 0);
    assert.equal(parse(result).category, 'other');
  });

  it('exits 2 when there is nothing to explain', async () => {
    const result = await runCli(['explain'], { stdin: '   \n' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Nothing to explain/);
  });

  it('never echoes a secret pasted along with the error', async () => {
    const secret = demo.alice.secretAccessKey;
    const result = await runCli(['explain', '-'], {
      stdin: `aws_secret_access_key=${secret}\nAn error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided.`,
      secrets: [secret],
    });
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout, new RegExp(secret.replace(/[+/]/g, '\\$&')));
  });

  describe('--live', () => {
    let emulator: Emulator;
    const credentials = `[alice]\naws_access_key_id = ${demo.alice.accessKeyId}\naws_secret_access_key = ${demo.alice.secretAccessKey}\n`;
    const config = '[profile alice]\nregion = eu-west-1\n';
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

    it('makes no call without --live', async () => {
      await run(['explain', '--profile', 'alice', examples[0]?.text ?? '']);
      assert.equal(emulator.requestCount(), 0);
    });

    it('adds the account, ARN and region of the active profile', async () => {
      const result = await run(['explain', '--live', '--profile', 'alice', '--json', examples[0]?.text ?? '']);
      assert.equal(result.code, 0, result.stderr);
      const diagnosis = parse(result);
      assert.equal(diagnosis.context.account, '111111111111');
      assert.equal(diagnosis.context.callerArn, demo.alice.arn);
      assert.equal(diagnosis.context.region, 'eu-west-1');
      const text = await run(['explain', '--live', '--profile', 'alice', examples[0]?.text ?? '']);
      assert.match(text.stdout, /account 111111111111/);
      assert.match(text.stdout, /region eu-west-1/);
    });

    it('measures the clock offset from STS and uses it for a Signature expired error', async () => {
      emulator.setFaults({ clockSkewMs: 20 * 60_000 });
      const signatureExpired = 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20240101T120000Z is now earlier than 20240101T121500Z (20240101T123000Z - 15 min.)';
      const result = await run(['explain', '--live', '--profile', 'alice', '--json', signatureExpired]);
      assert.equal(result.code, 0, result.stderr);
      const diagnosis = parse(result);
      assert.equal(diagnosis.category, 'clock-skew');
      assert.ok(Math.abs((diagnosis.context.clockOffsetMs ?? 0) + 20 * 60_000) < 5000, `measured ${String(diagnosis.context.clockOffsetMs)}`);
      assert.match(explanation(diagnosis), /(19|20)(\.\d)? minutes/);
    });

    it('still explains when the live lookup fails, and says why on stderr', async () => {
      const result = await run(['explain', '--live', '--profile', 'alice', '--max-attempts', '1', examples[0]?.text ?? ''], {
        env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' },
      });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /Access denied/);
      assert.match(result.stderr, /warning: live context incomplete: network/);
    });
  });
});
