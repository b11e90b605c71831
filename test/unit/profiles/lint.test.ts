// Offline lint of the config files: each rule on a small config that breaks it, and a clean config that breaks none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProfilesResult, profileKind, profilesExitCode } from '../../../src/commands/profiles.js';
import { loadAwsConfig, type AwsConfig } from '../../../src/profiles/aws-config.js';
import { lintProfiles, type LintFinding, type LintRule } from '../../../src/profiles/lint.js';

const home = '/home/tester';

function configFrom(files: { config?: string; credentials?: string }): AwsConfig {
  const texts: Record<string, string | undefined> = {
    [`${home}/.aws/config`]: files.config,
    [`${home}/.aws/credentials`]: files.credentials,
  };
  return loadAwsConfig({
    env: {},
    homedir: home,
    readFile: (path) => {
      const text = texts[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  });
}

function lint(files: { config?: string; credentials?: string }, env: Record<string, string> = {}): LintFinding[] {
  return [...lintProfiles(configFrom(files), env).findings];
}

function only(findings: readonly LintFinding[], rule: LintRule): LintFinding[] {
  return findings.filter((finding) => finding.rule === rule);
}

const keys = `[base]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSECRET/EXAMPLE+key/0123456789abcdef
`;

describe('profiles lint', () => {
  it('finds nothing wrong in a clean config', () => {
    const findings = lint({
      config: `[profile base]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\nduration_seconds = 3600\n`,
      credentials: keys,
    });
    assert.deepEqual(findings, []);
  });

  it('reports a source_profile cycle once, naming the loop', () => {
    const findings = lint({
      config: `[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n\n[profile b]\nrole_arn = arn:aws:iam::111111111111:role/B\nsource_profile = a\n\n[profile c]\nrole_arn = arn:aws:iam::111111111111:role/C\nsource_profile = a\n`,
    });
    const cycles = only(findings, 'cycle');
    assert.equal(cycles.length, 1, JSON.stringify(findings, null, 2));
    assert.match(cycles[0]?.message ?? '', /loops: a → b → a/);
    assert.equal(cycles[0]?.severity, 'error');
  });

  it('reports a missing source profile with a near-match suggestion, and a missing sso-session', () => {
    const findings = lint({
      config: `[profile deploy]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = bsae\n\n[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n`,
      credentials: keys,
    });
    const missing = only(findings, 'missing-source');
    assert.equal(missing.length, 2);
    assert.match(missing.find((f) => f.profile === 'deploy')?.fix ?? '', /Did you mean 'base'\?/);
    assert.match(missing.find((f) => f.profile === 'sso')?.message ?? '', /no \[sso-session corp\] section/);
  });

  it('reports malformed role and MFA ARNs with what is wrong', () => {
    const findings = lint({
      config: `[profile deploy]\nrole_arn = arn:aws:iam::2222:role/Deploy\nsource_profile = base\n\n[profile user]\nrole_arn = arn:aws:sts::111111111111:assumed-role/Ops/me\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:user/alice\n`,
      credentials: keys,
    });
    const arns = only(findings, 'malformed-arn');
    assert.equal(arns.length, 3, JSON.stringify(arns, null, 2));
    assert.match(arns.find((f) => f.profile === 'deploy')?.message ?? '', /account id must be 12 digits/);
    assert.match(arns.find((f) => f.profile === 'deploy')?.location ?? '', /config:2 \[deploy\]$/);
    assert.match(arns.find((f) => f.profile === 'user' && /assumed-role/.test(f.message))?.fix ?? '', /arn:aws:iam::111111111111:role\/Ops/);
    assert.match(arns.find((f) => f.profile === 'user' && /mfa_serial/.test(f.message))?.fix ?? '', /arn:aws:iam::111111111111:mfa\/alice/);
  });

  it('suggests the key that was probably meant for an unknown key', () => {
    const findings = lint({ config: `[profile base]\nregoin = eu-west-1\nsource_profle = x\ngranted_sso_start_url = https://x\nmy_custom_thing = 1\n`, credentials: keys });
    const unknown = only(findings, 'unknown-key');
    assert.match(unknown.find((f) => /regoin/.test(f.message))?.message ?? '', /did you mean 'region'\?/);
    assert.match(unknown.find((f) => /source_profle/.test(f.message))?.message ?? '', /did you mean 'source_profile'\?/);
    assert.equal(unknown.some((f) => /granted_/.test(f.message)), false, "other tools' keys are not typos");
    assert.match(unknown.find((f) => /my_custom_thing/.test(f.message))?.message ?? '', /ignore/);
    assert.ok(unknown.every((f) => f.severity === 'warning'));
  });

  it('reports a key set differently in both files', () => {
    const findings = lint({
      config: `[profile base]\nregion = eu-west-1\naws_access_key_id = AKIAOTHEREXAMPLE0009\n`,
      credentials: keys,
    });
    const conflicts = only(findings, 'conflicting-values');
    assert.equal(conflicts.length, 1);
    assert.match(conflicts[0]?.message ?? '', /sets aws_access_key_id differently in .*config:3 and .*credentials:2; the credentials file wins/);
  });

  it('reports duration_seconds out of range, and over an hour for a chained role', () => {
    const findings = lint({
      config: `[profile short]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = base\nduration_seconds = 600\n\n[profile long]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = base\nduration_seconds = 50000\n\n[profile hop]\nrole_arn = arn:aws:iam::111111111111:role/Ops\nsource_profile = base\n\n[profile chained]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = hop\nduration_seconds = 7200\n`,
      credentials: keys,
    });
    const durations = only(findings, 'duration-out-of-range');
    assert.deepEqual(durations.map((f) => f.profile).sort(), ['chained', 'long', 'short']);
    assert.match(durations.find((f) => f.profile === 'chained')?.message ?? '', /role chaining/);
    assert.equal(only(findings, 'broken-profile').length, 0, 'the resolution error for the same duration is not repeated');
  });

  it('reports ignored sections in both files', () => {
    const findings = lint({ config: `[dev]\nregion = eu-west-1\n\n[profile my team]\nregion = eu-west-1\n`, credentials: `[profile base]\naws_access_key_id = AKIAALICEEXAMPLE0001\naws_secret_access_key = x\n` });
    const ignored = only(findings, 'ignored-section');
    assert.equal(ignored.length, 3, JSON.stringify(ignored, null, 2));
    assert.ok(ignored.some((f) => /\[dev\]/.test(f.message) && /\[profile dev\]/.test(f.fix ?? '')));
    assert.ok(ignored.some((f) => /\[profile my team\]/.test(f.message) && /quoted/.test(f.message)));
    assert.ok(ignored.some((f) => f.profile === 'profile base' && /Rename it to \[base\]/.test(f.fix ?? '')));
  });

  it('reports other broken profiles: role without a source, partial keys', () => {
    const findings = lint({ config: `[profile lonely]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\n\n[profile half]\naws_access_key_id = AKIAALICEEXAMPLE0001\n` });
    const broken = only(findings, 'broken-profile');
    assert.deepEqual(broken.map((f) => f.profile).sort(), ['half', 'lonely']);
  });

  it('does not treat credential_source = Environment without exported keys as a file problem', () => {
    const findings = lint({ config: `[profile ci]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\ncredential_source = Environment\n` });
    assert.deepEqual(findings, []);
  });
});

describe('profiles listing', () => {
  const config = configFrom({
    config: `[profile base]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\n\n[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile proc]\ncredential_process = /bin/creds\n\n[profile wi]\nrole_arn = arn:aws:iam::111111111111:role/Ci\nweb_identity_token_file = /tmp/token\n\n[profile login]\nlogin_session = arn:aws:iam::111111111111:user/alice\n\n[profile bare]\nregion = us-west-2\n`,
    credentials: keys,
  });

  it('names each kind, region, MFA serial and the masked chain', () => {
    const result = buildProfilesResult(config, { AWS_PROFILE: 'deploy', AWS_REGION: 'ap-south-1' });
    const byName = new Map(result.profiles.map((profile) => [profile.name, profile]));
    assert.deepEqual(
      result.profiles.map((profile) => [profile.name, profile.kind]),
      [['bare', 'none'], ['base', 'static-keys'], ['deploy', 'role'], ['login', 'login'], ['proc', 'process'], ['sso', 'sso'], ['wi', 'web-identity']],
    );
    const deploy = byName.get('deploy');
    assert.equal(deploy?.active, true);
    assert.equal(deploy?.mfaSerial, 'arn:aws:iam::111111111111:mfa/alice');
    assert.deepEqual(deploy?.chain.map((link) => link.kind), ['static-keys', 'assume-role']);
    assert.equal(JSON.stringify(result).includes('AKIAALICEEXAMPLE0001'), false, 'access key ids are masked');
    assert.equal(byName.get('base')?.region, 'eu-west-1', "the profile's own region, not AWS_REGION");
    assert.equal(profilesExitCode(result), 0);
  });

  it('classifies kinds from keys in the AWS CLI order', () => {
    const profile = (values: Record<string, string>) => ({ name: 'p', values, locations: {}, definedIn: [], nested: {} });
    assert.equal(profileKind(profile({ role_arn: 'x', source_profile: 'y', aws_access_key_id: 'k' })), 'role');
    assert.equal(profileKind(profile({ aws_access_key_id: 'k', credential_process: 'c' })), 'static-keys');
  });

  it('exits with the configuration code when lint finds an error', () => {
    const broken = buildProfilesResult(configFrom({ config: `[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = a\n` }), {});
    assert.equal(broken.errors, 1);
    assert.equal(profilesExitCode(broken), 3);
    assert.match(broken.profiles[0]?.chainError ?? '', /loops/);
  });
});
