// Environment variables that make different tools act as different identities in the same shell. The AWS CLI lets
// environment keys beat AWS_PROFILE and reads AWS_DEFAULT_PROFILE before AWS_PROFILE; the SDKs (and Terraform) do
// the opposite on both counts. When both are set, `aws` and the program you are debugging disagree on who you are.
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { fail, pass, warn, type DoctorCheck } from './check.js';

type Env = Readonly<Record<string, string | undefined>>;

interface Finding {
  readonly severity: 'warn' | 'fail';
  readonly problem: string;
  readonly fix: string;
  readonly exitCode: ExitCodeValue;
}

function value(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

export function findEnvironmentConflicts(env: Env, options: { readonly profileFlag?: string } = {}): Finding[] {
  const findings: Finding[] = [];
  const keyId = value(env, 'AWS_ACCESS_KEY_ID');
  const secret = value(env, 'AWS_SECRET_ACCESS_KEY');
  const token = value(env, 'AWS_SESSION_TOKEN') ?? value(env, 'AWS_SECURITY_TOKEN');
  const awsProfile = value(env, 'AWS_PROFILE');
  const defaultProfile = value(env, 'AWS_DEFAULT_PROFILE');
  const profileVariable = defaultProfile ? `AWS_DEFAULT_PROFILE=${defaultProfile}` : awsProfile ? `AWS_PROFILE=${awsProfile}` : undefined;

  if (keyId && profileVariable) {
    const sdkProfile = awsProfile ?? defaultProfile ?? '';
    const problem = `AWS_ACCESS_KEY_ID and ${profileVariable} are both set: the AWS CLI${options.profileFlag ? '' : ' and stsctl'} use the environment keys, while the AWS SDKs and Terraform use profile ${sdkProfile}.`;
    findings.push({
      // With --profile, stsctl itself is unambiguous; the shell is still inconsistent for every other tool.
      severity: options.profileFlag ? 'warn' : 'fail',
      problem,
      fix: `Pick one: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN (to use the profile), or unset ${awsProfile ? 'AWS_PROFILE' : 'AWS_DEFAULT_PROFILE'}${awsProfile && defaultProfile ? ' AWS_DEFAULT_PROFILE' : ''} (to use the keys).`,
      exitCode: ExitCode.config,
    });
  }
  if (awsProfile && defaultProfile && awsProfile !== defaultProfile) {
    findings.push({
      severity: 'fail',
      problem: `AWS_DEFAULT_PROFILE=${defaultProfile} and AWS_PROFILE=${awsProfile} disagree: the AWS CLI uses ${defaultProfile}, the AWS SDKs and Terraform use ${awsProfile}.`,
      fix: 'unset AWS_DEFAULT_PROFILE (AWS_PROFILE is the one every tool reads).',
      exitCode: ExitCode.config,
    });
  }
  const region = value(env, 'AWS_REGION');
  const defaultRegion = value(env, 'AWS_DEFAULT_REGION');
  if (region && defaultRegion && region !== defaultRegion) {
    findings.push({
      severity: 'warn',
      problem: `AWS_REGION=${region} and AWS_DEFAULT_REGION=${defaultRegion} disagree: the AWS CLI v2 and the SDKs use ${region}, tools that read only AWS_DEFAULT_REGION use ${defaultRegion}.`,
      fix: `export AWS_DEFAULT_REGION=${region} (or unset it).`,
      exitCode: ExitCode.config,
    });
  }
  if (keyId && !secret) {
    findings.push({
      severity: 'fail',
      problem: 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.',
      fix: 'Export AWS_SECRET_ACCESS_KEY too, or unset AWS_ACCESS_KEY_ID to use a profile.',
      exitCode: ExitCode.credentials,
    });
  }
  if (keyId?.startsWith('ASIA') && !token) {
    findings.push({
      severity: 'fail',
      problem: 'AWS_ACCESS_KEY_ID is a temporary key (ASIA…) but AWS_SESSION_TOKEN is not set; AWS rejects temporary keys without their token.',
      fix: 'Export the AWS_SESSION_TOKEN that came with the key (stsctl assume prints all three).',
      exitCode: ExitCode.credentials,
    });
  }
  if (token && !keyId) {
    findings.push({
      severity: 'warn',
      problem: 'AWS_SESSION_TOKEN is set without AWS_ACCESS_KEY_ID: a leftover from an earlier session, ignored until keys are exported again, then sent with the wrong keys.',
      fix: 'unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN',
      exitCode: ExitCode.config,
    });
  }
  return findings;
}

export function checkEnvironment(env: Env, options: { readonly profileFlag?: string } = {}): DoctorCheck {
  const findings = findEnvironmentConflicts(env, options);
  if (findings.length === 0) {
    const set = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION'].filter((name) => value(env, name));
    return pass('environment', set.length > 0 ? `No conflicting variables (set: ${set.join(', ')}).` : 'No AWS variables that could conflict are set.');
  }
  const failing = findings.filter((finding) => finding.severity === 'fail');
  const [first, ...rest] = failing.length > 0 ? failing : findings;
  const summary = first?.problem ?? '';
  const parts = {
    details: [...rest, ...findings.filter((finding) => finding.severity !== first?.severity)].map((finding) => finding.problem),
    fix: findings.map((finding) => finding.fix),
  };
  return first && failing.length > 0 ? fail('environment', summary, first.exitCode, parts) : warn('environment', summary, parts);
}
