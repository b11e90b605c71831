import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { locateJsonError, readPolicy, validatePolicyArn, validatePolicyArns } from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }
  ]
}`;
const minified = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

const noFiles = (path: string): string => {
  throw new Error(`unexpected read of ${path}`);
};
const files = (contents: Record<string, string>) => (path: string): string => {
  const text = contents[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  return text;
};

describe('readPolicy', () => {
  it('returns inline JSON minified', () => {
    assert.equal(readPolicy(policy, noFiles), minified);
  });

  it('reads @file and file:// paths', () => {
    const read = files({ 'p.json': policy, '/abs/p.json': policy });
    assert.equal(readPolicy('@p.json', read), minified);
    assert.equal(readPolicy('file:///abs/p.json', read), minified);
  });

  it('accepts a single statement object and a byte-order mark', () => {
    assert.equal(readPolicy('\uFEFF{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}', noFiles), '{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}');
  });

  it('reports an unreadable file with its name and the reason', () => {
    assertUsageError(() => readPolicy('@missing.json', files({})), 'could not read --policy file missing.json', 'ENOENT');
    assertUsageError(() => readPolicy('@', noFiles), 'needs a file name');
  });

  it('reports JSON errors with line, column and the reason', () => {
    const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "*" }\n  ]\n}';
    const error = assertUsageError(() => readPolicy(broken, noFiles), '--policy is not valid JSON', 'at line 4, column 25 (character 71)');
    assert.ok(error.hints.some((hint) => hint.includes('"Allow" ⟨here⟩"Action"')), error.hints.join());
    assert.deepEqual(error.details, { line: 4, column: 25, position: 70 });
  });

  it('reports JSON errors in files with the file name, and where V8 gives no position', () => {
    assertUsageError(() => readPolicy('@p.json', files({ 'p.json': '{"Statement": }' })), '--policy file p.json is not valid JSON', "Unexpected token '}'", 'line 1, column 15');
    assertUsageError(() => readPolicy('{"Statement": [', noFiles), 'Unexpected end of input at line 1, column 16');
    assertUsageError(() => readPolicy("{'Statement': []}", noFiles), 'line 1, column 2');
  });

  it('requires an object with a Statement', () => {
    assertUsageError(() => readPolicy('[]', noFiles), 'is an array', 'object with a "Statement"');
    assertUsageError(() => readPolicy('"s3:*"', noFiles), 'is a string');
    assertUsageError(() => readPolicy('null', noFiles), 'is null');
    assertUsageError(() => readPolicy('{"Version":"2012-10-17"}', noFiles), 'is an object without "Statement"');
    assertUsageError(() => readPolicy('{"Statement":"Allow"}', noFiles), 'not a statement');
    assertUsageError(() => readPolicy('   ', noFiles), 'is empty');
  });

  it('accepts 2048 minified characters and rejects 2049, reporting the length', () => {
    const statement = (resource: string) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource });
    const base = JSON.stringify({ Statement: [statement('')] }).length;
    const exact = JSON.stringify({ Statement: [statement('x'.repeat(2048 - base))] }, null, 4);
    assert.equal(readPolicy(exact, noFiles).length, 2048);
    const over = JSON.stringify({ Statement: [statement('x'.repeat(2049 - base))] });
    const error = assertUsageError(() => readPolicy(over, noFiles), '--policy is 2049 characters long without whitespace', 'at most 2048');
    assert.ok(error.hints.some((hint) => hint.includes('--policy-arn')));
  });

  it('escapes characters outside Latin-1, which STS does not accept raw', () => {
    const out = readPolicy('{"Statement":[],"Sid":"日本😀é"}', noFiles);
    assert.equal(out, '{"Statement":[],"Sid":"\\u65e5\\u672c\\ud83d\\ude00é"}');
    assert.deepEqual(JSON.parse(out), { Statement: [], Sid: '日本😀é' });
  });
});

describe('locateJsonError', () => {
  const cases: ReadonlyArray<[string, number]> = [
    ['{}', -1],
    [' [1, -2.5e3, true, false, null, "a\\u00e9\\n"] ', -1],
    ['{"a":}', 5],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['[01]', 2],
    ['"a\\x"', 3],
    ['"a\nb"', 2],
    ['{"a":1} x', 8],
    ['{"a":', 5],
    ['tru', 0],
  ];
  for (const [text, offset] of cases) {
    it(`${JSON.stringify(text)} → ${offset}`, () => {
      assert.equal(locateJsonError(text), offset);
      assert.equal(offset === -1, (() => { try { JSON.parse(text); return true; } catch { return false; } })());
    });
  }
});

describe('validatePolicyArn', () => {
  for (const arn of [
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    'arn:aws:iam::123456789012:policy/team/dev/S3Read',
    'arn:aws-cn:iam::123456789012:policy/Boundary',
    'arn:aws-us-gov:iam::aws:policy/AdministratorAccess',
  ]) {
    it(`accepts ${arn}`, () => {
      assert.equal(validatePolicyArn(arn), arn);
    });
  }

  it('rejects other ARNs and says what a policy ARN looks like', () => {
    for (const arn of [
      'arn:aws:iam::123456789012:role/Admin',
      'arn:aws:iam::12345:policy/X',
      'arn:aws:iam:us-east-1:123456789012:policy/X',
      'arn:aws:s3:::bucket',
      'arn:aws:iam::aws:policy/',
    ]) {
      assertUsageError(() => validatePolicyArn(arn), `--policy-arn ${arn} is not a managed policy ARN`, 'arn:aws:iam::aws:policy/Name', 'arn:aws:iam::123456789012:policy/path/Name');
    }
  });

  it('suggests the AWS managed ARN for a bare policy name', () => {
    const error = assertUsageError(() => validatePolicyArn('ReadOnlyAccess'), 'is not a managed policy ARN');
    assert.ok(error.hints.includes('for an AWS managed policy that is arn:aws:iam::aws:policy/ReadOnlyAccess'));
  });

  it('allows at most ten', () => {
    const arns = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    assert.deepEqual(validatePolicyArns(arns), arns);
    assertUsageError(() => validatePolicyArns([...arns, 'arn:aws:iam::aws:policy/P10']), '--policy-arn was given 11 times', 'at most 10');
  });
});
