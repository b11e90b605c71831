// stsctl profiles end to end: the listing a user sees, each lint problem found in real files, --json, exit codes,
// and no network call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli-runner.js';

const credentials = `[base]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef

[conflicted]
region = us-east-1
`;

const clean = `[profile base]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-west-1

[profile sso-dev]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Developer
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile tool]
credential_process = /usr/local/bin/get-creds
`;

const broken = `${clean}
[profile loop-a]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::111111111111:role/B
source_profile = loop-a

[profile orphan]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = bsae

[profile typo]
role_arn = arn:aws:iam:222222222222:role/Deploy
source_profile = base
regoin = eu-west-1

[profile long]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = base
duration_seconds = 86400

[profile conflicted]
region = eu-west-1

[team dev]
region = eu-west-1
`;

describe('stsctl profiles', () => {
  it('lists each profile with its kind, region, MFA device and chain; clean files exit 0', async () => {
    const result = await runCli(['profiles'], { config: clean, credentials: credentials.split('[conflicted]')[0] ?? '', env: { AWS_PROFILE: 'deploy' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {2}PROFILE +KIND +REGION +MFA +CHAIN$/m);
    assert.match(result.stdout, /^ {2}base +static keys +eu-west-1 +- +base: keys AKIA…0001$/m);
    assert.match(result.stdout, /^\* deploy +role +eu-west-1 +arn:aws:iam::111111111111:mfa\/alice +base: keys AKIA…0001 → deploy: role Deploy \(222222222222\) \+MFA$/m);
    assert.match(result.stdout, /^ {2}sso-dev +SSO +us-east-1 +- +sso-dev: SSO 333333333333\/Developer$/m);
    assert.match(result.stdout, /^ {2}tool +process +- +- +tool: credential_process$/m);
    assert.match(result.stdout, /Lint: no problems found\./);
    assert.doesNotMatch(result.stdout, /AKIAALICEEXAMPLE0001/);
  });

  it('finds every kind of problem, says where and how to fix it, and exits 3', async () => {
    const result = await runCli(['profiles'], { config: broken, credentials });
    assert.equal(result.code, 3, result.stderr);
    const out = result.stdout;
    assert.match(out, /error +The source_profile chain loops: loop-a → loop-b → loop-a\. \[cycle\]/);
    assert.match(out, /error +Profile 'orphan' names source_profile 'bsae' .* which is not defined\. \[missing-source\]\n.*fix: Did you mean 'base'\?/);
    assert.match(out, /error +Profile 'typo': role_arn .* is not a role ARN.* \[malformed-arn\]/);
    assert.match(out, /warning +Profile 'typo' sets 'regoin', which AWS tools do not know; did you mean 'region'\? \[unknown-key\]\n\s+at: \S+config:\d+ \[typo\]/);
    assert.match(out, /error +Profile 'long' sets duration_seconds = 86400; .* \[duration-out-of-range\]/);
    assert.match(out, /warning +Profile 'conflicted' sets region differently in \S+config:\d+ and \S+credentials:\d+; the credentials file wins\. \[conflicting-values\]/);
    assert.match(out, /warning +\[team dev\] is ignored by the AWS CLI.*\n.*\n\s+fix: Rename it to \[profile "team dev"\]/);
    assert.match(out, /Lint: 4 errors, 3 warnings/);
  });

  it('prints the listing and the findings as one JSON document', async () => {
    const result = await runCli(['profiles', '--json'], { config: broken, credentials });
    assert.equal(result.code, 3);
    const document = JSON.parse(result.stdout) as {
      profiles: { name: string; kind: string; chain: { kind: string }[]; chainError?: string }[];
      findings: { rule: string; severity: string; profile?: string }[];
      errors: number;
      warnings: number;
    };
    assert.deepEqual(
      [...new Set(document.findings.map((finding) => finding.rule))].sort(),
      ['conflicting-values', 'cycle', 'duration-out-of-range', 'ignored-section', 'malformed-arn', 'missing-source', 'unknown-key'],
    );
    assert.equal(document.profiles.find((profile) => profile.name === 'deploy')?.chain.length, 2);
    assert.match(document.profiles.find((profile) => profile.name === 'loop-b')?.chainError ?? '', /loops/);
    assert.equal(document.errors, 4);
    assert.equal(document.warnings, 3);
  });

  it('reports a file that does not parse as a finding with its line, and exits 3', async () => {
    const result = await runCli(['profiles'], { config: '[profile ok]\nregion = eu-west-1\nthis line is not ini\n' });
    assert.equal(result.code, 3);
    assert.match(result.stdout, /error +\S+config:3: .*this line is not ini/);
  });

  it('says so when there are no config files at all', async () => {
    const result = await runCli(['profiles']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /No profiles in \S+config \(missing\) or \S+credentials \(missing\)\./);
  });
});
