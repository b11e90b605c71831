// STS's rules from the demo table: trust policies, MFA, ExternalId, duration limits, role chaining, root, and what
// session credentials may not do — each with AWS's wording.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { callSigned, credentialsOf, readXmlTag, type TestCredentials } from './fixtures.js';

interface Outcome {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  readonly body: string;
}

describe('authorization rules', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  async function call(credentials: TestCredentials, params: Record<string, string>): Promise<Outcome> {
    const answer = await callSigned(emulator, params, credentials);
    const code = readXmlTag(answer.body, 'Code');
    const message = readXmlTag(answer.body, 'Message');
    return { status: answer.status, body: answer.body, ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
  }

  function assumeRole(credentials: TestCredentials, roleArn: string, extra: Record<string, string> = {}): Promise<Outcome> {
    return call(credentials, { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'test-session', ...extra });
  }

  function readCredentials(body: string): TestCredentials {
    return {
      accessKeyId: readXmlTag(body, 'AccessKeyId') ?? '',
      secretAccessKey: readXmlTag(body, 'SecretAccessKey') ?? '',
      sessionToken: readXmlTag(body, 'SessionToken') ?? '',
    };
  }

  const alice = credentialsOf(demo.alice);

  it('denies bob AssumeRole with AWS\'s not-authorized wording', async () => {
    const outcome = await assumeRole(credentialsOf(demo.bob), demo.roles.deploy.arn);
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(
      outcome.message,
      'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deploy',
    );
    assert.equal(readXmlTag(outcome.body, 'Type'), 'Sender');
  });

  it('refuses root with "Roles may not be assumed by root accounts."', async () => {
    const outcome = await assumeRole(credentialsOf(demo.root), demo.roles.deploy.arn);
    assert.deepEqual([outcome.status, outcome.code, outcome.message], [403, 'AccessDenied', 'Roles may not be assumed by root accounts.']);
  });

  it('denies unknown roles and the other partition the same way as untrusted ones', async () => {
    for (const arn of ['arn:aws:iam::222222222222:role/DoesNotExist', demo.roles.cnDeploy.arn]) {
      const outcome = await assumeRole(alice, arn);
      assert.equal(outcome.code, 'AccessDenied');
      assert.equal(outcome.message, `User: ${demo.alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
    }
  });

  it('requires MFA for Admin: refused without a code, refused with a wrong code, allowed with 123456', async () => {
    const without = await assumeRole(alice, demo.roles.admin.arn);
    assert.equal(without.code, 'AccessDenied');
    assert.match(without.message ?? '', /not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role\/Admin$/);

    const serial = demo.alice.mfaSerial ?? '';
    const wrong = await assumeRole(alice, demo.roles.admin.arn, { SerialNumber: serial, TokenCode: '654321' });
    assert.deepEqual([wrong.status, wrong.code, wrong.message], [403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.']);

    const right = await assumeRole(alice, demo.roles.admin.arn, { SerialNumber: serial, TokenCode: '123456' });
    assert.equal(right.status, 200);
    const session = emulator.sessions().find((s) => s.accessKeyId === readCredentials(right.body).accessKeyId);
    assert.equal(session?.mfaAuthenticated, true);
  });

  it('counts MFA GetSessionToken credentials as MFA-authenticated for Admin', async () => {
    const plain = await call(alice, { Action: 'GetSessionToken' });
    const refused = await assumeRole(readCredentials(plain.body), demo.roles.admin.arn);
    assert.equal(refused.code, 'AccessDenied');

    const mfa = await call(alice, { Action: 'GetSessionToken', SerialNumber: demo.alice.mfaSerial ?? '', TokenCode: '123456' });
    assert.equal(mfa.status, 200);
    const allowed = await assumeRole(readCredentials(mfa.body), demo.roles.admin.arn);
    assert.equal(allowed.status, 200);
    assert.equal(readXmlTag(allowed.body, 'Arn'), 'arn:aws:sts::222222222222:assumed-role/Admin/test-session');
  });

  it('refuses an MFA device that is not the caller\'s', async () => {
    const outcome = await call(credentialsOf(demo.bob), { Action: 'GetSessionToken', SerialNumber: demo.alice.mfaSerial ?? '', TokenCode: '123456' });
    assert.equal(outcome.code, 'AccessDenied');
    assert.match(outcome.message ?? '', /^MultiFactorAuthentication failed, unable to validate MFA code\./);
  });

  it('requires ExternalId partner-42 for Partner', async () => {
    assert.equal((await assumeRole(alice, demo.roles.partner.arn)).code, 'AccessDenied');
    assert.equal((await assumeRole(alice, demo.roles.partner.arn, { ExternalId: 'partner-41' })).code, 'AccessDenied');
    assert.equal((await assumeRole(alice, demo.roles.partner.arn, { ExternalId: 'partner-42' })).status, 200);
  });

  it('enforces the role\'s MaxSessionDuration', async () => {
    const outcome = await assumeRole(alice, demo.roles.readOnly.arn, { DurationSeconds: '7200' });
    assert.deepEqual(
      [outcome.status, outcome.code, outcome.message],
      [400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'],
    );
    assert.equal((await assumeRole(alice, demo.roles.deploy.arn, { DurationSeconds: '43200' })).status, 200);
  });

  it('limits role chaining to one hour and records chained sessions', async () => {
    const ops = await assumeRole(alice, demo.roles.ops.arn, { DurationSeconds: '43200' });
    assert.equal(ops.status, 200);
    const opsCredentials = readCredentials(ops.body);
    const tooLong = await assumeRole(opsCredentials, demo.roles.deploy.arn, { DurationSeconds: '7200' });
    assert.deepEqual(
      [tooLong.status, tooLong.code, tooLong.message],
      [400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'],
    );
    const chained = await assumeRole(opsCredentials, demo.roles.deploy.arn, { DurationSeconds: '3600' });
    assert.equal(chained.status, 200);
    const session = emulator.sessions().find((s) => s.accessKeyId === readCredentials(chained.body).accessKeyId);
    assert.equal(session?.chained, true);
    assert.equal(session?.role?.name, 'Deploy');
    // Ops is not trusted by ReadOnly, so chaining there is denied with the role session as the user.
    const untrusted = await assumeRole(opsCredentials, demo.roles.readOnly.arn);
    assert.match(untrusted.message ?? '', /^User: arn:aws:sts::111111111111:assumed-role\/Ops\/test-session is not authorized/);
  });

  it('refuses GetSessionToken and GetFederationToken with session credentials', async () => {
    const session = emulator.issueSession({ principal: 'alice' });
    const gst = await call(session, { Action: 'GetSessionToken' });
    assert.deepEqual([gst.status, gst.code, gst.message], [403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials']);
    const gft = await call(session, { Action: 'GetFederationToken', Name: 'someone' });
    assert.deepEqual([gft.status, gft.code, gft.message], [403, 'AccessDenied', 'Cannot call GetFederationToken with session credentials']);
  });

  it('words validation errors like AWS, counting them', async () => {
    const one = await assumeRole(alice, demo.roles.deploy.arn, { DurationSeconds: '600' });
    assert.deepEqual(
      [one.status, one.code, one.message],
      [
        400,
        'ValidationError',
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      ],
    );
    const two = await call(alice, { Action: 'AssumeRole', RoleArn: demo.roles.deploy.arn, RoleSessionName: 'a b', TokenCode: '12345' });
    assert.equal(
      two.message,
      "2 validation errors detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
    const missing = await call(alice, { Action: 'AssumeRole', RoleArn: demo.roles.deploy.arn });
    assert.equal(
      missing.message,
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
    const name = await call(credentialsOf(demo.bob), { Action: 'GetFederationToken', Name: 'x'.repeat(33), DurationSeconds: '129601' });
    assert.equal(
      name.message,
      `2 validation errors detected: Value '${'x'.repeat(33)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32; ` +
        "Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
    );
  });

  it('rejects policies that are not JSON and policies over the packed size', async () => {
    const malformed = await assumeRole(alice, demo.roles.deploy.arn, { Policy: 'not json' });
    assert.deepEqual([malformed.status, malformed.code, malformed.message], [400, 'MalformedPolicyDocument', 'Syntax errors in policy.']);
    const statements = Array.from({ length: 20 }, (_, i) => ({ Effect: 'Allow', Action: `s3:GetObject${i}`, Resource: `arn:aws:s3:::bucket-${i}/*` }));
    const big = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    assert.ok(big.length <= 2048 && big.length > 1600, `policy length ${big.length}`);
    const tooLarge = await assumeRole(alice, demo.roles.deploy.arn, { Policy: big });
    assert.equal(tooLarge.code, 'PackedPolicyTooLarge');
    assert.match(tooLarge.message ?? '', /^Packed policy consumes 1\d\d% of allotted space, please use smaller policy\.$/);
  });
});
