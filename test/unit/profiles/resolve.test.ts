import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAwsConfig } from '../../../src/profiles/aws-config.js';
import { resolveProfile, type ResolveInput } from '../../../src/profiles/resolve.js';
import { StsctlError } from '../../../src/errors.js';

const home = '/home/tester';

function configFrom(files: { config?: string; credentials?: string }, env: Record<string, string> = {}) {
  const texts: Record<string, string | undefined> = {
    [`${home}/.aws/config`]: files.config,
    [`${home}/.aws/credentials`]: files.credentials,
  };
  return loadAwsConfig({
    env,
    homedir: home,
    readFile: (path) => {
      const text = texts[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  });
}

function resolve(files: { config?: string; credentials?: string }, env: Record<string, string> = {}, flags: ResolveInput['flags'] = {}) {
  return resolveProfile({ config: configFrom(files, env), env, flags });
}

function expectError(fn: () => unknown, code: string, exitCode: number, message?: RegExp): StsctlError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof StsctlError, `expected StsctlError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.exitCode, exitCode);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

const chainConfig = `
[profile a]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = b
region = eu-west-1

[profile b]
role_arn = arn:aws:iam::111111111111:role/Ops
source_profile = c
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile c]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef
`;

describe('resolveProfile', () => {
  it('follows a three-deep source_profile chain, root source first, with origins', () => {
    const result = resolve({ config: chainConfig }, {}, { profile: 'a' });
    assert.deepEqual(result.chain.map((link) => link.kind), ['static-keys', 'assume-role', 'assume-role']);
    const last = result.chain[2];
    assert.ok(last?.kind === 'assume-role');
    assert.equal(last.roleArn, 'arn:aws:iam::222222222222:role/Deploy');
    assert.deepEqual(last.via, { sourceProfile: 'b' });
    // mfa_serial is inherited from the source profile b
    assert.equal(last.mfaSerial?.value, 'arn:aws:iam::111111111111:mfa/alice');
    assert.match(last.origin.detail, /config:3 \[a\]$/);
    assert.equal(result.profile?.origin.detail, '--profile');
    assert.equal(result.region?.value, 'eu-west-1');
    assert.match(result.region?.origin.detail ?? '', /config:5 \[a\]/);
    assert.equal(result.endpoint.url, 'https://sts.eu-west-1.amazonaws.com');
    assert.equal(result.endpoint.scope, 'regional');
  });

  it('lets environment keys beat AWS_PROFILE, with a warning, as the AWS CLI does', () => {
    const env = { AWS_PROFILE: 'a', AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) };
    const result = resolve({ config: chainConfig }, env);
    assert.deepEqual(result.chain.map((link) => link.kind), ['env-keys']);
    assert.equal(result.profile?.value, 'a');
    assert.ok(result.warnings.some((w) => /AWS_ACCESS_KEY_ID is set/.test(w) && /AWS_PROFILE=a/.test(w)));
    // the profile's region still applies
    assert.equal(result.region?.value, 'eu-west-1');
  });

  it('lets --profile beat environment keys', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) };
    const result = resolve({ config: chainConfig }, env, { profile: 'c' });
    assert.deepEqual(result.chain.map((link) => link.kind), ['static-keys']);
    assert.ok(result.warnings.some((w) => /--profile was given/.test(w)));
  });

  it('reads AWS_DEFAULT_PROFILE before AWS_PROFILE and warns when they disagree', () => {
    const result = resolve({ config: chainConfig }, { AWS_DEFAULT_PROFILE: 'c', AWS_PROFILE: 'b' });
    assert.equal(result.profile?.value, 'c');
    assert.ok(result.warnings.some((w) => /disagree/.test(w)));
  });

  it('names an unknown profile with near-match suggestions (exit 3)', () => {
    const error = expectError(() => resolve({ config: chainConfig }, {}, { profile: 'aa' }), 'ProfileNotFound', 3, /'aa'/);
    assert.ok(error.hints.some((hint) => /Did you mean 'a'/.test(hint)));
  });

  it('names a source_profile cycle', () => {
    const config = `[profile x]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = y\n[profile y]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = x\n`;
    expectError(() => resolve({ config }, {}, { profile: 'x' }), 'CyclicSourceProfile', 3, /x → y → x/);
  });

  it('accepts a profile that is its own source when it has static keys', () => {
    const credentials = `[self]\naws_access_key_id = AKIAALICEEXAMPLE0001\naws_secret_access_key = s\n`;
    const config = `[profile self]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = self\n`;
    const result = resolve({ config, credentials }, {}, { profile: 'self' });
    assert.deepEqual(result.chain.map((link) => link.kind), ['static-keys', 'assume-role']);
  });

  it('reports a missing source_profile and a malformed role_arn', () => {
    const missing = `[profile x]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = nope\n`;
    expectError(() => resolve({ config: missing }, {}, { profile: 'x' }), 'SourceProfileNotFound', 3, /'nope'/);
    const malformed = `[profile x]\nrole_arn = arn:aws:iam::2222:role/Deploy\nsource_profile = x\naws_access_key_id = A\naws_secret_access_key = B\n`;
    expectError(() => resolve({ config: malformed }, {}, { profile: 'x' }), 'InvalidRoleArn', 3, /config:2/);
  });

  it('reports a syntax error with file and line', () => {
    expectError(() => resolve({ config: '[default]\nregion = us-east-1\nthis is not ini\n' }), 'ConfigParseError', 3, /config:3/);
  });

  it('keeps dotted and quoted profile names whole, and ignores unquoted names with spaces', () => {
    const config = `[profile team.dev]\nregion = us-west-2\n[profile "my prof"]\nregion = eu-west-1\n[profile bad name]\nregion = x\n`;
    const loaded = configFrom({ config });
    assert.deepEqual([...loaded.profiles.keys()].sort(), ['my prof', 'team.dev']);
    assert.equal(loaded.ignoredSections.length, 1);
  });

  it('lets the credentials file win over the config file and records the conflict', () => {
    const loaded = configFrom({
      config: '[profile p]\naws_access_key_id = AKIACONFIGEXAMPLE001\naws_secret_access_key = a\n',
      credentials: '[p]\naws_access_key_id = AKIACREDSEXAMPLE0001\naws_secret_access_key = b\n',
    });
    assert.equal(loaded.profiles.get('p')?.values['aws_access_key_id'], 'AKIACREDSEXAMPLE0001');
    assert.equal(loaded.conflicts.length, 2);
  });

  it('recognises SSO, credential_process, web identity and login profiles', () => {
    const config = `
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
[profile legacy-sso]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
[profile proc]
credential_process = /usr/bin/get-creds --json
[profile web]
role_arn = arn:aws:iam::111111111111:role/Ops
web_identity_token_file = /var/run/token
[profile login]
login_session = arn:aws:iam::111111111111:user/alice
`;
    assert.equal(resolve({ config }, {}, { profile: 'sso' }).chain[0]?.kind, 'sso');
    assert.equal(resolve({ config }, {}, { profile: 'legacy-sso' }).chain[0]?.kind, 'sso');
    assert.equal(resolve({ config }, {}, { profile: 'proc' }).chain[0]?.kind, 'credential-process');
    assert.equal(resolve({ config }, {}, { profile: 'web' }).chain[0]?.kind, 'web-identity');
    assert.equal(resolve({ config }, {}, { profile: 'login' }).chain[0]?.kind, 'login-session');
    const broken = config.replace('sso_session = corp', 'sso_session = nowhere');
    expectError(() => resolve({ config: broken }, {}, { profile: 'sso' }), 'SsoSessionNotFound', 3);
  });

  it('falls back to container, then instance metadata unless disabled', () => {
    assert.equal(resolve({}, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds' }).chain[0]?.kind, 'container');
    assert.equal(resolve({}, {}).chain[0]?.kind, 'instance-metadata');
    assert.deepEqual(resolve({}, { AWS_EC2_METADATA_DISABLED: 'true' }).chain, []);
  });

  it('chooses the endpoint by the documented precedence', () => {
    const config = `[profile p]\nregion = eu-west-1\nservices = local\nendpoint_url = http://profile\n[services local]\nsts =\n  endpoint_url = http://services\n`;
    const at = (env: Record<string, string>, flags: ResolveInput['flags'] = {}) => resolve({ config }, env, { profile: 'p', ...flags }).endpoint;
    assert.equal(at({}, { endpointUrl: 'http://flag' }).url, 'http://flag');
    assert.equal(at({ AWS_ENDPOINT_URL_STS: 'http://sts-env', AWS_ENDPOINT_URL: 'http://global-env' }).url, 'http://sts-env');
    assert.equal(at({ AWS_ENDPOINT_URL: 'http://global-env' }).url, 'http://services');
    assert.equal(at({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).url, 'https://sts.eu-west-1.amazonaws.com');
    const plain = `[profile q]\nregion = us-east-1\n`;
    assert.equal(resolve({ config: plain }, { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, { profile: 'q' }).endpoint.scope, 'global');
    assert.equal(resolve({ config: plain }, {}, { profile: 'q', region: 'cn-north-1' }).endpoint.url, 'https://sts.cn-north-1.amazonaws.com.cn');
    assert.equal(resolve({}, { AWS_EC2_METADATA_DISABLED: 'true' }).endpoint.scope, 'global');
  });

  it('takes the region from --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', () => {
    const config = `[default]\nregion = eu-west-1\n`;
    assert.equal(resolve({ config }, { AWS_REGION: 'us-west-2' }, { region: 'ap-south-1' }).region?.value, 'ap-south-1');
    assert.equal(resolve({ config }, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-2' }).region?.value, 'us-west-2');
    assert.equal(resolve({ config }, { AWS_DEFAULT_REGION: 'us-east-2' }).region?.origin.detail, 'AWS_DEFAULT_REGION');
    assert.equal(resolve({ config }, {}).region?.value, 'eu-west-1');
  });

  it('rejects partial keys and unreadable files', () => {
    expectError(() => resolve({}, { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001' }), 'PartialCredentials', 4);
    expectError(
      () => loadAwsConfig({ env: {}, homedir: home, readFile: () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); } }),
      'ConfigUnreadable',
      3,
    );
  });
});
