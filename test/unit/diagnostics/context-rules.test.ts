// Context-specific rules beyond credentials: clock skew, throttling, validation, resource not found, region
// disabled, web identity federation, policy documents and network failures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import { describeOffset, offsetFromSignatureMessage } from '../../../src/diagnostics/refine/clock-skew.js';
import { parseConstraintViolations } from '../../../src/diagnostics/refine/validation.js';

describe('clock skew', () => {
  const expired = 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)';

  it('reads both timestamps of "Signature expired" and reports the offset', () => {
    assert.equal(offsetFromSignatureMessage(expired), -(105 * 60_000 + 1_000));
    const d = classify(expired);
    assert.equal(d.category, 'clock-skew');
    assert.equal(d.exitCode, 4);
    assert.equal(d.summary, 'Your clock is 105 minutes behind AWS time, so AWS rejected the signature.');
    assert.match(d.causes[0]?.evidence[0] ?? '', /from the times in the error message/);
  });

  it('reads "Signature not yet current" as a clock ahead', () => {
    const ahead = 'SignatureDoesNotMatch: Signature not yet current: 20240101T013000Z is still later than 20240101T011500Z (20240101T010000Z + 15 min.)';
    assert.equal(offsetFromSignatureMessage(ahead), 30 * 60_000);
    assert.match(classify(ahead).summary, /30 minutes ahead of/);
  });

  it('uses the measured offset from the context when given', () => {
    const d = classify('An error occurred (RequestExpired) when calling the AssumeRole operation: Request has expired.', { clockOffsetMs: -20 * 60_000 });
    assert.equal(d.category, 'clock-skew');
    assert.match(d.summary, /20 minutes behind/);
    assert.match(d.causes[0]?.evidence[0] ?? '', /as measured by stsctl/);
    const small = classify('An error occurred (RequestExpired) when calling the AssumeRole operation: Request has expired.', { clockOffsetMs: 3_000 });
    assert.match(small.causes[0]?.cause ?? '', /held .* too long/);
  });

  it('describes offsets in sensible units', () => {
    assert.equal(describeOffset(45_000), '45 seconds ahead of');
    assert.equal(describeOffset(-60_000), '1 minute behind');
    assert.equal(describeOffset(5 * 3_600_000), 'about 5 hours ahead of');
    assert.equal(describeOffset(-3 * 86_400_000), 'about 3 days behind');
  });

  it('suspects the time zone when the offset is a whole number of hours', () => {
    const d = classify('SignatureDoesNotMatch: Signature expired: 20240101T100000Z is now earlier than 20240101T104500Z (20240101T110000Z - 15 min.)', {});
    assert.ok(d.causes.some((c) => /time zone/.test(c.cause) && c.likelihood === 'high'));
  });
});

describe('throttling', () => {
  it('explains the token bucket and gives the remedies in order, with the attempts', () => {
    const d = classify('operation error STS: AssumeRole, exceeded maximum number of attempts, 5, https response error StatusCode: 400, RequestID: r1, api error Throttling: Rate exceeded');
    assert.equal(d.category, 'throttling');
    assert.equal(d.exitCode, 6);
    assert.match(d.summary, /^STS throttled .*gave up after 5 attempts\.$/);
    assert.match(d.causes[0]?.cause ?? '', /token bucket/);
    const order = ['Reuse credentials', 'regional STS endpoint', 'back off with jitter', 'stsctl doctor --all-profiles --rate'];
    const positions = order.map((text) => d.nextSteps.findIndex((s) => s.includes(text)));
    assert.ok(positions.every((p) => p >= 0), JSON.stringify(d.nextSteps));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.ok(d.nextSteps.some((s) => s.includes('AWS_RETRY_MODE=adaptive') && s.includes('AWS_MAX_ATTEMPTS')));
  });

  it('takes the attempts from the context and covers every throttling code', () => {
    for (const code of ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']) {
      const d = classify(Object.assign(new Error('Rate exceeded'), { name: code }), { attempts: 3, operation: 'GetCallerIdentity' });
      assert.equal(d.category, 'throttling', code);
      assert.match(d.summary, /gave up after 3 attempts/, code);
    }
    assert.equal(classify('Rate exceeded').category, 'throttling');
  });

  it('raises the global endpoint when the calls went there', () => {
    const d = classify('Throttling: Rate exceeded', { endpoint: 'https://sts.amazonaws.com', operation: 'GetCallerIdentity' });
    assert.ok(d.causes.some((c) => /every regional STS endpoint has its own bucket/.test(c.cause) && c.likelihood === 'high'));
  });
});

describe('validation', () => {
  const two =
    "An error occurred (ValidationError) when calling the AssumeRole operation: 2 validation errors detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*";

  it('names each parameter, its value and the accepted range', () => {
    assert.deepEqual(parseConstraintViolations(two), [
      { parameter: 'durationSeconds', value: '600', constraint: 'have value greater than or equal to 900' },
      { parameter: 'roleSessionName', value: 'my session', constraint: 'satisfy regular expression pattern: [\\w+=,.@-]*' },
    ]);
    const d = classify(two);
    assert.equal(d.category, 'validation');
    assert.equal(d.exitCode, 8);
    assert.match(d.causes[0]?.cause ?? '', /durationSeconds is '600' but must have value greater than or equal to 900/);
    assert.match(d.causes[1]?.cause ?? '', /roleSessionName is 'my session'/);
    assert.ok(d.nextSteps.some((s) => s.includes('--duration')));
    assert.ok(d.nextSteps.some((s) => s.includes('--session-name')));
    assert.deepEqual(parseConstraintViolations("Value null at 'roleArn' failed to satisfy constraint: Member must not be null"), [
      { parameter: 'roleArn', value: undefined, constraint: 'not be null' },
    ]);
  });

  it('tells to lower --duration or raise MaxSessionDuration', () => {
    const d = classify('An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', {
      roleArn: 'arn:aws:iam::111122223333:role/team/Deploy',
      durationSeconds: 43200,
    });
    assert.match(d.summary, /longer than the role allows/);
    assert.ok(d.nextSteps.includes('Ask for less: stsctl assume arn:aws:iam::111122223333:role/team/Deploy --duration 3600'));
    assert.ok(d.nextSteps.includes('Or raise the maximum (seconds, up to 43200): aws iam update-role --role-name Deploy --max-session-duration 43200'));
  });

  it('recognises the one-hour role-chaining limit, from the message or the context', () => {
    const fromMessage = classify('ValidationError: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    assert.match(fromMessage.summary, /role chaining/);
    const fromContext = classify(Object.assign(new Error('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'), { name: 'ValidationError' }), {
      chained: true,
      durationSeconds: 7200,
    });
    assert.match(fromContext.causes[0]?.cause ?? '', /7200 s\) is over 3600 s/);
  });
});

describe('resource not found', () => {
  it('prints the region and account in use and those the error names, and flags the difference', () => {
    const text = 'An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:111122223333:function:my-fn';
    const d = classify(text, { region: 'eu-west-1', account: '444455556666' });
    assert.equal(d.category, 'resource-not-found');
    assert.match(d.summary, /region us-east-1, but the request went to eu-west-1/);
    assert.equal(d.causes[0]?.likelihood, 'high');
    assert.ok(d.causes.some((c) => c.evidence.some((e) => /account 111122223333 but the credentials are for 444455556666/.test(e))));
    assert.ok(d.causes.some((c) => c.evidence.some((e) => e.includes('in use: account 444455556666, region eu-west-1; named by the error: account 111122223333, region us-east-1'))));
    assert.ok(d.nextSteps.some((s) => s.includes('--region us-east-1')));
  });

  it('reads a region embedded in an identifier and says when the context matches', () => {
    const pool = 'ResourceNotFoundException: User pool us-east-2_vLD8dbSby does not exist.';
    assert.match(classify(pool, { region: 'us-east-1' }).summary, /us-east-2, but the request went to us-east-1/);
    const same = classify(pool, { region: 'us-east-2' });
    assert.match(same.causes[0]?.cause ?? '', /misspelt|deleted/);
    assert.match(classify(pool).summary, /names region us-east-2/);
  });
});

describe('region disabled', () => {
  it('classifies RegionDisabledException and OptInRequired with exit code 7 and how to fix', () => {
    const disabled = classify('RegionDisabledException: STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.', { region: 'ap-east-1' });
    assert.equal(disabled.category, 'region-disabled');
    assert.equal(disabled.exitCode, 7);
    assert.match(disabled.summary, /ap-east-1/);
    assert.ok(disabled.nextSteps.some((s) => s.includes('IAM console')));
    assert.ok(disabled.nextSteps.some((s) => s.includes('--region us-east-1')));
    assert.ok(disabled.nextSteps.some((s) => s.includes('aws account enable-region --region-name ap-east-1')));
    const optIn = classify(Object.assign(new Error('You are not subscribed to this service.'), { name: 'OptInRequired' }), { region: 'me-south-1' });
    assert.equal(optIn.category, 'region-disabled');
    assert.equal(optIn.exitCode, 7);
    assert.ok(optIn.nextSteps.includes('Enable it (takes a few minutes): aws account enable-region --region-name me-south-1'));
  });
});

describe('web identity', () => {
  it('covers GitHub Actions OIDC denials: sub condition, id-token permission, trust statement', () => {
    const d = classify('Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity', { roleArn: 'arn:aws:iam::111122223333:role/gha' });
    assert.equal(d.category, 'web-identity');
    assert.equal(d.exitCode, 5);
    assert.match(d.causes[0]?.cause ?? '', /token\.actions\.githubusercontent\.com:sub/);
    assert.ok(d.nextSteps.some((s) => s.includes('id-token: write')));
    assert.ok(d.nextSteps.some((s) => s.includes('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')));
    assert.ok(d.nextSteps.some((s) => s.includes('aws iam get-role --role-name gha')));
  });

  it('covers IDPRejectedClaim, InvalidIdentityToken and IDPCommunicationError', () => {
    assert.equal(classify('An error occurred (IDPRejectedClaim) when calling the AssumeRoleWithSAML operation: Error validating SAML assertion').category, 'web-identity');
    const keys = classify("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
    assert.match(keys.causes[0]?.cause ?? '', /JWKS/);
    const missing = classify('An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com');
    assert.match(missing.causes[0]?.cause ?? '', /No IAM OIDC provider/);
    const comms = classify(Object.assign(new Error('IdP not reachable'), { name: 'IDPCommunicationErrorException' }));
    assert.equal(comms.category, 'web-identity');
    assert.equal(comms.exitCode, 7);
  });
});

describe('policy documents', () => {
  it('classifies MalformedPolicyDocument and PackedPolicyTooLarge with exit code 8', () => {
    const bad = classify('An error occurred (MalformedPolicyDocument) when calling the AssumeRole operation: Syntax errors in policy.');
    assert.equal(bad.category, 'policy-document');
    assert.equal(bad.exitCode, 8);
    const big = classify('An error occurred (PackedPolicyTooLarge) when calling the AssumeRole operation: Packed policy consumes 112% of allotted space, please use smaller policy.');
    assert.equal(big.category, 'policy-document');
    assert.match(big.summary, /112%/);
  });
});

describe('network', () => {
  it('spots a host built from something that is not a region', () => {
    const d = classify("Error: getaddrinfo ENOTFOUND sts.eu.amazonaws.com\n  code: 'ENOTFOUND',\n  hostname: 'sts.eu.amazonaws.com'");
    assert.equal(d.category, 'network');
    assert.equal(d.exitCode, 7);
    assert.match(d.summary, /"eu" is not an AWS region/);
    const az = classify('Could not connect to the endpoint URL: "https://sts.us-east-1a.amazonaws.com/"');
    assert.ok(az.nextSteps[0]?.includes('export AWS_REGION=us-east-1'));
  });

  it('covers DNS, refused, reset, timeouts, TLS and proxies', () => {
    const texts = [
      'getaddrinfo EAI_AGAIN sts.us-east-1.amazonaws.com',
      'connect ECONNREFUSED 10.1.2.3:443',
      'Error: socket hang up',
      'connect ETIMEDOUT 52.94.0.1:443',
      'RequestTimeout: Your socket connection to the server was not read from or written to within the timeout period.',
      'Error: certificate has expired',
      'Error: unable to verify the first certificate',
      'Error: self-signed certificate in certificate chain',
      'tunneling socket could not be established, statusCode=407',
      'Could not connect to the endpoint URL: "https://sts.eu-west-1.amazonaws.com/"',
    ];
    for (const text of texts) {
      const d = classify(text);
      assert.equal(d.category, 'network', text);
      assert.equal(d.exitCode, 7, text);
    }
  });
});
