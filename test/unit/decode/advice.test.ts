// What stsctl tells the user to do with a decoded message: the Allow to add for an implicit deny, where denies live
// and how to find the one that matched for an explicit deny. Also the text rendering built on it.
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { describe, it } from 'node:test';

import type { DecodeResult } from '../../../src/commands/decode.js';
import { adviseOnDecoded, buildAllowStatement } from '../../../src/decode/advice.js';
import { parseDecodedMessage, type DecodedAuthorization } from '../../../src/decode/parse-decoded.js';
import { renderDecodedText } from '../../../src/render/decoded-text.js';

function decoded(overrides: { explicitDeny?: boolean | string; allowed?: boolean | string; arn?: string; statements?: unknown[] } = {}): DecodedAuthorization {
  return parseDecodedMessage(
    JSON.stringify({
      allowed: overrides.allowed ?? 'false',
      explicitDeny: overrides.explicitDeny ?? 'false',
      matchedStatements: { items: overrides.statements ?? [] },
      failures: { items: [] },
      context: {
        principal: { id: 'AIDAALICEEXAMPLE00001', name: 'alice', arn: overrides.arn ?? 'arn:aws:iam::111111111111:user/alice' },
        action: 'ec2:RunInstances',
        resource: 'arn:aws:ec2:us-east-1:111111111111:instance/*',
        conditions: { items: [{ key: 'ec2:Region', values: { items: [{ value: 'us-east-1' }] } }, { key: 'ec2:InstanceType', values: { items: [{ value: 't3.micro' }] } }] },
      },
    }),
  );
}

describe('buildAllowStatement', () => {
  it('fills in the action and resource', () => {
    assert.deepEqual(buildAllowStatement('ec2:RunInstances', 'arn:aws:ec2:us-east-1:111111111111:instance/*'), {
      Sid: 'AllowEc2RunInstances',
      Effect: 'Allow',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:us-east-1:111111111111:instance/*',
    });
    assert.equal(buildAllowStatement('s3:GetObject', undefined).Resource, '*');
  });
});

describe('adviseOnDecoded', () => {
  it('for an implicit deny of an IAM user: the statement, put-user-policy, and a simulation with the context', () => {
    const advice = adviseOnDecoded(decoded());
    assert.match(advice.summary, /No policy statement allowed ec2:RunInstances on arn:aws:ec2:us-east-1:111111111111:instance\/\*/);
    assert.deepEqual(advice.allowStatement?.Action, 'ec2:RunInstances');
    assert.ok(advice.whereToAllow?.some((line) => line.includes('aws iam put-user-policy --user-name alice')));
    const simulate = advice.nextSteps.find((step) => step.includes('simulate-principal-policy'));
    assert.ok(simulate);
    assert.match(simulate, /--policy-source-arn arn:aws:iam::111111111111:user\/alice --action-names ec2:RunInstances --resource-arns 'arn:aws:ec2:us-east-1:111111111111:instance\/\*'/);
    assert.match(simulate, /ContextKeyName=ec2:Region,ContextKeyValues=us-east-1,ContextKeyType=string/);
    assert.equal(advice.denyLocations, undefined);
  });

  it('for an implicit deny of a role session: put-role-policy on the role, the simulation on the role ARN', () => {
    const advice = adviseOnDecoded(decoded({ arn: 'arn:aws:sts::222222222222:assumed-role/Deploy/alice' }));
    assert.ok(advice.whereToAllow?.some((line) => line.includes('aws iam put-role-policy --role-name Deploy')));
    assert.ok(advice.nextSteps.some((step) => step.includes('aws iam get-role --role-name Deploy --query Role.Arn')));
  });

  it('for an IAM Identity Center role: edit the permission set, not the role', () => {
    const advice = adviseOnDecoded(decoded({ arn: 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com' }));
    assert.ok(advice.whereToAllow?.some((line) => line.includes('permission set Admin')));
  });

  it('for an explicit deny: no Allow statement, the matched statement, every place a deny lives', () => {
    const advice = adviseOnDecoded(
      decoded({
        explicitDeny: 'true',
        arn: 'arn:aws:sts::222222222222:assumed-role/Deploy/alice',
        statements: [{ statementId: 'DenyBigInstances', effect: 'DENY', actions: { items: [{ value: 'ec2:RunInstances' }] }, resources: { items: [{ value: '*' }] }, policyType: 'SCP' }],
      }),
    );
    assert.equal(advice.allowStatement, undefined);
    assert.match(advice.summary, /explicit Deny matched/);
    assert.deepEqual(advice.matchedDenies, ['Deny statement "DenyBigInstances" in SCP policy on ec2:RunInstances for *']);
    const places = (advice.denyLocations ?? []).map((location) => location.where).join('\n');
    for (const place of ['identity-based policy', 'permissions boundary', 'service control policy', 'session policy', 'resource-based policy']) {
      assert.ok(places.includes(place), `${place} missing from ${places}`);
    }
    const all = JSON.stringify(advice);
    assert.ok(all.includes('aws organizations list-policies-for-target --target-id 222222222222 --filter SERVICE_CONTROL_POLICY'));
    assert.ok(all.includes('aws iam get-role --role-name Deploy --query Role.PermissionsBoundary'));
    assert.ok(advice.nextSteps.some((step) => step.includes('simulate-principal-policy')));
    assert.ok(advice.nextSteps.some((step) => step.includes('"DenyBigInstances"')));
  });

  it('for an allowed request: look at the other actions of the call', () => {
    const advice = adviseOnDecoded(decoded({ allowed: true }));
    assert.match(advice.summary, /was allowed/);
    assert.equal(advice.allowStatement, undefined);
  });
});

describe('renderDecodedText', () => {
  const plain = new Chalk({ level: 0 });
  function render(value: DecodedAuthorization): string {
    const result: DecodeResult = { ...value, advice: adviseOnDecoded(value), input: { foundBy: 'marker', length: 100, joinedLines: 0, others: 0 }, decodedMessage: {} };
    return renderDecodedText(result, { style: plain });
  }

  it('starts with the verdict, then principal, action, resource, a conditions table and what to do', () => {
    const text = render(decoded());
    const lines = text.split('\n');
    assert.equal(lines[0], 'DENIED because no statement allowed it (implicit deny)');
    assert.match(text, /Principal\s+IAM user alice/);
    assert.match(text, /ID\s+AIDAALICEEXAMPLE00001/);
    assert.match(text, /ARN\s+arn:aws:iam::111111111111:user\/alice/);
    assert.match(text, /Action\s+ec2:RunInstances/);
    assert.match(text, /Resource\s+arn:aws:ec2:us-east-1:111111111111:instance\/\*/);
    assert.match(text, /│ ec2:Region\s+│ us-east-1\s+│/);
    assert.match(text, /│ ec2:InstanceType\s+│ t3\.micro\s+│/);
    assert.match(text, /Matched statements\s+none/);
    assert.match(text, /"Effect": "Allow"/);
    assert.match(text, /"Action": "ec2:RunInstances"/);
    assert.ok(!text.includes('\u001b['), 'no colour codes without colour');
  });

  it('names an explicit deny and lists the matched statement with its policy', () => {
    const text = render(
      decoded({ explicitDeny: true, statements: [{ statementId: 'DenyAll', effect: 'DENY', actions: ['*'], resources: ['*'], policyName: 'Guardrails', policyType: 'PermissionsBoundary' }] }),
    );
    assert.equal(text.split('\n')[0], 'DENIED by an explicit deny');
    assert.match(text, /1\. Deny "DenyAll"/);
    assert.match(text, /policy\s+Guardrails \(PermissionsBoundary\)/);
    assert.match(text, /Where such a deny can live/);
  });

  it('says ALLOWED first for an allowed request', () => {
    assert.equal(render(decoded({ allowed: 'true' })).split('\n')[0], 'ALLOWED');
  });
});
