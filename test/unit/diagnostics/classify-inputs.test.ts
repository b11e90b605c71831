// classify() on every kind of input: SDK for JavaScript v3 errors, credential-provider errors, Node system errors
// (plain, nested in `cause`, inside an AggregateError), StsctlError and its subclasses, and odd values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import { ConfigError, CredentialsError, ExitCode, StsctlError, UsageError } from '../../../src/errors.js';

function sdkError(name: string, message: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 1 }, $fault: 'client', ...extra });
}

describe('classify: SDK-shaped errors', () => {
  it('uses the exception name as the code and echoes the context', () => {
    const context = { profile: 'dev', account: '111122223333', region: 'eu-west-1', operation: 'AssumeRole' };
    const d = classify(sdkError('AccessDenied', 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Deploy', 403), context);
    assert.equal(d.category, 'access-denied');
    assert.equal(d.code, 'AccessDenied');
    assert.equal(d.operation, 'AssumeRole');
    assert.equal(d.exitCode, ExitCode.accessDenied);
    assert.deepEqual(d.context, context);
  });

  it('prefers an explicit Code over the class name', () => {
    const d = classify(sdkError('STSServiceException', 'The security token included in the request is expired', 403, { Code: 'ExpiredToken' }));
    assert.equal(d.category, 'expired-credentials');
    assert.equal(d.code, 'ExpiredToken');
  });

  it('maps the modeled STS exceptions of the v3 client', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['ExpiredTokenException', 'expired-credentials'],
      ['RegionDisabledException', 'region-disabled'],
      ['MalformedPolicyDocumentException', 'policy-document'],
      ['PackedPolicyTooLargeException', 'policy-document'],
      ['IDPRejectedClaimException', 'web-identity'],
      ['IDPCommunicationErrorException', 'web-identity'],
      ['InvalidIdentityTokenException', 'web-identity'],
      ['InvalidAuthorizationMessageException', 'validation'],
    ];
    for (const [name, category] of cases) assert.equal(classify(sdkError(name, 'x', 400)).category, category, name);
  });

  it('diagnoses CredentialsProviderError by its message', () => {
    const none = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError', tryNextLink: false });
    assert.equal(classify(none).category, 'no-credentials');
    assert.equal(classify(none).exitCode, ExitCode.credentials);
    const sso = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' });
    assert.equal(classify(sso).category, 'sso-expired');
    const token = Object.assign(new Error('Token is expired. To refresh this SSO session run \'aws sso login\' with the corresponding profile.'), { name: 'TokenProviderError' });
    assert.equal(classify(token).category, 'sso-expired');
    const profile = Object.assign(new Error('Profile staging could not be found in shared credentials file.'), { name: 'CredentialsProviderError' });
    const d = classify(profile);
    assert.equal(d.category, 'profile-config');
    assert.equal(d.exitCode, ExitCode.config);
    assert.match(d.summary, /staging/);
  });

  it('reads attempts from $metadata for throttling', () => {
    const d = classify(Object.assign(sdkError('Throttling', 'Rate exceeded', 400), { $metadata: { httpStatusCode: 400, attempts: 5 } }));
    assert.equal(d.category, 'throttling');
    assert.match(d.summary, /gave up after 5 attempts/);
  });

  it('parses an XML body from $response when the SDK could not name the error', () => {
    const error = Object.assign(new Error('UnknownError'), {
      name: 'Error',
      $metadata: { httpStatusCode: 403 },
      $response: { statusCode: 403, body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid</Message></Error></ErrorResponse>' },
    });
    assert.equal(classify(error).category, 'invalid-credentials');
  });
});

describe('classify: Node network errors', () => {
  it('classifies system error codes, including ones nested in cause or AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 1 });
    const d = classify(refused, { endpoint: 'http://127.0.0.1:1' });
    assert.equal(d.category, 'network');
    assert.equal(d.exitCode, ExitCode.network);
    assert.equal(d.causes[0]?.likelihood, 'high');
    assert.match(d.causes[0]?.cause ?? '', /local service/);
    const wrapped = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'sts.eu-west-1.amazonaws.com' }) });
    assert.equal(classify(wrapped).category, 'network');
    assert.equal(classify(wrapped).code, 'ENOTFOUND');
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('connect ETIMEDOUT 1.2.3.4:443'), { code: 'ETIMEDOUT' })], 'connect failed'), {});
    assert.equal(classify(aggregate).category, 'network');
  });

  it('treats SDK TimeoutError, socket hang up and TLS failures as network errors', () => {
    assert.equal(classify(Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })).category, 'network');
    assert.equal(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).category, 'network');
    for (const code of ['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN']) {
      const d = classify(Object.assign(new Error('certificate problem'), { code }));
      assert.equal(d.category, 'network', code);
      assert.match(d.summary, /TLS certificate/, code);
    }
    assert.equal(classify(new Error('tunneling socket could not be established, cause=connect ECONNREFUSED 10.0.0.1:3128')).code, undefined);
    assert.match(classify(new Error('tunneling socket could not be established, cause=connect ECONNREFUSED 10.0.0.1:3128')).summary, /proxy/);
  });

  it('turns a failed call to the instance metadata service into "no credentials"', () => {
    const imds = Object.assign(new Error('connect EHOSTUNREACH 169.254.169.254:80'), { code: 'EHOSTUNREACH', address: '169.254.169.254' });
    const d = classify(imds);
    assert.equal(d.category, 'no-credentials');
    assert.equal(d.exitCode, ExitCode.credentials);
  });
});

describe('classify: StsctlError', () => {
  it('maps ConfigError to profile-config with its own exit code and hints first', () => {
    const error = new ConfigError('ProfileNotFound', 'Profile "stagin" is not defined.', { hints: ['Did you mean "staging"?'] });
    const d = classify(error, { profile: 'stagin' });
    assert.equal(d.category, 'profile-config');
    assert.equal(d.exitCode, ExitCode.config);
    assert.equal(d.code, 'ProfileNotFound');
    assert.equal(d.nextSteps[0], 'Did you mean "staging"?');
  });

  it('maps UsageError to validation with exit code 2, keeping code and hints', () => {
    const error = new UsageError('--duration must be between 900 and 43200 seconds', { code: 'InvalidDuration', hints: ['Try --duration 3600'] });
    const d = classify(error);
    assert.equal(d.category, 'validation');
    assert.equal(d.exitCode, ExitCode.usage);
    assert.equal(d.code, 'InvalidDuration');
    assert.equal(d.nextSteps[0], 'Try --duration 3600');
    assert.equal(d.summary, '--duration must be between 900 and 43200 seconds');
  });

  it('maps CredentialsError by what its code says', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['NoCredentials', 'no-credentials'],
      ['MfaCodeRequired', 'mfa'],
      ['SsoSessionExpired', 'sso-expired'],
      ['SessionExpired', 'expired-credentials'],
      ['CredentialProcessFailed', 'no-credentials'],
    ];
    for (const [code, category] of cases) {
      const d = classify(new CredentialsError(code, 'x'));
      assert.equal(d.category, category, code);
      assert.equal(d.exitCode, ExitCode.credentials, code);
      assert.equal(d.code, code);
    }
  });

  it('diagnoses the AWS error a plain StsctlError wraps, keeping the StsctlError’s exit code', () => {
    const cause = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { attempts: 3 } });
    const error = new StsctlError('StsThrottled', ExitCode.throttled, 'STS kept throttling', { cause, hints: ['Wait a minute'] });
    const d = classify(error);
    assert.equal(d.category, 'throttling');
    assert.equal(d.exitCode, ExitCode.throttled);
    assert.equal(d.nextSteps[0], 'Wait a minute');
  });
});

describe('classify: anything else', () => {
  it('returns "other" with exit code 1 for unknown errors and odd values', () => {
    for (const value of [new Error('something odd'), undefined, null, 42, { foo: 'bar' }]) {
      const d = classify(value);
      assert.equal(d.category, 'other');
      assert.equal(d.exitCode, ExitCode.internal);
      assert.ok(d.nextSteps.length > 0);
    }
  });

  it('falls back to the HTTP status when nothing else is known', () => {
    assert.equal(classify(Object.assign(new Error('weird'), { $metadata: { httpStatusCode: 429 } })).category, 'throttling');
    assert.equal(classify(Object.assign(new Error('weird'), { $metadata: { httpStatusCode: 503 } })).category, 'network');
  });
});
