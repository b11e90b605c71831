// Masking helpers and the text renderer: key ids masked, secrets and tokens removed, the profile / account /
// region line present, colour only when asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import type { Diagnosis } from '../../../src/diagnostics/types.js';
import { renderDiagnosisText, wrapText } from '../../../src/render/diagnosis-text.js';
import { maskAccessKeyId, maskSecretsInText, redactSecrets } from '../../../src/text/mask.js';

// The start of an ANSI colour sequence.
const ESC = String.fromCharCode(27) + '[';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDHqa0AP1/EXAMPLE+TOKEN/IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample==';

describe('masking', () => {
  it('keeps the first and last four characters of an access key id', () => {
    assert.equal(maskAccessKeyId('ASIAIOSFODNN7EXAWXYZ'), 'ASIA…WXYZ');
    assert.equal(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE'), 'AKIA…MPLE');
    assert.equal(maskAccessKeyId('short'), '…');
    assert.equal(maskAccessKeyId('ASIA1234'), '…', 'ids too short to hide anything are not shown at all');
  });

  it('masks key ids and removes secrets and session tokens in any text', () => {
    const text = [
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      `aws_secret_access_key = ${SECRET}`,
      `aws_session_token=${TOKEN}`,
      `{"AccessKeyId":"ASIAIOSFODNN7EXAWXYZ","SecretAccessKey":"${SECRET}","SessionToken":"${TOKEN}"}`,
      `export AWS_SECRET_ACCESS_KEY=${SECRET}`,
      `a bare secret ${SECRET} in a sentence`,
    ].join('\n');
    const masked = maskSecretsInText(text);
    assert.ok(!masked.includes(SECRET));
    assert.ok(!masked.includes(TOKEN.slice(0, 30)));
    assert.ok(!masked.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(masked.includes('AKIA…MPLE'));
    assert.ok(masked.includes('ASIA…WXYZ'));
    assert.ok(masked.includes('"SecretAccessKey":"[redacted]"'));
  });

  it('leaves hashes, request ids and ARNs alone', () => {
    const text = 'commit 3f786850e387550fdab836ed7e6dc881de23001b request 70570cbc-baab-4cc7-8053-f3f4dcc7bec8 arn:aws:iam::111122223333:role/Deploy';
    assert.equal(maskSecretsInText(text), text);
    assert.equal(redactSecrets('key AKIAIOSFODNN7EXAMPLE'), 'key AKIAIOSFODNN7EXAMPLE');
  });
});

describe('renderDiagnosisText', () => {
  const error = `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Deploy`;

  it('prints the headline, the message, the profile/account/region line, causes, steps and docs', () => {
    const d = classify(error, { profile: 'dev', account: '111122223333', region: 'eu-west-1', regionOrigin: 'AWS_REGION', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    const text = renderDiagnosisText(d, { color: false });
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^✗ Access denied — /);
    assert.ok(text.includes('AccessDenied from AssumeRole: User: arn:aws:iam::111122223333:user/alice'));
    assert.ok(text.includes('profile dev · account 111122223333 · region eu-west-1 (from AWS_REGION) · key AKIA…MPLE'));
    assert.ok(text.includes('Likely causes'));
    assert.match(text, /1\.\s+high\s+The role’s trust policy/);
    assert.ok(text.includes('Next steps'));
    assert.match(text, /\n {4}1\. {2}Confirm who is calling: stsctl whoami\n/);
    assert.ok(text.includes('Docs: https://docs.aws.amazon.com/'));
    assert.ok(!text.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!text.includes(ESC), 'no colour codes');
  });

  it('indents multi-line statements under their step', () => {
    const text = renderDiagnosisText(classify(error), { color: false });
    const start = text.indexOf('Add to the role’s trust policy');
    const block = text.slice(start).split('\n').slice(1, 4);
    assert.deepEqual(block, ['          {', '            "Effect": "Allow",', '            "Principal": {']);
  });

  it('says "unknown" for context it does not have', () => {
    const text = renderDiagnosisText(classify('Rate exceeded'), { color: false });
    assert.ok(text.includes('profile unknown · account unknown · region unknown'));
  });

  it('never prints secrets, even when the error text contains them', () => {
    const leaky = `botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match. aws_secret_access_key=${SECRET} aws_session_token=${TOKEN} key ASIAIOSFODNN7EXAWXYZ`;
    const d = classify(leaky, { accessKeyId: 'ASIAIOSFODNN7EXAWXYZ', hasSessionToken: true });
    const text = renderDiagnosisText(d, { color: true });
    assert.ok(!text.includes(SECRET));
    assert.ok(!text.includes(TOKEN.slice(0, 30)));
    assert.ok(!text.includes('ASIAIOSFODNN7EXAWXYZ'));
    assert.ok(text.includes('ASIA…WXYZ'));
    // The diagnosis itself (also printed as JSON) carries no secrets either.
    assert.ok(!JSON.stringify({ ...d, context: {} }).includes(SECRET));
  });

  it('colours only when asked', () => {
    const d: Diagnosis = classify('Rate exceeded');
    assert.ok(renderDiagnosisText(d, { color: true }).includes(ESC));
  });

  it('wraps long prose but never breaks an ARN', () => {
    const arn = 'arn:aws:iam::111122223333:role/a-really-long-role-name-that-goes-on-and-on-and-on';
    const lines = wrapText(`word ${arn} word word`, 40, '  ');
    assert.ok(lines.some((l) => l.trim() === arn));
    assert.ok(lines.every((l) => l.startsWith('  ')));
  });
});
