// The pure parts of `stsctl session` and `stsctl federate`: long-term keys or a refusal before any call, the MFA
// device inherited through source_profile, validation, warnings, the root cap, the cache keys, and the marker.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheKey, toCacheEntry, writeCached } from '../../../src/cache/index.js';
import { CredentialsError } from '../../../src/errors.js';
import { noPolicyWarning, packedPolicyWarning, planFederate, type FederateOptions } from '../../../src/federate/plan.js';
import { federateCacheKeyParts } from '../../../src/federate/run-federate.js';
import { grantedDuration, rootCapWarning } from '../../../src/long-term/issue.js';
import { assertLongTermCredentials, resolveLongTermSource, type LongTermSourceInput } from '../../../src/long-term/source.js';
import { loadAwsConfig } from '../../../src/profiles/aws-config.js';
import { describeMfaStatus } from '../../../src/session/mfa-status.js';
import { findMfaSessionForRole, formatMfaMarker, readMfaMarker, sessionKeyParts } from '../../../src/session/mfa-session.js';
import { planSession, type SessionOptions } from '../../../src/session/plan.js';
import { getFederationTokenDuration, getSessionTokenDuration } from '../../../src/validation/index.js';
import { assertUsageError } from '../validation/assert-usage.js';

const home = '/home/tester';
const aliceSerial = 'arn:aws:iam::111111111111:mfa/alice';
const config = `
[profile alice]
region = us-east-1

[profile alice-mfa]
region = us-east-1
mfa_serial = ${aliceSerial}

[profile admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = alice
mfa_serial = ${aliceSerial}
region = eu-west-1

[profile ops]
role_arn = arn:aws:iam::111111111111:role/Ops
source_profile = alice-mfa

[profile deep]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = ops

[profile temp]
region = us-east-1

[profile sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = Admin
`;
const credentials = `
[alice]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef

[alice-mfa]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef

[temp]
aws_access_key_id = ASIATEMPEXAMPLE00001
aws_secret_access_key = tempSECRET/EXAMPLE+key/0123456789abcdefg
aws_session_token = token
`;
const files: Record<string, string> = {
  [`${home}/.aws/config`]: config,
  [`${home}/.aws/credentials`]: credentials,
  '/tmp/big.json': JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(2100) }] }),
};
function readFile(path: string): string {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
}
const markers = { STSCTL_ASSUMED_ROLE: 'assume', STSCTL_MFA: 'session' };
const awsConfig = loadAwsConfig({ env: {}, homedir: home, readFile });

function source(profile: string | undefined, overrides: Partial<LongTermSourceInput> = {}) {
  return resolveLongTermSource({
    operation: 'GetSessionToken',
    command: 'stsctl session',
    config: awsConfig,
    env: {},
    flags: profile ? { profile } : {},
    throughRoleProfiles: true,
    markers,
    ...overrides,
  });
}
function session(profile: string | undefined, options: SessionOptions = {}, env: Record<string, string> = {}) {
  return planSession({ options, config: awsConfig, env, flags: profile ? { profile } : {}, markers });
}
function federate(profile: string | undefined, options: Partial<FederateOptions> = {}, env: Record<string, string> = {}) {
  return planFederate({ options: { name: 'bob', policyArns: [], tags: [], ...options }, config: awsConfig, env, flags: profile ? { profile } : {}, readFile, markers });
}

describe('resolveLongTermSource', () => {
  it('takes static or environment long-term keys, knowing the key id without running anything', () => {
    const alice = source('alice');
    assert.equal(alice.link.kind, 'static-keys');
    assert.equal(alice.accessKeyId, 'AKIAALICEEXAMPLE0001');
    assert.equal(alice.description, 'profile alice (AKIA…0001)');
    const env = source(undefined, { env: { AWS_ACCESS_KEY_ID: 'AKIABOBEXAMPLE000002', AWS_SECRET_ACCESS_KEY: 's' } });
    assert.equal(env.link.kind, 'env-keys');
    assert.equal(env.accessKeyId, 'AKIABOBEXAMPLE000002');
  });

  it('follows a role profile to the keys it starts from for session, and refuses it for federate', () => {
    const admin = source('admin');
    assert.equal(admin.profile, 'alice');
    assert.deepEqual(admin.roleHops.map((hop) => hop.profile), ['admin']);
    assert.equal(admin.resolution.region?.value, 'eu-west-1', 'the selected profile still decides the region');
    const refused = assertUsageError(() => source('admin', { operation: 'GetFederationToken', command: 'stsctl federate bob', throughRoleProfiles: false }), 'profile admin gives the credentials of role arn:aws:iam::222222222222:role/Admin', 'nothing was sent');
    assert.equal(refused.code, 'TemporarySourceCredentials');
    assert.deepEqual(refused.hints, ['Use the keys it starts from: stsctl federate bob --profile alice']);
  });

  it('refuses temporary keys before any call, saying where they came from (exit 2)', () => {
    assertUsageError(() => source('temp'), 'profile temp holds temporary keys (ASIA…0001 with aws_session_token)');
    const env = { AWS_ACCESS_KEY_ID: 'ASIAROLEEXAMPLE00001', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', STSCTL_ASSUMED_ROLE: 'arn:aws:iam::222222222222:role/Deploy' };
    const fromAssume = assertUsageError(() => source(undefined, { env }), 'ASIA…0001 with AWS_SESSION_TOKEN, exported by an earlier stsctl assume');
    assert.ok(fromAssume.hints.includes('Or clear them first: eval "$(stsctl assume --unset)"'));
    assertUsageError(() => source('sso'), 'IAM Identity Center credentials, which are temporary');
  });

  it('says when there are no credentials at all (exit 4)', () => {
    const off = { AWS_EC2_METADATA_DISABLED: 'true' };
    assert.throws(() => source(undefined, { env: off }), (error: unknown) => error instanceof CredentialsError && error.code === 'NoCredentials' && error.exitCode === 4);
    assertUsageError(() => source(undefined), 'EC2 instance metadata (tried last) gives temporary ones');
  });

  it('checks what a credential_process returned before any request', () => {
    const alice = source('alice');
    assertLongTermCredentials({ accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 's' }, alice, 'GetSessionToken', 'stsctl session');
    assertUsageError(() => assertLongTermCredentials({ accessKeyId: 'ASIAX000000000000001', secretAccessKey: 's', sessionToken: 't' }, alice, 'GetSessionToken', 'stsctl session'), 'gave temporary credentials');
  });
});

describe('planSession', () => {
  it('defaults to 12 hours and takes 15m–36h', () => {
    assert.equal(session('alice').durationSeconds, 43_200);
    assert.equal(session('alice', { duration: '36h' }).durationSeconds, 129_600);
    assertUsageError(() => session('alice', { duration: '600' }), '--duration 600 is too short', 'GetSessionToken accepts 900–129600');
    assertUsageError(() => session('alice', { duration: '200000' }), 'too long');
  });

  it('inherits mfa_serial: the flag, else the nearest role profile, else the profile holding the keys', () => {
    assert.equal(session('alice').mfaSerial, undefined);
    assert.equal(session('alice-mfa').mfaSerial?.value, aliceSerial);
    assert.equal(session('admin').mfaSerial?.value, aliceSerial);
    assert.match(session('admin').mfaSerial?.origin.detail ?? '', /\[profile admin\]|admin/);
    assert.equal(session('deep').mfaSerial?.value, aliceSerial, 'deep → ops → alice-mfa names the device');
    assert.equal(session('alice', { mfaSerial: 'arn:aws:iam::111111111111:mfa/other' }).mfaSerial?.origin.detail, '--mfa-serial');
    assert.match(session('admin', { tokenCode: '123456' }).notes[0] ?? '', /for the keys it starts from .*stsctl assume admin/);
  });

  it('refuses a code without a device and bad codes or serials (exit 2)', () => {
    assertUsageError(() => session('alice', { tokenCode: '123456' }), '--token-code was given, but there is no MFA device');
    assertUsageError(() => session('alice-mfa', { tokenCode: '12345' }), 'six digits');
    assertUsageError(() => session('alice', { mfaSerial: 'arn:aws:iam::111111111111:user/alice' }), 'not an MFA device ARN');
  });
});

describe('planFederate', () => {
  it('checks NAME (2–32 of [\\w+=,.@-]) before anything else', () => {
    assertUsageError(() => federate('alice', { name: 'b' }), 'NAME b is too short');
    assertUsageError(() => federate('alice', { name: 'x'.repeat(33) }), 'too long');
    assertUsageError(() => federate('alice', { name: 'bob smith' }), 'contains a space');
    assertUsageError(() => federate('alice', { name: '' }), 'needs NAME');
    assert.equal(federate('alice', { name: 'bob.smith@example.com' }).name, 'bob.smith@example.com');
  });

  it('checks policies, policy ARNs, tags and the duration (exit 2)', () => {
    assertUsageError(() => federate('alice', { policy: '{"Statement": [' }), 'not valid JSON');
    assertUsageError(() => federate('alice', { policy: '@/tmp/big.json' }), 'at most 2048');
    assertUsageError(() => federate('alice', { policyArns: ['ReadOnlyAccess'] }), 'not a managed policy ARN');
    assertUsageError(() => federate('alice', { tags: ['team'] }), 'has no "="');
    assertUsageError(() => federate('alice', { duration: '10m' }), 'too short');
    assert.equal(federate('alice', { duration: '1h' }).durationSeconds, 3600);
    assert.equal(federate('alice').durationSeconds, getFederationTokenDuration.defaultSeconds);
  });

  it('warns when no session policy gives the federated user any permission', () => {
    assert.deepEqual(federate('alice').warnings, [noPolicyWarning('bob')]);
    assert.match(noPolicyWarning('bob'), /no permissions at all, except what resource policies/);
    assert.deepEqual(federate('alice', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }).warnings, []);
    assert.deepEqual(federate('alice', { policy: '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' }).warnings, []);
  });

  it('warns above 90% of the packed size', () => {
    assert.equal(packedPolicyWarning(undefined), undefined);
    assert.equal(packedPolicyWarning(90), undefined);
    assert.match(packedPolicyWarning(91) ?? '', /91% of the packed size/);
  });

  it('keys the cache on everything that changes the answer', () => {
    const base = cacheKey(federateCacheKeyParts(federate('alice'), 'AKIAALICEEXAMPLE0001'));
    assert.equal(base, cacheKey(federateCacheKeyParts(federate('alice'), 'AKIAALICEEXAMPLE0001')));
    for (const other of [
      federateCacheKeyParts(federate('alice', { name: 'carol' }), 'AKIAALICEEXAMPLE0001'),
      federateCacheKeyParts(federate('alice', { duration: '1h' }), 'AKIAALICEEXAMPLE0001'),
      federateCacheKeyParts(federate('alice', { tags: ['team=x'] }), 'AKIAALICEEXAMPLE0001'),
      federateCacheKeyParts(federate('alice'), 'AKIABOBEXAMPLE000002'),
    ]) {
      assert.notEqual(cacheKey(other), base);
    }
  });
});

describe('the root cap', () => {
  const issuedAt = new Date('2026-11-21T20:00:00Z');
  const after = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);
  it('is recognised when AWS returns about an hour after more was asked for', () => {
    assert.deepEqual(grantedDuration({ limits: getSessionTokenDuration, requestedSeconds: 43_200, expiration: after(3600), issuedAt }), { seconds: 3600, rootCapped: true });
    assert.deepEqual(grantedDuration({ limits: getSessionTokenDuration, requestedSeconds: 43_200, expiration: after(43_199), issuedAt }), { seconds: 43_200, rootCapped: false });
    assert.deepEqual(grantedDuration({ limits: getSessionTokenDuration, requestedSeconds: 3600, expiration: after(3600), issuedAt }), { seconds: 3600, rootCapped: false });
    assert.match(rootCapWarning(getFederationTokenDuration, 7200), /1h session instead of 2h: .*root user.*GetFederationToken/);
  });
});

describe('MFA sessions', () => {
  let dir: string;
  before(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'stsctl-mfa-session-')), 'stsctl');
  });
  after(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });
  const now = new Date('2026-11-21T20:00:00Z');
  const sessionCredentials = {
    accessKeyId: 'ASIASESSIONEXAMPLE01',
    secretAccessKey: 'sessionSECRET/EXAMPLE+key/0123456789abc',
    sessionToken: 'token',
    expiration: new Date('2026-11-22T08:00:00Z'),
  };

  it('are keyed by the source key and the device, not the duration or region', () => {
    const alice = source('alice');
    const admin = source('admin');
    const a = cacheKey(sessionKeyParts({ source: 'AKIAALICEEXAMPLE0001', mfaSerial: aliceSerial, resolution: alice.resolution }));
    const b = cacheKey(sessionKeyParts({ source: 'AKIAALICEEXAMPLE0001', mfaSerial: aliceSerial, resolution: admin.resolution }));
    assert.equal(a, b, 'us-east-1 and eu-west-1 share the session');
    assert.notEqual(a, cacheKey(sessionKeyParts({ source: 'AKIAALICEEXAMPLE0001', resolution: alice.resolution })));
  });

  it('serve assume when the role names the same device, the keys match and no code was given', async () => {
    const admin = source('admin');
    const key = cacheKey(sessionKeyParts({ source: 'AKIAALICEEXAMPLE0001', mfaSerial: aliceSerial, resolution: admin.resolution }));
    await writeCached(dir, key, toCacheEntry({ operation: 'GetSessionToken', credentials: sessionCredentials, meta: { mfa: true }, now }));
    const base = { sourceChain: [admin.link], env: {}, resolution: admin.resolution, cacheDir: dir, now };
    const found = await findMfaSessionForRole({ ...base, mfaSerial: aliceSerial });
    assert.equal(found?.credentials.accessKeyId, sessionCredentials.accessKeyId);
    assert.equal(await findMfaSessionForRole({ ...base, mfaSerial: aliceSerial, tokenCode: '123456' }), undefined, 'an explicit code is used instead');
    assert.equal(await findMfaSessionForRole({ ...base }), undefined, 'no device asked for');
    assert.equal(await findMfaSessionForRole({ ...base, mfaSerial: 'arn:aws:iam::111111111111:mfa/other' }), undefined);
    assert.equal(await findMfaSessionForRole({ ...base, mfaSerial: aliceSerial, now: new Date('2026-11-22T07:58:00Z') }), undefined, 'inside the refresh margin');
  });

  it('are marked next to their credentials, and a marker for other credentials is ignored', () => {
    const env = { STSCTL_MFA: formatMfaMarker('ASIASESSIONEXAMPLE01', aliceSerial) };
    assert.equal(readMfaMarker(env, 'ASIASESSIONEXAMPLE01'), aliceSerial);
    assert.equal(readMfaMarker(env, 'ASIAOTHEREXAMPLE0001'), undefined);
    assert.equal(readMfaMarker({}, 'ASIASESSIONEXAMPLE01'), undefined);
  });

  it('whoami: MFA from the chain, the marker, the cache, or honestly unknown', async () => {
    const base = { env: {}, cacheDir: dir, now, principalType: 'iam-user' as const };
    const admin = source('admin');
    const adminChain = admin.resolution.chain;
    assert.equal((await describeMfaStatus({ ...base, chain: adminChain, accessKeyId: 'ASIAROLE000000000001', hasSessionToken: true })).present, 'yes');
    const alice = source('alice');
    assert.deepEqual(await describeMfaStatus({ ...base, chain: alice.resolution.chain, accessKeyId: 'AKIAALICEEXAMPLE0001', hasSessionToken: false }), {
      present: 'no',
      basis: 'long-term access keys never carry MFA',
    });
    const envChain = source(undefined, { env: { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 's' } }).resolution.chain;
    const temp = { ...base, chain: envChain, hasSessionToken: true };
    assert.equal((await describeMfaStatus({ ...temp, accessKeyId: sessionCredentials.accessKeyId })).present, 'yes', 'from the cache entry');
    assert.equal((await describeMfaStatus({ ...temp, accessKeyId: 'ASIAMARKED0000000001', env: { STSCTL_MFA: formatMfaMarker('ASIAMARKED0000000001', aliceSerial) } })).mfaSerial, aliceSerial);
    assert.equal((await describeMfaStatus({ ...temp, accessKeyId: 'ASIAFED0000000000001', principalType: 'federated-user' })).present, 'no');
    assert.equal((await describeMfaStatus({ ...temp, accessKeyId: 'ASIAUNKNOWN000000001' })).present, 'unknown');
  });
});
