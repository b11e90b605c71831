// Parsing DecodedMessage in every shape AWS has used: booleans as strings, lists as {"items": …}, plain arrays or "",
// values as {"value": …}, condition entries wrapped in {"item": …}.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseBoolean, parseDecodedMessage } from '../../../src/decode/parse-decoded.js';
import { StsctlError } from '../../../src/errors.js';

/** The shape AWS returns today (and the emulator emits), with booleans as strings. */
const current = JSON.stringify({
  allowed: 'false',
  explicitDeny: 'true',
  matchedStatements: {
    items: [
      {
        statementId: 'DenyOutsideEu',
        effect: 'DENY',
        principals: { items: [{ value: 'AROADEPLOYEXAMPLE0001' }] },
        principalGroups: { items: [] },
        actions: { items: [{ value: 'ec2:RunInstances' }, { value: 'ec2:StartInstances' }] },
        resources: { items: [{ value: '*' }] },
        conditions: { items: [{ key: 'aws:RequestedRegion', values: { items: [{ value: 'eu-west-1' }, { value: 'eu-central-1' }] } }] },
        policyArn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-12345678',
        policyType: 'SCP',
      },
    ],
  },
  failures: { items: [] },
  context: {
    principal: { id: 'AROADEPLOYEXAMPLE0001:alice', arn: 'arn:aws:sts::222222222222:assumed-role/Deploy/alice' },
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-east-1:222222222222:instance/*',
    conditions: {
      items: [
        { key: 'ec2:Region', values: { items: [{ value: 'us-east-1' }] } },
        { key: 'aws:PrincipalTag/team', values: { items: [{ value: 'a' }, { value: 'b' }] } },
      ],
    },
  },
});

/** The shape printed in the STS API reference: string booleans, "" for empty lists, {"item": …} wrappers. */
const documented = JSON.stringify({
  allowed: 'false',
  explicitDeny: 'false',
  matchedStatements: '',
  failures: '',
  context: {
    principal: { id: 'AIDACKCEVSQ6C2EXAMPLE', name: 'Bob', arn: 'arn:aws:iam::123456789012:user/Bob' },
    action: 'ec2:StopInstances',
    resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-dd01c9bd',
    conditions: [
      { item: { key: 'ec2:Tenancy', values: ['default'] } },
      { item: { key: 'ec2:ResourceTag/elasticbeanstalk:environment-name', values: ['Default-Environment'] } },
    ],
  },
});

describe('parseBoolean', () => {
  it('reads booleans and their string forms', () => {
    assert.equal(parseBoolean(true), true);
    assert.equal(parseBoolean('true'), true);
    assert.equal(parseBoolean('TRUE'), true);
    assert.equal(parseBoolean(false), false);
    assert.equal(parseBoolean('false'), false);
    assert.equal(parseBoolean(''), false);
    assert.equal(parseBoolean(undefined), false);
  });
});

describe('parseDecodedMessage', () => {
  it('parses the current shape with string booleans into an explicit deny', () => {
    const decoded = parseDecodedMessage(current);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, true);
    assert.equal(decoded.verdict, 'explicit-deny');
    assert.equal(decoded.context.action, 'ec2:RunInstances');
    assert.equal(decoded.context.resource, 'arn:aws:ec2:us-east-1:222222222222:instance/*');
    assert.deepEqual(decoded.context.principal, { id: 'AROADEPLOYEXAMPLE0001:alice', arn: 'arn:aws:sts::222222222222:assumed-role/Deploy/alice' });
    assert.deepEqual(decoded.context.conditions, [
      { key: 'ec2:Region', values: ['us-east-1'] },
      { key: 'aws:PrincipalTag/team', values: ['a', 'b'] },
    ]);
    assert.equal(decoded.matchedStatements.length, 1);
    const [statement] = decoded.matchedStatements;
    assert.ok(statement);
    assert.equal(statement.statementId, 'DenyOutsideEu');
    assert.equal(statement.effect, 'Deny');
    assert.deepEqual(statement.actions, ['ec2:RunInstances', 'ec2:StartInstances']);
    assert.deepEqual(statement.resources, ['*']);
    assert.deepEqual(statement.principals, ['AROADEPLOYEXAMPLE0001']);
    assert.deepEqual(statement.conditions, [{ key: 'aws:RequestedRegion', values: ['eu-west-1', 'eu-central-1'] }]);
    assert.deepEqual(statement.policy, { arn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-12345678', type: 'SCP' });
    assert.deepEqual(decoded.failures, []);
  });

  it('parses the documented shape: "" lists, {"item": …} conditions, a principal name', () => {
    const decoded = parseDecodedMessage(documented);
    assert.equal(decoded.verdict, 'implicit-deny');
    assert.equal(decoded.context.principal.name, 'Bob');
    assert.deepEqual(decoded.context.conditions, [
      { key: 'ec2:Tenancy', values: ['default'] },
      { key: 'ec2:ResourceTag/elasticbeanstalk:environment-name', values: ['Default-Environment'] },
    ]);
    assert.deepEqual(decoded.matchedStatements, []);
    assert.deepEqual(decoded.failures, []);
  });

  it('reads real booleans too, and an allowed request', () => {
    const decoded = parseDecodedMessage(JSON.stringify({ allowed: true, explicitDeny: false, context: { action: 's3:GetObject' } }));
    assert.equal(decoded.verdict, 'allowed');
    assert.equal(decoded.allowed, true);
    assert.deepEqual(decoded.context.conditions, []);
    assert.deepEqual(decoded.context.principal, {});
  });

  it('treats a message that says both allowed and explicitly denied as denied', () => {
    const decoded = parseDecodedMessage(JSON.stringify({ allowed: 'true', explicitDeny: 'true' }));
    assert.equal(decoded.verdict, 'explicit-deny');
    assert.equal(decoded.allowed, false);
  });

  it('keeps failures as text and a nested policy object', () => {
    const decoded = parseDecodedMessage(
      JSON.stringify({
        allowed: false,
        explicitDeny: true,
        failures: { items: [{ value: 'Missing permissions boundary' }, 'plain text'] },
        matchedStatements: [{ statementId: 'X', effect: 'Deny', policy: { name: 'Guardrails', type: 'PermissionsBoundary' }, actions: ['*'] }],
      }),
    );
    assert.deepEqual(decoded.failures, ['Missing permissions boundary', 'plain text']);
    assert.deepEqual(decoded.matchedStatements[0]?.policy, { name: 'Guardrails', type: 'PermissionsBoundary' });
    assert.deepEqual(decoded.matchedStatements[0]?.actions, ['*']);
  });

  it('refuses text that is not a JSON object, keeping the text for the user', () => {
    for (const text of ['<xml/>', '"a string"', '[1,2]']) {
      assert.throws(
        () => parseDecodedMessage(text),
        (error: unknown) => error instanceof StsctlError && error.code === 'UnreadableDecodedMessage' && error.details['decodedMessage'] === text,
      );
    }
  });
});
