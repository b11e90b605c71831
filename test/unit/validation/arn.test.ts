import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatRoleArn, parseArn, parseRoleArn, partitionOfRegion } from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

describe('parseArn', () => {
  it('splits the six parts, keeping colons and slashes in the resource', () => {
    assert.deepEqual(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*'), {
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*',
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'log-group:/aws/lambda/x:*',
    });
    assert.equal(parseArn('arn:aws-iso-b:s3:::bucket').partition, 'aws-iso-b');
    assert.equal(parseArn('arn:aws:iam::aws:policy/ReadOnlyAccess').account, 'aws');
  });

  it('says what is wrong and what an ARN looks like', () => {
    assertUsageError(() => parseArn('role/Admin'), 'ARN role/Admin is not an ARN: it does not have the six colon-separated parts', 'arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE');
    assertUsageError(() => parseArn('arn:aws:iam::123456789012'), 'six colon-separated parts');
    assertUsageError(() => parseArn('arn:azure:iam::123456789012:role/x'), 'azure is not an AWS partition');
    assertUsageError(() => parseArn('arn:aws:IAM::123456789012:role/x'), 'the service part');
    assertUsageError(() => parseArn('arn:aws:iam::123456789012:'), 'the resource part is empty');
    assertUsageError(() => parseArn('x', '--thing'), '--thing x is not an ARN');
  });
});

describe('parseRoleArn', () => {
  const accepted: ReadonlyArray<[string, string, string, string, string]> = [
    ['arn:aws:iam::123456789012:role/Admin', 'aws', '123456789012', '/', 'Admin'],
    ['arn:aws:iam::123456789012:role/team/dev/Deployer', 'aws', '123456789012', '/team/dev/', 'Deployer'],
    ['arn:aws-cn:iam::210987654321:role/ReadOnly', 'aws-cn', '210987654321', '/', 'ReadOnly'],
    ['arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f_g-h', 'aws-us-gov', '123456789012', '/', 'a+b=c,d.e@f_g-h'],
    ['arn:aws-iso-f:iam::123456789012:role/service-role/X', 'aws-iso-f', '123456789012', '/service-role/', 'X'],
  ];
  for (const [arn, partition, account, path, name] of accepted) {
    it(`accepts ${arn}`, () => {
      assert.deepEqual(parseRoleArn(arn), { arn, partition, account, path, name });
    });
  }

  it('explains each kind of mistake and shows what a role ARN looks like', () => {
    const shape = 'a role ARN looks like arn:aws:iam::123456789012:role/Name';
    assertUsageError(() => parseRoleArn('arn:aws:iam::123456789012:user/alice'), 'is not a role ARN: its resource type is user, not role', shape);
    assertUsageError(() => parseRoleArn('arn:aws:iam::123456789012:instance-profile/x'), 'its resource type is instance-profile, not role');
    assertUsageError(() => parseRoleArn('arn:aws:iam::12345678901:role/x'), 'the account id must be 12 digits, not 12345678901', shape);
    assertUsageError(() => parseRoleArn('arn:aws:iam:us-east-1:123456789012:role/x'), 'IAM ARNs have no region');
    assertUsageError(() => parseRoleArn('arn:aws:s3:::bucket'), 'the service is s3, not iam');
    assertUsageError(() => parseRoleArn('arn:aws:iam::123456789012:role/'), 'the role name "" must be 1–64');
    assertUsageError(() => parseRoleArn(`arn:aws:iam::123456789012:role/${'n'.repeat(65)}`), 'must be 1–64');
    assertUsageError(() => parseRoleArn('arn:aws:iam::123456789012:role/a//b'), 'empty segment');
    assertUsageError(() => parseRoleArn('arn:aws:iam::123456789012:role/a b/c'), 'the path segment "a b"');
    assertUsageError(() => parseRoleArn(`arn:aws:iam::123456789012:role/${'p/'.repeat(300)}x`), 'at most 512');
    assertUsageError(() => parseRoleArn('Admin'), 'role Admin is not a role ARN: it does not have the six colon-separated parts', shape);
  });

  it('points from an assumed-role session ARN to the role', () => {
    const error = assertUsageError(() => parseRoleArn('arn:aws:sts::123456789012:assumed-role/Admin/alice'), 'assumed-role session');
    assert.ok(error.hints[0]?.includes('arn:aws:iam::123456789012:role/Admin'));
  });

  it('round-trips through formatRoleArn', () => {
    for (const [arn] of accepted) assert.equal(formatRoleArn(parseRoleArn(arn)), arn);
  });
});

describe('partitionOfRegion', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['us-east-1', 'aws'],
    ['eu-west-2', 'aws'],
    ['ap-southeast-5', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['CN-NORTH-1', 'aws-cn'],
  ];
  for (const [region, partition] of cases) {
    it(`${region} → ${partition}`, () => {
      assert.equal(partitionOfRegion(region), partition);
    });
  }
});
