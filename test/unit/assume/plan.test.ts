// planAssume: everything `stsctl assume` decides before a call — role forms, source selection, defaults from the
// profile, chaining, validation — and the cache key parts that must stay stable across runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assumeCacheKeyParts, planAssume, type AssumeOptions, type PlanInput } from '../../../src/assume/plan.js';
import { cacheKey } from '../../../src/cache/index.js';
import { StsctlError } from '../../../src/errors.js';
import { loadAwsConfig } from '../../../src/profiles/aws-config.js';

const home = '/home/tester';

const config = `
[profile alice]
region = us-east-1
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile bob]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = alice
region = eu-central-1
duration_seconds = 7200

[profile partner]
role_arn = arn:aws:iam::222222222222:role/Partner
source_profile = bob
external_id = partner-42
role_session_name = partner-session

[profile ops]
role_arn = arn:aws:iam::111111111111:role/Ops
source_profile = bob

[profile chained]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = ops
duration_seconds = 43200

[profile bad-mfa]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = bob
mfa_serial = arn:aws:iam::111111111111:user/alice
`;

const credentials = `
[alice]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef

[bob]
aws_access_key_id = AKIABOBEXAMPLE000002
aws_secret_access_key = bobSECRET/EXAMPLE+key/0123456789abcdefgh
`;

const files: Record<string, string> = {
  [`${home}/.aws/config`]: config,
  [`${home}/.aws/credentials`]: credentials,
  '/tmp/policy.json': '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] }',
};

function readFile(path: string): string {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
}

function input(role: string, options: Partial<AssumeOptions> = {}, env: Record<string, string> = {}, flags: PlanInput['flags'] = {}): PlanInput {
  return {
    options: { role, chain: false, policyArns: [], tags: [], transitiveTags: [], ...options },
    config: loadAwsConfig({ env, homedir: home, readFile }),
    env,
    flags,
    readFile,
  };
}

function expectUsage(fn: () => unknown, message: RegExp): StsctlError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof StsctlError, `expected StsctlError, got ${String(error)}`);
    assert.equal(error.exitCode, 2, error.message);
    assert.match(error.message, message);
    return error;
  }
  assert.fail('expected a UsageError');
}

const markedEnv = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE01',
  AWS_SECRET_ACCESS_KEY: 'secret/EXAMPLE+key/0123456789abcdefghijk',
  AWS_SESSION_TOKEN: 'token',
  STSCTL_ASSUMED_ROLE: 'arn:aws:iam::222222222222:role/Deploy',
};

describe('planAssume: ROLE forms', () => {
  it('reads a profile with role_arn: its source chain, region and defaults', () => {
    const plan = planAssume(input('deploy'));
    assert.deepEqual(plan.role, { kind: 'profile', profile: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy' });
    assert.equal(plan.sourceChain.length, 1);
    assert.equal(plan.sourceChain[0]?.kind, 'static-keys');
    assert.equal(plan.sourceProfile, 'alice');
    assert.equal(plan.resolution.region?.value, 'eu-central-1');
    assert.equal(plan.durationSeconds, 7200);
    assert.equal(plan.durationOrigin, "duration_seconds of profile 'deploy'");
    assert.equal(plan.mfaSerial?.value, 'arn:aws:iam::111111111111:mfa/alice', 'mfa_serial is inherited through source_profile');
    assert.equal(plan.chained, false);
  });

  it('takes external_id and role_session_name from the profile, flags winning', () => {
    const fromProfile = planAssume(input('partner'));
    assert.equal(fromProfile.externalId, 'partner-42');
    assert.equal(fromProfile.sessionName, 'partner-session');
    const fromFlags = planAssume(input('partner', { externalId: 'other-id', sessionName: 'mine' }));
    assert.equal(fromFlags.externalId, 'other-id');
    assert.equal(fromFlags.sessionName, 'mine');
  });

  it('accepts role ARNs in every partition', () => {
    for (const arn of ['arn:aws:iam::222222222222:role/Deploy', 'arn:aws-cn:iam::444444444444:role/CnDeploy', 'arn:aws-us-gov:iam::555555555555:role/team/Gov']) {
      const plan = planAssume(input(arn, { sourceProfile: 'alice' }));
      assert.equal(plan.role.kind, 'arn');
      assert.equal(plan.role.kind === 'arn' ? plan.role.roleArn : '', arn);
    }
  });

  it('reads bare names, role paths and account-qualified names', () => {
    assert.deepEqual(planAssume(input('Deploy', { sourceProfile: 'alice' })).role, { kind: 'role-name', path: '/', name: 'Deploy' });
    assert.deepEqual(planAssume(input('role/team/ReadOnly', { sourceProfile: 'alice' })).role, { kind: 'role-name', path: '/team/', name: 'ReadOnly' });
    assert.deepEqual(planAssume(input('222222222222:Deploy', { sourceProfile: 'alice' })).role, {
      kind: 'account-role',
      account: '222222222222',
      path: '/',
      name: 'Deploy',
    });
    assert.deepEqual(planAssume(input('222222222222:role/team/ReadOnly', { sourceProfile: 'alice' })).role, {
      kind: 'account-role',
      account: '222222222222',
      path: '/team/',
      name: 'ReadOnly',
    });
  });

  it('refuses anything else, listing the accepted forms', () => {
    for (const bad of ['arn:aws:iam::222222222222:user/alice', '1234:Deploy', 'team/Deploy', 'a b', 'arn:aws:sts::222222222222:assumed-role/Deploy/x']) {
      expectUsage(() => planAssume(input(bad, { sourceProfile: 'alice' })), /role/i);
    }
    const error = expectUsage(() => planAssume(input('has space', { sourceProfile: 'alice' })), /a profile name, a role ARN/);
    assert.equal(error.code, 'InvalidRoleSpec');
  });

  it('refuses a profile without role_arn, pointing at --source-profile', () => {
    const error = expectUsage(() => planAssume(input('alice')), /no role_arn/);
    assert.match(error.hints.join('\n'), /--source-profile alice/);
  });
});

describe('planAssume: source credentials', () => {
  it('uses --source-profile over the profile chain', () => {
    const plan = planAssume(input('deploy', { sourceProfile: 'bob' }));
    assert.equal(plan.sourceProfile, 'bob');
    assert.equal(plan.sourceChain[0]?.kind === 'static-keys' ? plan.sourceChain[0].profile : '', 'bob');
  });

  it('uses the default chain for a role ARN: environment keys, then --profile', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000009', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) };
    assert.equal(planAssume(input('arn:aws:iam::222222222222:role/Deploy', {}, env)).sourceChain[0]?.kind, 'env-keys');
    const viaProfile = planAssume(input('arn:aws:iam::222222222222:role/Deploy', {}, env, { profile: 'bob' }));
    assert.equal(viaProfile.sourceProfile, 'bob');
  });

  it('does not chain from credentials an earlier stsctl assume exported, unless --chain', () => {
    const env = { ...markedEnv, AWS_PROFILE: 'bob' };
    const plan = planAssume(input('arn:aws:iam::222222222222:role/Deploy', {}, env));
    assert.equal(plan.sourceProfile, 'bob', 'the profile the shell had, not the exported role');
    assert.equal(plan.chained, false);

    const chained = planAssume(input('arn:aws:iam::222222222222:role/Deploy', { chain: true, duration: '12h' }, env));
    assert.equal(chained.sourceChain[0]?.kind, 'env-keys');
    assert.equal(chained.chained, true);
    assert.equal(chained.durationSeconds, 3600, 'capped to the role-chaining limit');
    assert.match(chained.warnings.join('\n'), /1 hour.*Using 1h instead of 12h/);
    assert.deepEqual(chained.knownCaller, { account: '222222222222', partition: 'aws' });
  });

  it('says how to proceed when the exported role credentials are the only ones', () => {
    assert.throws(
      () => planAssume(input('arn:aws:iam::222222222222:role/Deploy', {}, { ...markedEnv, AWS_EC2_METADATA_DISABLED: 'true' })),
      (error: StsctlError) => error.exitCode === 4 && /--chain/.test(error.hints.join('\n')),
    );
  });

  it('warns even without a cap when --chain chains from the environment', () => {
    const plan = planAssume(input('arn:aws:iam::222222222222:role/Deploy', { chain: true }, markedEnv));
    assert.equal(plan.durationSeconds, 3600);
    assert.match(plan.warnings.join('\n'), /limits a role session assumed with another role session to 1 hour/);
  });

  it('caps a profile chain that goes through another role, and knows the caller', () => {
    const plan = planAssume(input('chained'));
    assert.equal(plan.chained, true);
    assert.equal(plan.durationSeconds, 3600);
    assert.match(plan.warnings.join('\n'), /instead of 12h \(from duration_seconds of profile 'chained'\)/);
    assert.deepEqual(plan.knownCaller, { account: '111111111111', partition: 'aws' });
  });

  it("uses the source profile's mfa_serial for a role ARN", () => {
    const plan = planAssume(input('arn:aws:iam::222222222222:role/Admin', { sourceProfile: 'alice' }));
    assert.equal(plan.mfaSerial?.value, 'arn:aws:iam::111111111111:mfa/alice');
    assert.equal(planAssume(input('arn:aws:iam::222222222222:role/Admin', { sourceProfile: 'bob' })).mfaSerial, undefined);
  });
});

describe('planAssume: parameters are checked before any call', () => {
  const role = 'arn:aws:iam::222222222222:role/Deploy';
  const cases: [string, Partial<AssumeOptions>, RegExp][] = [
    ['duration too short', { duration: '600' }, /--duration 600 is too short/],
    ['duration too long', { duration: '13h' }, /too long/],
    ['duration not a duration', { duration: 'soon' }, /not a duration/],
    ['session name with a space', { sessionName: 'my session' }, /--session-name/],
    ['session name too short', { sessionName: 'a' }, /too short/],
    ['external id with a space', { externalId: 'a b' }, /--external-id/],
    ['MFA serial that is a user ARN', { mfaSerial: 'arn:aws:iam::111111111111:user/alice' }, /not an MFA device ARN/],
    ['token code of five digits', { mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', tokenCode: '12345' }, /exactly six digits/],
    ['token code without a device', { sourceProfile: 'bob', tokenCode: '123456' }, /no MFA device/],
    ['policy that is not JSON', { policy: '{"Statement": [' }, /not valid JSON/],
    ['policy file missing', { policy: '@/tmp/none.json' }, /could not read/],
    ['policy too long', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'x'.repeat(2100), Resource: '*' }] }) }, /at most 2048/],
    ['policy ARN', { policyArns: ['ReadOnlyAccess'] }, /not a managed policy ARN/],
    ['tag without =', { tags: ['team'] }, /Key=Value/],
    ['transitive tag not among tags', { tags: ['team=a'], transitiveTags: ['project'] }, /not one of this session's tags/],
    ['source identity', { sourceIdentity: 'a' }, /--source-identity/],
  ];
  for (const [name, options, message] of cases) {
    it(`refuses a ${name}`, () => {
      expectUsage(() => planAssume(input(role, { sourceProfile: 'alice', ...options })), message);
    });
  }

  it("refuses a profile's malformed mfa_serial with its location", () => {
    expectUsage(() => planAssume(input('bad-mfa')), /mfa_serial \(.*config.*\[bad-mfa\]\)/);
  });

  it('accepts the documented duration forms and reads @file policies minified', () => {
    assert.equal(planAssume(input(role, { sourceProfile: 'alice', duration: '15m' })).durationSeconds, 900);
    assert.equal(planAssume(input(role, { sourceProfile: 'alice', duration: '12h' })).durationSeconds, 43200);
    assert.equal(planAssume(input(role, { sourceProfile: 'alice', duration: '3600' })).durationSeconds, 3600);
    assert.equal(planAssume(input(role, { sourceProfile: 'alice' })).durationSeconds, 3600);
    const plan = planAssume(input(role, { sourceProfile: 'alice', policy: '@/tmp/policy.json' }));
    assert.equal(plan.policy, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}');
  });
});

describe('assumeCacheKeyParts', () => {
  const key = (role: string, options: Partial<AssumeOptions> = {}, env: Record<string, string> = {}, flags: PlanInput['flags'] = {}) =>
    cacheKey(assumeCacheKeyParts(planAssume(input(role, options, env, flags)), env));

  it('is stable for the same inputs and needs no call', () => {
    assert.equal(key('deploy'), key('deploy'));
    assert.match(key('deploy'), /^[0-9a-f]{64}$/);
  });

  it('changes with everything that changes the credentials', () => {
    const base = key('deploy');
    const variants = [
      key('deploy', { sessionName: 'other' }),
      key('deploy', { duration: '1h' }),
      key('deploy', { externalId: 'x-123' }),
      key('deploy', { sourceProfile: 'bob' }),
      key('deploy', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
      key('deploy', { tags: ['team=a'] }),
      key('deploy', { sourceIdentity: 'someone' }),
      key('deploy', { policy: '@/tmp/policy.json' }),
      key('deploy', {}, {}, { region: 'eu-west-3' }),
      key('arn:aws:iam::222222222222:role/Deploy', { sourceProfile: 'alice' }),
    ];
    assert.equal(new Set([base, ...variants]).size, variants.length + 1);
  });

  it('ignores the token code: cached MFA credentials are reused without a new code', () => {
    assert.equal(key('deploy'), key('deploy', { tokenCode: '123456' }));
  });

  it('never contains a secret', () => {
    const parts = JSON.stringify(assumeCacheKeyParts(planAssume(input('deploy')), {}));
    assert.doesNotMatch(parts, /aliceSECRET/);
    const envParts = JSON.stringify(assumeCacheKeyParts(planAssume(input('arn:aws:iam::222222222222:role/Deploy', { chain: true }, markedEnv)), markedEnv));
    assert.doesNotMatch(envParts, /secret\/EXAMPLE|token/);
  });
});
