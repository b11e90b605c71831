// AccessDenied, above all on AssumeRole: parsing caller and role, ranking trust policy / identity policy /
// explicit deny / MFA / external id / root, and the statements to add filled with the real ARNs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import { parseDenialMessage } from '../../../src/diagnostics/refine/access-denied.js';
import type { Diagnosis } from '../../../src/diagnostics/types.js';

const CALLER = 'arn:aws:iam::111122223333:user/alice';
const ROLE = 'arn:aws:iam::444455556666:role/Deploy';

function denied(suffix = '', caller = CALLER, role = ROLE): string {
  return `An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}${suffix}`;
}

function cause(d: Diagnosis, pattern: RegExp): Diagnosis['causes'][number] {
  const found = d.causes.find((c) => pattern.test(c.cause));
  assert.ok(found !== undefined, `no cause matching ${pattern}: ${d.causes.map((c) => c.cause).join(' | ')}`);
  return found;
}

describe('AccessDenied on AssumeRole', () => {
  it('parses caller, action, role and the kind of deny from the message', () => {
    const parsed = parseDenialMessage(`User: ${CALLER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE} with an explicit deny in a service control policy`);
    assert.deepEqual(parsed, {
      caller: CALLER,
      action: 'sts:AssumeRole',
      resource: ROLE,
      explicitDenyIn: 'a service control policy',
      noAllowIn: undefined,
      encodedMessage: undefined,
    });
  });

  it('ranks the trust policy first and writes both statements with the parsed ARNs', () => {
    const d = classify(denied());
    assert.equal(d.category, 'access-denied');
    assert.equal(d.exitCode, 5);
    assert.equal(d.operation, 'AssumeRole');
    assert.match(d.causes[0]?.cause ?? '', /trust policy/);
    // Cross-account: both sides must allow it, so the identity policy is just as likely.
    assert.equal(cause(d, /identity’s policy/).likelihood, 'high');
    const trust = d.nextSteps.find((s) => s.startsWith('Add to the role’s trust policy'));
    assert.ok(trust !== undefined);
    const trustJson = JSON.parse(trust.slice(trust.indexOf('\n') + 1)) as { Principal: { AWS: string }; Action: string };
    assert.equal(trustJson.Principal.AWS, CALLER);
    assert.equal(trustJson.Action, 'sts:AssumeRole');
    const identity = d.nextSteps.find((s) => s.startsWith('Add to your identity’s policy'));
    assert.ok(identity !== undefined);
    assert.deepEqual(JSON.parse(identity.slice(identity.indexOf('\n') + 1)), { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE });
    assert.ok(d.nextSteps.some((s) => s.includes('aws iam get-role --role-name Deploy')));
  });

  it('trusts the role, not the session, when the caller is an assumed-role session', () => {
    const d = classify(denied('', 'arn:aws:sts::111122223333:assumed-role/Builder/i-0abc'));
    const trust = d.nextSteps.find((s) => s.startsWith('Add to the role’s trust policy')) ?? '';
    assert.match(trust, /"AWS": "arn:aws:iam::111122223333:role\/Builder"/);
  });

  it('names the kind of explicit deny and ranks it first', () => {
    const kinds: ReadonlyArray<readonly [string, RegExp]> = [
      [' with an explicit deny in a service control policy', /service control policy/],
      [' with an explicit deny in an identity-based policy', /identity-based policy/],
      [' with an explicit deny in a permissions boundary', /permissions boundary/],
      [' with an explicit deny in a session policy', /session policy/],
      [' with an explicit deny in a resource-based policy', /resource-based policy/],
    ];
    for (const [suffix, pattern] of kinds) {
      const d = classify(denied(suffix));
      assert.match(d.causes[0]?.cause ?? '', /explicit deny/, suffix);
      assert.match(d.causes[0]?.cause ?? '', pattern, suffix);
      assert.equal(d.causes[0]?.likelihood, 'high');
      assert.equal(cause(d, /trust policy does not allow/).likelihood, 'low');
    }
    const scp = classify(denied(' with an explicit deny in a service control policy'));
    assert.ok(scp.nextSteps.some((s) => s.includes('aws organizations list-policies-for-target --target-id 111122223333')));
  });

  it('ranks the identity policy high when no identity-based policy allows the action', () => {
    const d = classify(denied(' because no identity-based policy allows the sts:AssumeRole action', CALLER, 'arn:aws:iam::111122223333:role/Deploy'));
    assert.match(d.causes[0]?.cause ?? '', /identity’s policy does not allow sts:AssumeRole/);
    assert.equal(d.causes[0]?.likelihood, 'high');
    assert.ok(d.causes[0]?.evidence.some((e) => /no identity-based policy/.test(e)));
  });

  it('raises MFA when stsctl\'s own call sent no MFA serial, and lowers it when one was or when unknown', () => {
    const without = classify(denied(), { operation: 'AssumeRole', roleArn: ROLE, callerArn: CALLER });
    assert.equal(cause(without, /requires MFA/).likelihood, 'medium');
    // Pasted text says nothing about whether MFA was sent.
    assert.equal(cause(classify(denied(), { roleArn: ROLE, callerArn: CALLER }), /requires MFA/).likelihood, 'low');
    assert.ok(without.nextSteps.some((s) => s.startsWith(`If the trust policy requires MFA: stsctl assume ${ROLE} --mfa-serial`)));
    const withMfa = classify(denied(), { mfaSerial: 'arn:aws:iam::111122223333:mfa/alice' });
    assert.equal(cause(withMfa, /requires MFA/).likelihood, 'low');
  });

  it('raises the external id when one was sent (it may not match)', () => {
    const d = classify(denied(), { externalId: 'partner-42' });
    assert.equal(cause(d, /external id/).likelihood, 'medium');
    assert.ok(d.nextSteps.some((s) => s.includes('--external-id partner-42')));
    assert.equal(cause(classify(denied()), /external id/).likelihood, 'low');
  });

  it('recognises the root user, from the message or from the caller ARN', () => {
    const fromMessage = classify('An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.');
    assert.equal(fromMessage.causes[0]?.likelihood, 'high');
    assert.match(fromMessage.causes[0]?.cause ?? '', /root user cannot assume roles/);
    assert.match(fromMessage.summary, /root user/);
    const fromArn = classify(denied('', 'arn:aws:iam::111122223333:root'));
    assert.match(fromArn.causes[0]?.cause ?? '', /root user/);
    assert.ok(fromArn.causes.slice(1).every((c) => c.likelihood === 'low'));
  });

  it('notices when the "role" is not a role ARN', () => {
    const d = classify(denied('', CALLER, 'arn:aws:iam::111122223333:user/alice'));
    assert.match(d.causes[0]?.cause ?? '', /not a role ARN/);
    assert.match(d.summary, /not a role/);
  });

  it('asks for the extra action when the call also needs sts:TagSession or sts:SetSourceIdentity', () => {
    const text = `An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${CALLER} is not authorized to perform: sts:SetSourceIdentity on resource: ${ROLE}`;
    const d = classify(text);
    assert.ok(d.causes.some((c) => /sts:SetSourceIdentity/.test(c.cause) && c.likelihood === 'high'));
    const trust = d.nextSteps.find((s) => s.startsWith('Add to the role’s trust policy')) ?? '';
    assert.deepEqual((JSON.parse(trust.slice(trust.indexOf('\n') + 1)) as { Action: string[] }).Action, ['sts:AssumeRole', 'sts:SetSourceIdentity']);
  });

  it('uses the context ARNs when the message names none', () => {
    const d = classify(Object.assign(new Error('Access denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), {
      operation: 'AssumeRole',
      callerArn: CALLER,
      roleArn: ROLE,
    });
    const identity = d.nextSteps.find((s) => s.startsWith('Add to your identity’s policy')) ?? '';
    assert.match(identity, /"Resource": "arn:aws:iam::444455556666:role\/Deploy"/);
    assert.match(d.summary, /alice.*Deploy/);
  });
});

describe('AccessDenied elsewhere', () => {
  it('names action and resource and suggests the identity statement', () => {
    const d = classify('An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:GetObject action');
    assert.equal(d.category, 'access-denied');
    assert.match(d.summary, /s3:GetObject/);
    assert.match(d.causes[0]?.cause ?? '', /No policy attached to your identity/);
    assert.ok(d.nextSteps.some((s) => s.includes('"Action": "s3:GetObject"')));
  });

  it('offers stsctl decode when the error carries an encoded authorization message', () => {
    const d = classify('An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: AbCdEf-123_xyz');
    assert.equal(d.category, 'access-denied');
    assert.ok(d.nextSteps.some((s) => s.includes('stsctl decode -')));
  });

  it('explains that GetSessionToken needs long-term keys', () => {
    const d = classify(Object.assign(new Error('Cannot call GetSessionToken with session credentials'), { name: 'AccessDenied' }));
    assert.match(d.causes[0]?.cause ?? '', /long-term access keys/);
  });
});
