import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseRoleSpec, resolveRoleArn, suggestProfiles } from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

const profiles = new Set(['default', 'admin', 'prod-readonly', 'Admin', '123456789012:Odd']);
const source = { account: '111122223333', partition: 'aws' };

describe('parseRoleSpec', () => {
  it('prefers a known profile over every other reading', () => {
    assert.deepEqual(parseRoleSpec('admin', profiles), { kind: 'profile', name: 'admin' });
    assert.deepEqual(parseRoleSpec('Admin', profiles), { kind: 'profile', name: 'Admin' });
    assert.deepEqual(parseRoleSpec('123456789012:Odd', profiles), { kind: 'profile', name: '123456789012:Odd' });
  });

  it('reads a role ARN in any partition', () => {
    assert.deepEqual(parseRoleSpec('arn:aws-cn:iam::123456789012:role/ops/Deployer', profiles), {
      kind: 'arn',
      roleArn: 'arn:aws-cn:iam::123456789012:role/ops/Deployer',
      partition: 'aws-cn',
      account: '123456789012',
      path: '/ops/',
      name: 'Deployer',
    });
  });

  it('passes on the role-ARN explanation for a bad ARN', () => {
    assertUsageError(() => parseRoleSpec('arn:aws:iam::123456789012:user/alice', profiles), 'ROLE arn:aws:iam::123456789012:user/alice is not a role ARN', 'its resource type is user');
  });

  it('reads account:Name and account:role/path/Name', () => {
    assert.deepEqual(parseRoleSpec('123456789012:Admin', profiles), { kind: 'account-role', account: '123456789012', path: '/', name: 'Admin' });
    assert.deepEqual(parseRoleSpec('123456789012:role/Admin', profiles), { kind: 'account-role', account: '123456789012', path: '/', name: 'Admin' });
    assert.deepEqual(parseRoleSpec('012345678901:role/a/b/Deployer', profiles), {
      kind: 'account-role',
      account: '012345678901',
      path: '/a/b/',
      name: 'Deployer',
    });
  });

  it('reads Name and role/path/Name as roles in the source account', () => {
    assert.deepEqual(parseRoleSpec('ReadOnly', profiles), { kind: 'role-name', path: '/', name: 'ReadOnly' });
    assert.deepEqual(parseRoleSpec('role/ReadOnly', profiles), { kind: 'role-name', path: '/', name: 'ReadOnly' });
    assert.deepEqual(parseRoleSpec('role/team/ReadOnly', profiles), { kind: 'role-name', path: '/team/', name: 'ReadOnly' });
    assert.deepEqual(parseRoleSpec('a+b=c,d.e@f_g-h', profiles), { kind: 'role-name', path: '/', name: 'a+b=c,d.e@f_g-h' });
  });

  const acceptedForms = ['a profile name', 'arn:aws:iam::123456789012:role/Name', '123456789012:Name', '123456789012:role/path/Name', 'Name or role/path/Name'];
  const rejected: ReadonlyArray<[string, string]> = [
    ['12345:Admin', 'account ids have 12 digits, 12345 has 5'],
    ['1234567890123:Admin', 'has 13'],
    ['123456789012:', 'the role name is missing'],
    ['', 'the role name is missing'],
    ['my role', 'role names are 1–64 letters'],
    ['n'.repeat(65), 'role names are 1–64'],
    ['dev/Admin', 'a role with a path is written role/dev/Admin'],
    ['role//Admin', 'empty segment'],
    ['role/Admin/', 'role names are 1–64'],
    ['prod:Admin', 'only an ARN or a 12-digit account id may come before a colon'],
    ['123456789012:dev/Admin', 'a role with a path is written role/dev/Admin'],
  ];
  for (const [spec, problem] of rejected) {
    it(`rejects ${JSON.stringify(spec)} saying why and listing the accepted forms`, () => {
      assertUsageError(() => parseRoleSpec(spec, profiles), 'is neither a known profile nor a role', problem, ...acceptedForms);
    });
  }

  it('suggests a profile with a similar name', () => {
    const error = assertUsageError(() => parseRoleSpec('prod readonly', profiles), 'ROLE "prod readonly"');
    assert.deepEqual(error.hints, ['did you mean the profile prod-readonly?']);
  });

  it('uses the label it is given', () => {
    assertUsageError(() => parseRoleSpec('a b', profiles, '--role'), '--role "a b" is neither');
  });
});

describe('resolveRoleArn', () => {
  it('keeps a full ARN as given', () => {
    const spec = parseRoleSpec('arn:aws-cn:iam::123456789012:role/X', profiles);
    assert.ok(spec.kind === 'arn');
    assert.equal(resolveRoleArn(spec, source), 'arn:aws-cn:iam::123456789012:role/X');
  });

  it('builds account roles in the source partition', () => {
    const spec = parseRoleSpec('123456789012:role/ops/Deployer', profiles);
    assert.ok(spec.kind === 'account-role');
    assert.equal(resolveRoleArn(spec, { account: '999999999999', partition: 'aws-us-gov' }), 'arn:aws-us-gov:iam::123456789012:role/ops/Deployer');
  });

  it('builds role names in the source account and partition', () => {
    const spec = parseRoleSpec('ReadOnly', profiles);
    assert.ok(spec.kind === 'role-name');
    assert.equal(resolveRoleArn(spec, source), 'arn:aws:iam::111122223333:role/ReadOnly');
    const withPath = parseRoleSpec('role/a/b/ReadOnly', profiles);
    assert.ok(withPath.kind === 'role-name');
    assert.equal(resolveRoleArn(withPath, { account: '111122223333', partition: 'aws-cn' }), 'arn:aws-cn:iam::111122223333:role/a/b/ReadOnly');
  });
});

describe('suggestProfiles', () => {
  it('finds near misses ignoring case, closest first', () => {
    assert.deepEqual(suggestProfiles('admn', profiles), ['admin', 'Admin']);
    assert.deepEqual(suggestProfiles('defualt', profiles), ['default']);
    assert.deepEqual(suggestProfiles('zzz', profiles), []);
    assert.deepEqual(suggestProfiles('ab', new Set(['ac'])), []);
  });
});
