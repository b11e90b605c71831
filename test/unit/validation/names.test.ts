import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  deriveSessionName,
  validateExternalId,
  validateFederatedName,
  validateMfaSerial,
  validateSessionName,
  validateSourceIdentity,
  validateTokenCode,
} from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

describe('validateSessionName', () => {
  for (const name of ['ab', 'alice', 'alice@example.com', 'a_b-c.d+e=f,g', 'x'.repeat(64), 'ALL-CAPS_123']) {
    it(`accepts ${name.length > 20 ? `${name.length} characters` : name}`, () => {
      assert.equal(validateSessionName(name), name);
    });
  }

  it('rejects too short, naming the length and the rule', () => {
    assertUsageError(() => validateSessionName('a'), '--session-name a is too short (1 character)', 'session names are 2–64 characters', '+ = , . @ _ -');
  });

  it('rejects too long', () => {
    assertUsageError(() => validateSessionName('x'.repeat(65)), 'is too long (65 characters)', '2–64');
  });

  it('names the offending characters, each once', () => {
    assertUsageError(() => validateSessionName('my session name'), '--session-name "my session name" contains a space:');
    assertUsageError(() => validateSessionName('a/b:c/d'), 'contains "/", ":":');
    assertUsageError(() => validateSessionName('josé'), 'contains "é"');
    assertUsageError(() => validateSessionName('tab\there'), 'contains a tab');
  });

  it('uses the flag it is given', () => {
    assertUsageError(() => validateSessionName('a', '--role-session-name'), '--role-session-name a is too short');
  });
});

describe('deriveSessionName', () => {
  const cases: ReadonlyArray<[Parameters<typeof deriveSessionName>[0], string]> = [
    [{ arn: 'arn:aws:iam::123456789012:user/alice' }, 'alice'],
    [{ arn: 'arn:aws:iam::123456789012:user/division/team/alice' }, 'alice'],
    [{ arn: 'arn:aws-cn:iam::123456789012:user/bob' }, 'bob'],
    [{ arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com' }, 'alice@example.com'],
    [{ arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice' }, 'alice'],
    [{ arn: 'arn:aws:sts::123456789012:federated-user/carol' }, 'carol'],
    [{ arn: 'arn:aws:iam::123456789012:root', userName: 'dave' }, 'stsctl-dave'],
    [{ userName: 'dave' }, 'stsctl-dave'],
    [{ userName: 'CORP\\dave' }, 'stsctl-dave'],
    [{ userName: 'José Müller' }, 'stsctl-Jose-Muller'],
    [{ userName: 'dave smith (admin)' }, 'stsctl-dave-smith-admin'],
    [{ arn: 'arn:aws:iam::123456789012:user/a' }, 'stsctl-a'],
    [{ userName: '日本' }, 'stsctl'],
    [{ fallback: 'ci-runner' }, 'ci-runner'],
    [{}, 'stsctl'],
    [{ arn: 'not an arn', userName: 'erin' }, 'stsctl-erin'],
  ];
  for (const [identity, expected] of cases) {
    it(`${JSON.stringify(identity)} → ${expected}`, () => {
      const name = deriveSessionName(identity);
      assert.equal(name, expected);
      assert.equal(validateSessionName(name), name);
    });
  }

  it('truncates to 64 characters', () => {
    const name = deriveSessionName({ arn: `arn:aws:sts::123456789012:assumed-role/R/${'s'.repeat(64)}`, userName: 'u'.repeat(100) });
    assert.equal(name.length, 64);
    const fromUser = deriveSessionName({ userName: 'u'.repeat(100) });
    assert.equal(fromUser, `stsctl-${'u'.repeat(57)}`);
  });
});

describe('validateExternalId', () => {
  for (const id of ['ab', 'Unique-ID_1234', 'urn:partner:tenant/42', 'a+b=c,d.e@f:g/h-i', 'x'.repeat(1224)]) {
    it(`accepts ${id.length > 30 ? `${id.length} characters` : id}`, () => {
      assert.equal(validateExternalId(id), id);
    });
  }
  it('rejects bad lengths and characters with the rule', () => {
    assertUsageError(() => validateExternalId('x'), '--external-id x is too short (1 character): external ids are 2–1224 characters');
    assertUsageError(() => validateExternalId('x'.repeat(1225)), 'is too long (1225 characters)');
    assertUsageError(() => validateExternalId('has space'), 'contains a space', '+ = , . @ : / _ -');
    assertUsageError(() => validateExternalId('semi;colon'), 'contains ";"');
  });
});

describe('validateMfaSerial', () => {
  for (const serial of [
    'arn:aws:iam::123456789012:mfa/alice',
    'arn:aws:iam::123456789012:mfa/team/alice-phone',
    'arn:aws-us-gov:iam::123456789012:mfa/bob',
    'GAHT12345678',
    'SERIAL-123456789',
  ]) {
    it(`accepts ${serial}`, () => {
      assert.equal(validateMfaSerial(serial), serial);
    });
  }

  it('recognises a user ARN given by mistake and suggests the device ARN', () => {
    const error = assertUsageError(
      () => validateMfaSerial('arn:aws:iam::123456789012:user/alice'),
      '--mfa-serial arn:aws:iam::123456789012:user/alice is not an MFA device ARN',
      'arn:aws:iam::123456789012:mfa/alice',
    );
    assert.ok(error.hints.some((hint) => hint.includes('arn:aws:iam::123456789012:mfa/alice')));
  });

  it('rejects malformed MFA ARNs', () => {
    assertUsageError(() => validateMfaSerial('arn:aws:iam::12345:mfa/alice'), 'is not an MFA device ARN');
    assertUsageError(() => validateMfaSerial('arn:aws:iam::123456789012:mfa/'), 'is not an MFA device ARN');
    assertUsageError(() => validateMfaSerial('arn:aws:iam:us-east-1:123456789012:mfa/a'), 'is not an MFA device ARN');
  });

  it('rejects short or odd hardware serials and mentions the ARN form', () => {
    assertUsageError(() => validateMfaSerial('12345'), '--mfa-serial 12345 is too short (5 characters)', '9–256', 'arn:aws:iam::123456789012:mfa/alice');
    assertUsageError(() => validateMfaSerial('serial number 1'), 'contains a space');
  });
});

describe('validateTokenCode', () => {
  it('accepts six digits, also as shown by apps with a space', () => {
    assert.equal(validateTokenCode('123456'), '123456');
    assert.equal(validateTokenCode('012345'), '012345');
    assert.equal(validateTokenCode('123 456'), '123456');
    assert.equal(validateTokenCode(' 123456\n'), '123456');
  });

  it('says it must be exactly six digits, without echoing the code', () => {
    const short = assertUsageError(() => validateTokenCode('12345'), '--token-code has 5 digits', 'exactly six digits');
    assert.ok(!short.message.includes('12345'));
    assertUsageError(() => validateTokenCode('1234567'), 'has 7 digits');
    assertUsageError(() => validateTokenCode('12a456'), 'contains characters other than digits', 'exactly six digits');
    assertUsageError(() => validateTokenCode(''), 'has 0 digits');
  });
});

describe('validateSourceIdentity and validateFederatedName', () => {
  it('accept their alphabets and lengths', () => {
    assert.equal(validateSourceIdentity('alice@example.com'), 'alice@example.com');
    assert.equal(validateSourceIdentity('x'.repeat(64)), 'x'.repeat(64));
    assert.equal(validateFederatedName('bob'), 'bob');
    assert.equal(validateFederatedName('x'.repeat(32)), 'x'.repeat(32));
  });

  it('reject with their own flag and limits', () => {
    assertUsageError(() => validateSourceIdentity('x'.repeat(65)), '--source-identity', 'source identities are 2–64 characters');
    assertUsageError(() => validateSourceIdentity('aws:x'), 'contains ":"');
    assertUsageError(() => validateFederatedName('x'.repeat(33)), '--name', 'is too long (33 characters)', 'federated user names are 2–32 characters');
    assertUsageError(() => validateFederatedName('a b'), '--name "a b" contains a space');
  });
});
