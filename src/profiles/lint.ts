// Offline lint of ~/.aws/config and ~/.aws/credentials: the mistakes that make a profile fail only when it is
// used (cycles, missing sources, malformed ARNs, typos in key names, durations AWS refuses), and the ones that make
// it behave differently from what the file seems to say (a key set differently in both files, sections the AWS CLI
// ignores). Chain problems come from resolveProfile itself, so lint and real use can never disagree.
import { ConfigError, StsctlError } from '../errors.js';
import { findSimilarNames } from '../text/similar-names.js';
import { parseRoleArn } from '../validation/arn.js';
import { assumeRoleDuration, roleChainingMaxSeconds } from '../validation/duration.js';
import { validateMfaSerial } from '../validation/names.js';
import type { AwsConfig, Profile, ValueLocation } from './aws-config.js';
import { describeLocation, resolveProfile } from './resolve.js';
import type { Resolution } from './types.js';

export type LintSeverity = 'error' | 'warning';

export type LintRule =
  | 'cycle'
  | 'missing-source'
  | 'malformed-arn'
  | 'unknown-key'
  | 'conflicting-values'
  | 'duration-out-of-range'
  | 'ignored-section'
  | 'broken-profile';

export interface LintFinding {
  readonly severity: LintSeverity;
  readonly rule: LintRule;
  /** The profile the finding is about, when it is about one. */
  readonly profile?: string;
  readonly message: string;
  /** `path:line`, where to look. */
  readonly location?: string;
  /** What to change. */
  readonly fix?: string;
}

/**
 * Profile keys the AWS CLI v2 and the AWS SDKs read. Keys outside this list are ignored by them; lint reports those
 * that look like a typo of a known key, and mentions the others without calling them errors.
 */
export const knownProfileKeys: readonly string[] = [
  // credentials
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_credential_expiration', 'aws_account_id',
  // roles
  'role_arn', 'source_profile', 'credential_source', 'external_id', 'mfa_serial', 'role_session_name', 'duration_seconds',
  'web_identity_token_file',
  // IAM Identity Center, processes, console login
  'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'sso_registration_scopes',
  'credential_process', 'login_session',
  // region, endpoints, retries
  'region', 'endpoint_url', 'ignore_configured_endpoint_urls', 'services', 'sts_regional_endpoints', 'use_dualstack_endpoint',
  'use_fips_endpoint', 'retry_mode', 'max_attempts', 'defaults_mode', 'account_id_endpoint_mode',
  // metadata service
  'ec2_metadata_service_endpoint', 'ec2_metadata_service_endpoint_mode', 'ec2_metadata_v1_disabled',
  'metadata_service_timeout', 'metadata_service_num_attempts',
  // transport and request behaviour
  'ca_bundle', 'tcp_keepalive', 'parameter_validation', 'request_min_compression_size_bytes', 'disable_request_compression',
  'request_checksum_calculation', 'response_checksum_validation', 'sigv4a_signing_region_set', 'auth_scheme_preference',
  'sdk_ua_app_id', 'api_versions', 's3',
  // AWS CLI output and behaviour
  'output', 'cli_pager', 'cli_timestamp_format', 'cli_follow_urlparam', 'cli_binary_format', 'cli_auto_prompt', 'cli_history',
  'cli_help_output', 'cli_error_format',
];

/** Keys of well-known companion tools (aws-vault, granted, awsume, saml2aws, Leapp…): not typos. */
const otherToolKeys = new Set([
  'include_profile', 'parent_profile', 'mfa_process', 'session_tags', 'transitive_session_tags', 'source_identity',
  'web_identity_token_process', 'sso_use_stdout', 'region_default', 'azure_tenant_id', 'azure_app_id_uri',
  'azure_default_username', 'azure_default_role_arn', 'azure_default_duration_hours', 'azure_default_remember_me',
]);
const otherToolPrefixes = ['granted_', 'awsume_', 'saml2aws_', 'x_security_token_expires', 'aws_saml', 'leapp_', 'common_fate_', 'credential_'];

const known = new Set(knownProfileKeys);

function at(location: ValueLocation | undefined, profile?: string): string | undefined {
  return location ? describeLocation(location, profile) : undefined;
}

function keyLocation(profile: Profile, key: string): string | undefined {
  return at(profile.locations[key] ?? profile.definedIn[0], profile.name);
}

function lintUnknownKeys(profile: Profile, findings: LintFinding[]): void {
  for (const key of Object.keys(profile.values)) {
    if (known.has(key) || otherToolKeys.has(key) || otherToolPrefixes.some((prefix) => key.startsWith(prefix))) continue;
    const similar = findSimilarNames(key, knownProfileKeys, 2);
    const location = keyLocation(profile, key);
    findings.push({
      severity: 'warning',
      rule: 'unknown-key',
      profile: profile.name,
      message:
        similar.length > 0
          ? `Profile '${profile.name}' sets '${key}', which AWS tools do not know; did you mean ${similar.map((name) => `'${name}'`).join(' or ')}?`
          : `Profile '${profile.name}' sets '${key}', which the AWS CLI and SDKs ignore.`,
      ...(location ? { location } : {}),
      fix: similar.length > 0 ? `Rename '${key}' to '${similar[0] ?? ''}'.` : `Remove '${key}' unless another tool reads it.`,
    });
  }
}

/** Checks one ARN-valued key with the same validator the commands use, reporting its message and first hint. */
function lintArnValue(
  profile: Profile,
  key: string,
  validate: (value: string, label: string) => unknown,
  defaultFix: string,
  findings: LintFinding[],
): void {
  const value = profile.values[key];
  if (value === undefined) return;
  try {
    validate(value, key);
  } catch (error) {
    if (!(error instanceof StsctlError)) throw error;
    const location = keyLocation(profile, key);
    findings.push({
      severity: 'error',
      rule: 'malformed-arn',
      profile: profile.name,
      message: `Profile '${profile.name}': ${error.message}`,
      ...(location ? { location } : {}),
      fix: error.hints[0] ?? defaultFix,
    });
  }
}

function lintArns(profile: Profile, findings: LintFinding[]): void {
  lintArnValue(profile, 'role_arn', parseRoleArn, 'Copy the role ARN from the IAM console (Roles → the role → ARN).', findings);
  lintArnValue(profile, 'mfa_serial', validateMfaSerial, 'Copy the device ARN from IAM → Users → the user → Security credentials → MFA.', findings);
}

function lintDuration(profile: Profile, findings: LintFinding[]): void {
  const raw = profile.values['duration_seconds'];
  if (raw === undefined) return;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= assumeRoleDuration.min && value <= assumeRoleDuration.max) return;
  const location = keyLocation(profile, 'duration_seconds');
  findings.push({
    severity: 'error',
    rule: 'duration-out-of-range',
    profile: profile.name,
    message: `Profile '${profile.name}' sets duration_seconds = ${raw}; AssumeRole accepts whole seconds from ${String(assumeRoleDuration.min)} (15 minutes) to ${String(assumeRoleDuration.max)} (12 hours), and no more than the role's MaxSessionDuration.`,
    ...(location ? { location } : {}),
    fix: 'Set duration_seconds between 900 and 43200, e.g. duration_seconds = 3600.',
  });
}

/** A role assumed with credentials of another role (role chaining) gets at most one hour, whatever it asks. */
function lintRoleChaining(profile: Profile, resolution: Resolution, findings: LintFinding[]): void {
  const roleHops = resolution.chain.filter((link) => link.kind === 'assume-role' || link.kind === 'web-identity' || link.kind === 'sso');
  const last = resolution.chain[resolution.chain.length - 1];
  if (roleHops.length < 2 || last?.kind !== 'assume-role' || (last.durationSeconds ?? 0) <= roleChainingMaxSeconds) return;
  const location = keyLocation(profile, 'duration_seconds');
  findings.push({
    severity: 'error',
    rule: 'duration-out-of-range',
    profile: profile.name,
    message: `Profile '${profile.name}' asks for duration_seconds = ${String(last.durationSeconds)}, but its role is assumed with another role's credentials (role chaining), which AWS limits to ${String(roleChainingMaxSeconds)} seconds: AssumeRole will fail with a ValidationError.`,
    ...(location ? { location } : {}),
    fix: `Set duration_seconds = ${String(roleChainingMaxSeconds)} or less, or assume the role directly from long-term credentials.`,
  });
}

/** Which lint rule a resolution failure belongs to; codes also checked directly above are skipped. */
function ruleOf(code: string): LintRule | 'skip' {
  switch (code) {
    case 'CyclicSourceProfile':
      return 'cycle';
    case 'SourceProfileNotFound':
    case 'SsoSessionNotFound':
      return 'missing-source';
    case 'InvalidRoleArn':
    case 'InvalidDurationSeconds':
      return 'skip';
    default:
      return 'broken-profile';
  }
}

/** The same loop seen from each of its members is one problem: name it by its members, sorted. */
function dedupeKey(error: StsctlError): string {
  const cycle = error.details['cycle'];
  if (error.code === 'CyclicSourceProfile' && Array.isArray(cycle)) {
    return `cycle:${[...new Set(cycle.map(String))].sort().join(',')}`;
  }
  return `${error.code}:${error.message}`;
}

/** Resolve one profile as `--profile NAME` would, with the environment reduced to what a profile can read from it. */
export function resolveForLint(config: AwsConfig, name: string, env: Readonly<Record<string, string | undefined>>): Resolution {
  return resolveProfile({ config, env: profileOnlyEnv(env), flags: { profile: name } });
}

/**
 * The profile's own settings, not the shell's: region, endpoint and retry variables would override the file, and
 * metadata is not consulted offline. Keys stay for `credential_source = Environment`.
 */
export function profileOnlyEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const kept = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  return { ...Object.fromEntries(kept.map((key) => [key, env[key]])), AWS_EC2_METADATA_DISABLED: 'true' };
}

export interface ProfileLintOutcome {
  readonly findings: readonly LintFinding[];
  /** Resolution of each profile that resolves; failures are in the findings. */
  readonly resolutions: ReadonlyMap<string, Resolution>;
  /** The error each unresolvable profile raised, reported once in the findings. */
  readonly failures: ReadonlyMap<string, StsctlError>;
}

export function lintProfiles(config: AwsConfig, env: Readonly<Record<string, string | undefined>> = {}): ProfileLintOutcome {
  const findings: LintFinding[] = [];
  const resolutions = new Map<string, Resolution>();
  const failures = new Map<string, StsctlError>();
  const reported = new Set<string>();

  for (const section of config.ignoredSections) {
    findings.push({
      severity: 'warning',
      rule: 'ignored-section',
      message: `[${section.header}] is ignored by the AWS CLI: ${section.reason}.`,
      location: describeLocation(section.location),
      fix: section.reason.startsWith('a name with spaces')
        ? section.reason
        : `Rename it to [profile ${/\s/.test(section.header) ? `"${section.header}"` : section.header}] if it is meant to be a profile.`,
    });
  }

  const names = [...config.profiles.keys()].sort();
  for (const name of names) {
    const profile = config.profiles.get(name);
    if (!profile) continue;
    if (name.startsWith('profile ') && profile.definedIn.some((location) => location.file === 'credentials')) {
      findings.push({
        severity: 'warning',
        rule: 'ignored-section',
        profile: name,
        message: `The credentials file names a section [${name}]: there, sections are bare profile names, so this defines a profile literally called '${name}'.`,
        ...(profile.definedIn[0] ? { location: describeLocation(profile.definedIn[0]) } : {}),
        fix: `Rename it to [${name.slice('profile '.length)}].`,
      });
    }
    lintUnknownKeys(profile, findings);
    lintArns(profile, findings);
    lintDuration(profile, findings);
    try {
      const resolution = resolveForLint(config, name, env);
      resolutions.set(name, resolution);
      lintRoleChaining(profile, resolution, findings);
    } catch (error) {
      if (!(error instanceof StsctlError)) throw error;
      failures.set(name, error);
      const rule = ruleOf(error.code);
      const key = dedupeKey(error);
      // Credentials problems (e.g. credential_source = Environment with no keys exported now) are not file problems.
      if (rule === 'skip' || reported.has(key) || !(error instanceof ConfigError)) continue;
      reported.add(key);
      findings.push({
        severity: 'error',
        rule,
        profile: name,
        message: error.message,
        ...(error.hints[0] ? { fix: error.hints[0] } : {}),
      });
    }
  }

  for (const conflict of config.conflicts) {
    findings.push({
      severity: 'warning',
      rule: 'conflicting-values',
      profile: conflict.profile,
      message: `Profile '${conflict.profile}' sets ${conflict.key} differently in ${describeLocation(conflict.config)} and ${describeLocation(conflict.credentials)}; the credentials file wins.`,
      location: describeLocation(conflict.credentials),
      fix: `Keep ${conflict.key} in one file only.`,
    });
  }

  return { findings: sortFindings(findings), resolutions, failures };
}

function sortFindings(findings: readonly LintFinding[]): LintFinding[] {
  const weight = (finding: LintFinding): number => (finding.severity === 'error' ? 0 : 1);
  return [...findings].sort((a, b) => weight(a) - weight(b) || (a.profile ?? '').localeCompare(b.profile ?? ''));
}
