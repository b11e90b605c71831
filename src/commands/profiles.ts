// stsctl profiles: every profile in the two files with its kind, chain, region and MFA device, and an offline lint
// of the files. No network call: it runs the same resolution `--profile NAME` would and reports what breaks.
import type { Command } from 'commander';
import { maskAccessKeyId } from '../text/mask.js';
import { ExitCode, StsctlError, type ExitCodeValue } from '../errors.js';
import { loadAwsConfig, locateConfigFiles, type AwsConfig, type Profile } from '../profiles/aws-config.js';
import { lintProfiles, type LintFinding } from '../profiles/lint.js';
import { describeLocation } from '../profiles/resolve.js';
import type { ChainLink } from '../profiles/types.js';
import type { Runtime } from '../runtime.js';

export type ProfileKind = 'static-keys' | 'role' | 'sso' | 'process' | 'web-identity' | 'login' | 'none';

export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** Root source first, access key ids masked; empty when the chain does not resolve. */
  readonly chain: readonly ChainLink[];
  /** Why the chain does not resolve. */
  readonly chainError?: string;
  readonly region?: string;
  readonly mfaSerial?: string;
  /** `path:line` of each section defining the profile. */
  readonly definedIn: readonly string[];
  /** Whether this is the profile the AWS CLI would use now (AWS_DEFAULT_PROFILE, AWS_PROFILE, else default). */
  readonly active: boolean;
}

export interface ProfilesResult {
  readonly configFile: { readonly path: string; readonly exists: boolean };
  readonly credentialsFile: { readonly path: string; readonly exists: boolean };
  readonly profiles: readonly ProfileSummary[];
  readonly findings: readonly LintFinding[];
  readonly errors: number;
  readonly warnings: number;
}

/** The kind of a profile from its keys, in the order the AWS CLI tries them (see profiles/resolve.ts). */
export function profileKind(profile: Profile): ProfileKind {
  const values = profile.values;
  if (values['role_arn'] && (values['source_profile'] || values['credential_source'])) return 'role';
  if (values['role_arn'] && values['web_identity_token_file']) return 'web-identity';
  if (['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'].some((key) => values[key] !== undefined)) return 'sso';
  if (values['aws_access_key_id'] !== undefined || values['aws_secret_access_key'] !== undefined) return 'static-keys';
  if (values['credential_process']) return 'process';
  if (values['login_session']) return 'login';
  if (values['role_arn']) return 'role';
  return 'none';
}

function maskLink(link: ChainLink): ChainLink {
  return 'accessKeyId' in link ? { ...link, accessKeyId: maskAccessKeyId(link.accessKeyId) } : link;
}

function activeProfileName(env: Readonly<Record<string, string | undefined>>, flag: string | undefined): string {
  return flag || env['AWS_DEFAULT_PROFILE'] || env['AWS_PROFILE'] || 'default';
}

export function buildProfilesResult(config: AwsConfig, env: Readonly<Record<string, string | undefined>>, activeFlag?: string): ProfilesResult {
  const outcome = lintProfiles(config, env);
  const active = activeProfileName(env, activeFlag);
  const profiles = [...config.profiles.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((profile): ProfileSummary => {
      const resolution = outcome.resolutions.get(profile.name);
      const failure = outcome.failures.get(profile.name);
      const mfaSerial = resolution?.chain.flatMap((link) => (link.kind === 'assume-role' && link.mfaSerial ? [link.mfaSerial.value] : [])).pop() ?? profile.values['mfa_serial'];
      return {
        name: profile.name,
        kind: profileKind(profile),
        chain: resolution ? resolution.chain.map(maskLink) : [],
        ...(failure ? { chainError: failure.message } : {}),
        ...(profile.values['region'] ? { region: profile.values['region'] } : {}),
        ...(mfaSerial ? { mfaSerial } : {}),
        definedIn: profile.definedIn.map((location) => describeLocation(location)),
        active: profile.name === active,
      };
    });
  return {
    configFile: { path: config.configFile.path, exists: config.configFile.exists },
    credentialsFile: { path: config.credentialsFile.path, exists: config.credentialsFile.exists },
    profiles,
    findings: outcome.findings,
    errors: outcome.findings.filter((finding) => finding.severity === 'error').length,
    warnings: outcome.findings.filter((finding) => finding.severity === 'warning').length,
  };
}

export function runProfiles(runtime: Runtime): ProfilesResult {
  const { deps } = runtime;
  let config: AwsConfig;
  try {
    config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  } catch (error) {
    // A file that does not parse is the first lint finding, not a crash: say where, and list nothing.
    if (!(error instanceof StsctlError) || error.exitCode !== ExitCode.config) throw error;
    const located = locateConfigFiles(deps.env, deps.homedir);
    const file = typeof error.details['file'] === 'string' ? error.details['file'] : undefined;
    const line = typeof error.details['line'] === 'number' ? error.details['line'] : undefined;
    return {
      configFile: { path: located.config.path, exists: true },
      credentialsFile: { path: located.credentials.path, exists: true },
      profiles: [],
      findings: [
        {
          severity: 'error',
          rule: 'broken-profile',
          message: error.message,
          ...(file ? { location: line ? `${file}:${String(line)}` : file } : {}),
          ...(error.hints.length > 0 ? { fix: error.hints[error.hints.length - 1] } : {}),
        },
      ],
      errors: 1,
      warnings: 0,
    };
  }
  return buildProfilesResult(config, deps.env, runtime.globals().profile);
}

/** Exit code of `stsctl profiles`: 3 (configuration) when lint found an error; warnings alone exit 0. */
export function profilesExitCode(result: ProfilesResult): ExitCodeValue {
  return result.errors > 0 ? ExitCode.config : ExitCode.ok;
}

export function registerProfiles(program: Command, runtime: Runtime, hooks: { readonly setExitCode: (code: ExitCodeValue) => void }): void {
  program
    .command('profiles')
    .description('list every profile with its kind, chain, region and MFA device, and lint the config files (offline)')
    .addHelpText(
      'after',
      `
Lint finds: source_profile cycles, missing source profiles and sso-sessions, malformed role and MFA ARNs,
unknown keys (with the key you probably meant), keys set differently in config and credentials,
duration_seconds out of range (and over 1 hour for chained roles), and sections the AWS CLI ignores.
Exit code 3 when lint finds an error; warnings alone exit 0. Nothing is sent to AWS.

Examples:
  $ stsctl profiles                          # table of profiles, then lint findings
  $ stsctl profiles --json | jq '.findings'  # machine-readable`,
    )
    .action(async () => {
      const result = runProfiles(runtime);
      const output = runtime.output();
      if (output.json) output.resultJson(result);
      else {
        // Table renderers (cli-table3) load only when printed, keeping the start-up chunk shared by every command small.
        const { renderProfilesText } = await import('../render/profiles-text.js');
        output.result(renderProfilesText(result, { style: output.style }));
      }
      hooks.setExitCode(profilesExitCode(result));
    });
}
