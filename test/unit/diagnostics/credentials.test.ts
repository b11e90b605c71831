// Credential failures with context: InvalidClientTokenId (ASIA without token, other partition, opt-in region via
// the global endpoint), SignatureDoesNotMatch, ExpiredToken, MFA, no credentials, SSO and profiles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import type { Diagnosis } from '../../../src/diagnostics/types.js';

const INVALID = 'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.';

function causeById(d: Diagnosis, pattern: RegExp): Diagnosis['causes'][number] | undefined {
  return d.causes.find((c) => pattern.test(c.cause));
}

describe('InvalidClientTokenId', () => {
  it('without context ranks a deleted or rotated key first', () => {
    const d = classify(INVALID);
    assert.equal(d.category, 'invalid-credentials');
    assert.equal(d.exitCode, 4);
    assert.match(d.causes[0]?.cause ?? '', /deleted, deactivated or rotated/);
  });

  it('a temporary ASIA key without its session token is the prime suspect', () => {
    const d = classify(INVALID, { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', hasSessionToken: false });
    assert.match(d.causes[0]?.cause ?? '', /without their session token/);
    assert.equal(d.causes[0]?.likelihood, 'high');
    assert.ok(d.causes[0]?.evidence.some((e) => e.includes('ASIA…MPLE')));
    assert.ok(!JSON.stringify(d.causes).includes('ASIAIOSFODNN7EXAMPLE'), 'the key id is masked in evidence');
    assert.equal(causeById(d, /deleted, deactivated/)?.likelihood, 'low');
  });

  it('a long-term key sent with a session token points at a leftover token', () => {
    const d = classify(INVALID, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', hasSessionToken: true });
    assert.match(d.causes[0]?.cause ?? '', /leftover session token/);
    assert.equal(d.nextSteps[0], 'Remove the leftover token: unset AWS_SESSION_TOKEN   (or: eval "$(stsctl assume --unset)")');
  });

  it('flags another partition when the region is in aws-cn or aws-us-gov', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1']) {
      const d = classify(INVALID, { region });
      assert.equal(causeById(d, /another partition/)?.likelihood, 'high', region);
    }
    assert.equal(causeById(classify(INVALID, { region: 'eu-west-1' }), /another partition/)?.likelihood, 'low');
  });

  it('flags a global-endpoint token used in an opt-in region and suggests regional endpoints or v2 tokens', () => {
    const d = classify(INVALID, { region: 'af-south-1', endpoint: 'https://sts.amazonaws.com' });
    assert.match(d.causes[0]?.cause ?? '', /opt-in region/);
    assert.equal(d.causes[0]?.likelihood, 'high');
    assert.ok(d.nextSteps.some((s) => s.includes('aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token')));
    assert.ok(d.nextSteps.some((s) => s.includes('AWS_STS_REGIONAL_ENDPOINTS=regional AWS_REGION=af-south-1')));
    for (const region of ['ap-east-1', 'me-south-1', 'eu-south-1', 'ap-southeast-3', 'me-central-1', 'ap-south-2', 'eu-south-2', 'eu-central-2', 'il-central-1', 'ca-west-1', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'mx-central-1']) {
      assert.equal(causeById(classify(INVALID, { region, endpoint: 'https://sts.amazonaws.com' }), /opt-in region/)?.likelihood, 'high', region);
    }
    // Without knowing the endpoint it is only a possibility; outside opt-in regions it stays low.
    assert.equal(causeById(classify(INVALID, { region: 'af-south-1' }), /opt-in region/)?.likelihood, 'medium');
    assert.equal(causeById(classify(INVALID, { region: 'eu-west-1', endpoint: 'https://sts.amazonaws.com' }), /opt-in region/)?.likelihood, 'low');
  });

  it('reads the region from the endpoint host in a pasted debug log', () => {
    const log = 'Starting new HTTPS connection (1): sts.af-south-1.amazonaws.com:443\n<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid</Message>';
    assert.equal(causeById(classify(log), /opt-in region/)?.likelihood, 'medium');
  });
});

describe('SignatureDoesNotMatch', () => {
  const text = 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';

  it('is a mangled secret when the clock is fine', () => {
    const d = classify(text, { clockOffsetMs: 2_000 });
    assert.equal(d.category, 'invalid-credentials');
    assert.match(d.causes[0]?.cause ?? '', /copied wrong/);
    assert.ok(causeById(d, /clock/)?.evidence.some((e) => /2 s off/.test(e)));
  });

  it('is clock skew when the measured offset is large', () => {
    const d = classify(text, { clockOffsetMs: 14 * 60_000 });
    assert.equal(d.category, 'clock-skew');
    assert.match(d.summary, /your clock is 14 minutes ahead of AWS time/i);
  });
});

describe('ExpiredToken', () => {
  const text = 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired';

  it('suggests refreshing and clearing stale exports', () => {
    const d = classify(text, { profile: 'dev', roleArn: 'arn:aws:iam::111122223333:role/Dev' });
    assert.equal(d.category, 'expired-credentials');
    assert.equal(d.exitCode, 4);
    assert.match(d.summary, /profile dev/);
    assert.ok(d.nextSteps.some((s) => s.includes('stsctl assume arn:aws:iam::111122223333:role/Dev') && s.includes('aws sso login --profile dev')));
    assert.ok(d.nextSteps.includes('Clear credentials exported earlier: eval "$(stsctl assume --unset)"'));
  });

  it('blames a leftover AWS_SESSION_TOKEN when a long-term key carries one', () => {
    const d = classify(text, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', hasSessionToken: true });
    assert.match(d.causes[0]?.evidence[0] ?? '', /old AWS_SESSION_TOKEN/);
  });

  it('is a web-identity problem on AssumeRoleWithWebIdentity', () => {
    const d = classify('An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1624482533 must be before the expiration date/time1624482335');
    assert.equal(d.category, 'web-identity');
    assert.ok(d.causes[0]?.evidence.some((e) => /198 s/.test(e)));
  });
});

describe('MFA', () => {
  it('recognises a reused or stale code', () => {
    const d = classify('An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.');
    assert.equal(d.category, 'mfa');
    assert.equal(d.exitCode, 4);
    assert.equal(d.code, 'AccessDenied');
    assert.match(d.causes[0]?.cause ?? '', /already used/);
  });

  it('spots a user ARN given as the MFA serial and corrects it in the next step', () => {
    const d = classify('MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.', {
      mfaSerial: 'arn:aws:iam::111122223333:user/alice',
      roleArn: 'arn:aws:iam::111122223333:role/Admin',
    });
    assert.match(d.causes[0]?.cause ?? '', /MFA serial is not the ARN/);
    assert.ok(d.nextSteps.some((s) => s.includes('--mfa-serial arn:aws:iam::111122223333:mfa/alice')));
  });

  it('says MFA is required when no serial and code were sent', () => {
    const d = classify('MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code. (Aws::STS::Errors::AccessDenied)');
    assert.match(d.summary, /requires MFA/);
    assert.match(d.causes[0]?.cause ?? '', /requires MFA but no serial/);
  });
});

describe('no credentials, SSO and profiles', () => {
  it('explains how to get credentials', () => {
    for (const text of ['Unable to locate credentials. You can configure credentials by running "aws configure".', 'CredentialsProviderError: Could not load credentials from any providers', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials']) {
      const d = classify(text, { profile: 'dev' });
      assert.equal(d.category, 'no-credentials', text);
      assert.equal(d.exitCode, 4);
      for (const step of ['stsctl whoami --debug', 'aws configure --profile dev', 'aws sso login --profile dev', 'export AWS_PROFILE=dev']) {
        assert.ok(d.nextSteps.some((s) => s.includes(step)), `${text}: ${step}`);
      }
    }
  });

  it('names the credential_process when it failed', () => {
    const d = classify('botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: helper: not logged in', { profile: 'corp' });
    assert.equal(d.category, 'no-credentials');
    assert.match(d.summary, /credential_process/);
    assert.ok(d.nextSteps.some((s) => s.includes('aws configure get credential_process --profile corp')));
  });

  it('sends expired SSO sessions to aws sso login with the profile', () => {
    for (const text of [
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      'botocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed',
      'Token is expired. To refresh this SSO session run \'aws sso login\' with the corresponding profile.',
      'An error occurred (UnauthorizedException) when calling the GetRoleCredentials operation: Session token not found or invalid',
    ]) {
      const d = classify(text, { profile: 'sso-dev' });
      assert.equal(d.category, 'sso-expired', text);
      assert.equal(d.exitCode, 4);
      assert.equal(d.nextSteps[0], 'Sign in again: aws sso login --profile sso-dev');
    }
  });

  it('names the missing profile, in both spellings', () => {
    for (const text of ['The config profile (staging) could not be found', 'Profile staging could not be found in shared credentials file.']) {
      const d = classify(text);
      assert.equal(d.category, 'profile-config', text);
      assert.equal(d.exitCode, 3);
      assert.match(d.summary, /"staging"/);
      assert.ok(d.nextSteps.some((s) => s.includes('aws configure --profile staging')));
      assert.ok(d.causes.some((c) => c.evidence.some((e) => e.includes('[profile staging]'))));
    }
  });
});
