// Everything `stsctl assume` can decide before any network call: which role, from which source credentials, with
// which parameters, and the cache key for that combination. Pure: config and environment in, a plan out; every bad
// input is a UsageError here (exit 2), so no request is made for it.
import { CredentialsError, UsageError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import { profileMfaSerial, roleHopMfaSerial } from '../profiles/mfa-serial.js';
import { resolveProfile } from '../profiles/resolve.js';
import type { ChainLink, Resolution, Sourced } from '../profiles/types.js';
import type { Tag } from '../sts/port.js';
import {
  assumeRoleDuration,
  formatDuration,
  parseDuration,
  parseRoleArn,
  parseRoleSpec,
  parseTags,
  readPolicy,
  roleChainingMaxSeconds,
  validateExternalId,
  validateMfaSerial,
  validatePolicyArns,
  validateSessionName,
  validateSourceIdentity,
  validateTokenCode,
  validateTransitiveTagKeys,
  type Partition,
  type RoleReference,
} from '../validation/index.js';

/** Exported by `stsctl assume` next to the credentials; its value is the role ARN. */
export const assumedRoleMarker = 'STSCTL_ASSUMED_ROLE';

export interface AssumeOptions {
  /** ROLE as typed. */
  readonly role: string;
  readonly sourceProfile?: string;
  /** Allow chaining from role credentials an earlier `stsctl assume` exported. */
  readonly chain: boolean;
  readonly duration?: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly tokenCode?: string;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly string[];
  readonly transitiveTags: readonly string[];
  readonly sourceIdentity?: string;
}

export interface PlanInput {
  readonly options: AssumeOptions;
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: { readonly profile?: string; readonly region?: string; readonly endpointUrl?: string };
  readonly readFile: (path: string) => string;
}

/** What is known about the source identity without asking STS. */
export interface KnownCaller {
  readonly account: string;
  readonly partition: Partition;
  /** The session name of the source, when it is itself a role session. */
  readonly sessionName?: string;
}

export interface AssumePlan {
  /** How ROLE was read: a profile, an ARN, an account-qualified role or a role name in the caller's account. */
  readonly role: { readonly kind: 'profile'; readonly profile: string; readonly roleArn: string } | RoleReference;
  /** The resolution whose region and endpoint apply (the ROLE profile's, the source profile's or the default). */
  readonly resolution: Resolution;
  /** The chain that produces the source credentials, root first. Never empty. */
  readonly sourceChain: readonly ChainLink[];
  /** One line for people: `profile alice (static keys AKIA…)`. */
  readonly sourceDescription: string;
  /** The profile the source credentials come from, when there is one. */
  readonly sourceProfile?: string;
  /** Known without a call when the source is a role session (chained) or ROLE says the account. */
  readonly knownCaller?: KnownCaller;
  /** The source is known to be role credentials: AWS caps the session at one hour. */
  readonly chained: boolean;
  /** Chaining from credentials an earlier `stsctl assume` exported (needs --chain). */
  readonly chainedFromEnvironment: boolean;
  /** Undefined: derive it from the caller identity. */
  readonly sessionName?: string;
  readonly durationSeconds: number;
  /** Where the duration came from, for messages. */
  readonly durationOrigin: string;
  readonly externalId?: string;
  readonly mfaSerial?: Sourced<string>;
  readonly tokenCode?: string;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string;
  readonly warnings: readonly string[];
}

const credentialVariables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

/** The environment holds credentials that an earlier `stsctl assume` exported (its marker is next to them). */
export function hasMarkedCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env[assumedRoleMarker]) && Boolean(env['AWS_ACCESS_KEY_ID']);
}

function withoutCredentials(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const copy: Record<string, string | undefined> = { ...env };
  for (const name of credentialVariables) delete copy[name];
  return copy;
}

/** Parses and checks every option, then settles the role and the source. Throws UsageError/ConfigError. */
export function planAssume(input: PlanInput): AssumePlan {
  const { options, config } = input;
  const warnings: string[] = [];

  // Parameters first: they need nothing but the command line, and their errors are the most common.
  const explicitDuration = options.duration === undefined ? undefined : parseDuration(options.duration, { flag: '--duration', ...assumeRoleDuration });
  const explicitSessionName = options.sessionName === undefined ? undefined : validateSessionName(options.sessionName);
  const explicitExternalId = options.externalId === undefined ? undefined : validateExternalId(options.externalId);
  const explicitMfaSerial = options.mfaSerial === undefined ? undefined : validateMfaSerial(options.mfaSerial);
  const tokenCode = options.tokenCode === undefined ? undefined : validateTokenCode(options.tokenCode);
  const policy = options.policy === undefined ? undefined : readPolicy(options.policy, input.readFile);
  const policyArns = validatePolicyArns(options.policyArns);
  const tags = parseTags(options.tags);
  const transitiveTagKeys = validateTransitiveTagKeys(options.transitiveTags, tags, '--transitive-tag');
  const sourceIdentity = options.sourceIdentity === undefined ? undefined : validateSourceIdentity(options.sourceIdentity);

  const spec = parseRoleSpec(options.role, new Set(config.profiles.keys()));
  const resolveFor = (profile: string | undefined, env = input.env): Resolution => {
    const resolved = resolveProfile({
      config,
      env,
      flags: {
        ...(profile ? { profile } : {}),
        ...(input.flags.region ? { region: input.flags.region } : {}),
        ...(input.flags.endpointUrl ? { endpointUrl: input.flags.endpointUrl } : {}),
      },
    });
    // Naming a profile (ROLE or --source-profile) is how one asks for it instead of the environment keys, which
    // after an earlier `eval "$(stsctl assume …)"` are always there: saying so each time would only be noise.
    return profile ? { ...resolved, warnings: resolved.warnings.filter((w) => !w.startsWith('--profile was given')) } : resolved;
  };

  let role: AssumePlan['role'];
  let resolution: Resolution;
  let sourceChain: readonly ChainLink[];
  let roleLink: Extract<ChainLink, { kind: 'assume-role' }> | undefined;
  let chainedFromEnvironment = false;
  let sourceProfile: string | undefined;

  if (spec.kind === 'profile') {
    resolution = resolveFor(spec.name);
    const last = resolution.chain.at(-1);
    if (last?.kind !== 'assume-role' || last.profile !== spec.name) {
      throw new UsageError(
        `The profile '${spec.name}' has no role_arn with a source_profile or credential_source, so there is no role to assume.`,
        {
          code: 'ProfileHasNoRole',
          hints: [
            `To assume a role from that profile's credentials: stsctl assume ROLE --source-profile ${spec.name}`,
            'ROLE can be a profile with role_arn, a role ARN, 123456789012:RoleName, or a role name in your own account.',
          ],
        },
      );
    }
    roleLink = last;
    role = { kind: 'profile', profile: spec.name, roleArn: last.roleArn };
    if (options.sourceProfile !== undefined) {
      sourceChain = resolveFor(options.sourceProfile).chain;
      sourceProfile = options.sourceProfile;
    } else {
      sourceChain = resolution.chain.slice(0, -1);
      sourceProfile = 'sourceProfile' in last.via ? last.via.sourceProfile : undefined;
      // `stsctl --profile bob assume deploy` reads naturally as "from bob", but a profile ROLE brings its own source.
      if (input.flags.profile !== undefined && input.flags.profile !== spec.name) {
        warnings.push(
          `--profile ${input.flags.profile} does not change where profile '${spec.name}' takes its source credentials (${sourceProfile ? `source_profile ${sourceProfile}` : 'its credential_source'}); to assume it from ${input.flags.profile}, use --source-profile ${input.flags.profile}.`,
        );
      }
    }
  } else {
    role = spec;
    if (options.sourceProfile !== undefined) {
      resolution = resolveFor(options.sourceProfile);
      sourceProfile = options.sourceProfile;
    } else if (!input.flags.profile && hasMarkedCredentials(input.env) && !options.chain) {
      // Credentials from an earlier `stsctl assume` are in the environment. Assuming from them would chain roles
      // (one-hour limit, and usually not what was meant): use the identity the shell had before, unless --chain.
      resolution = resolveFor(undefined, withoutCredentials(input.env));
      if (resolution.chain.length === 0) {
        throw new CredentialsError(
          'NoSourceCredentials',
          `The only credentials found are the role credentials of an earlier "stsctl assume" (${input.env[assumedRoleMarker] ?? ''}), and stsctl does not chain from them unless asked.`,
          {
            hints: [
              `Name the credentials to start from: stsctl assume ${options.role} --source-profile PROFILE`,
              `Or chain from the current role on purpose (AWS limits chained sessions to 1 hour): stsctl assume ${options.role} --chain`,
            ],
          },
        );
      }
    } else {
      resolution = resolveFor(input.flags.profile);
      chainedFromEnvironment = !input.flags.profile && hasMarkedCredentials(input.env) && resolution.chain.at(-1)?.kind === 'env-keys';
    }
    sourceChain = resolution.chain;
    sourceProfile ??= resolution.profileExists && resolution.chain.at(-1)?.kind !== 'env-keys' ? resolution.profile?.value : undefined;
  }

  if (sourceChain.length === 0) {
    throw new CredentialsError('NoCredentials', 'No AWS credentials were found to assume the role with.', {
      hints: [
        'Give a profile with keys: --source-profile PROFILE (or --profile PROFILE)',
        'Or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws configure.',
      ],
    });
  }

  const sourceLink = sourceChain.at(-1) as ChainLink;
  const knownCaller = knownCallerOf(sourceLink, input.env, chainedFromEnvironment);
  const chained = chainedFromEnvironment || sourceLink.kind === 'assume-role' || sourceLink.kind === 'web-identity' || sourceLink.kind === 'sso';

  // Defaults come from the ROLE profile, then (for MFA) from the profile holding the source keys.
  const mfaSerial = resolveMfaSerial(explicitMfaSerial, roleLink, sourceLink, config);
  if (tokenCode !== undefined && !mfaSerial) {
    throw new UsageError('--token-code was given, but there is no MFA device to use it with.', {
      code: 'TokenCodeWithoutSerial',
      hints: ['Name the device: --mfa-serial arn:aws:iam::123456789012:mfa/NAME (or set mfa_serial in the profile).'],
    });
  }
  const externalId = explicitExternalId ?? (roleLink?.externalId === undefined ? undefined : validateExternalId(roleLink.externalId, `external_id of profile '${roleLink.profile}'`));
  const sessionName = explicitSessionName ?? (roleLink?.sessionName === undefined ? undefined : validateSessionName(roleLink.sessionName, `role_session_name of profile '${roleLink.profile}'`));

  let durationSeconds = explicitDuration ?? roleLink?.durationSeconds ?? assumeRoleDuration.defaultSeconds;
  const durationOrigin = explicitDuration !== undefined ? '--duration' : roleLink?.durationSeconds !== undefined ? `duration_seconds of profile '${roleLink.profile}'` : 'the default';
  if (chained) {
    const capped = capForChaining(durationSeconds, durationOrigin);
    if (capped.warning) warnings.push(capped.warning);
    else if (chainedFromEnvironment) warnings.push(chainingWarning);
    durationSeconds = capped.seconds;
  }

  return {
    role,
    resolution,
    sourceChain,
    sourceDescription: describeSource(sourceLink, sourceProfile),
    ...(sourceProfile ? { sourceProfile } : {}),
    ...(knownCaller ? { knownCaller } : {}),
    chained,
    chainedFromEnvironment,
    ...(sessionName ? { sessionName } : {}),
    durationSeconds,
    durationOrigin,
    ...(externalId ? { externalId } : {}),
    ...(mfaSerial ? { mfaSerial } : {}),
    ...(tokenCode ? { tokenCode } : {}),
    ...(policy ? { policy } : {}),
    policyArns,
    tags,
    transitiveTagKeys,
    ...(sourceIdentity ? { sourceIdentity } : {}),
    warnings: [...resolution.warnings, ...warnings],
  };
}

export const chainingWarning =
  'Chaining from role credentials: AWS limits a role session assumed with another role session to 1 hour.';

/** Role chaining caps the session at one hour; longer requests are shortened with a warning instead of failing. */
export function capForChaining(seconds: number, origin: string): { readonly seconds: number; readonly warning?: string } {
  if (seconds <= roleChainingMaxSeconds) return { seconds };
  return {
    seconds: roleChainingMaxSeconds,
    warning: `${chainingWarning} Using ${formatDuration(roleChainingMaxSeconds)} instead of ${formatDuration(seconds)} (from ${origin}).`,
  };
}

function knownCallerOf(link: ChainLink, env: Readonly<Record<string, string | undefined>>, fromMarkedEnvironment: boolean): KnownCaller | undefined {
  let roleArn: string | undefined;
  if (link.kind === 'assume-role' || link.kind === 'web-identity') roleArn = link.roleArn;
  else if (fromMarkedEnvironment) roleArn = env[assumedRoleMarker];
  if (roleArn === undefined) return undefined;
  try {
    const parsed = parseRoleArn(roleArn);
    return { account: parsed.account, partition: parsed.partition };
  } catch {
    // A hand-edited marker is not worth failing over: the caller identity is asked for instead.
    return undefined;
  }
}

function resolveMfaSerial(
  explicit: string | undefined,
  roleLink: Extract<ChainLink, { kind: 'assume-role' }> | undefined,
  sourceLink: ChainLink,
  config: AwsConfig,
): Sourced<string> | undefined {
  if (explicit !== undefined) return { value: explicit, origin: { source: 'flag', detail: '--mfa-serial' } };
  const fromRole = roleLink ? roleHopMfaSerial(roleLink) : undefined;
  if (fromRole) return fromRole;
  // A profile holding long-term keys names its user's MFA device; a role ARN assumed from it uses that device,
  // as the profile would if it had role_arn itself. Role-session sources have already used theirs.
  return sourceLink.kind === 'static-keys' ? profileMfaSerial(config, sourceLink.profile) : undefined;
}

function describeSource(link: ChainLink, profile: string | undefined): string {
  const via = profile ? `profile ${profile}: ` : '';
  switch (link.kind) {
    case 'env-keys':
      return 'environment credentials (AWS_ACCESS_KEY_ID)';
    case 'static-keys':
      return `${via}static keys`;
    case 'assume-role':
      return `${via}role ${link.roleArn}`;
    case 'web-identity':
      return `${via}web identity role ${link.roleArn}`;
    case 'sso':
      return `${via}IAM Identity Center ${link.accountId}/${link.roleName}`;
    case 'credential-process':
      return `${via}credential_process`;
    case 'login-session':
      return `${via}console login session`;
    case 'container':
      return 'container credentials';
    case 'instance-metadata':
      return 'EC2 instance metadata';
  }
}

/**
 * What identifies the source credentials without calling anything: each link's kind and the values that pick its
 * identity (key ids, role ARNs, SSO account and role). Two chains with equal fingerprints yield the same identity.
 * Key ids are not secret; secrets never enter the fingerprint.
 */
export function fingerprintChain(chain: readonly ChainLink[], env: Readonly<Record<string, string | undefined>>): string[] {
  return chain.map((link) => {
    switch (link.kind) {
      case 'env-keys':
        return `env:${env['AWS_ACCESS_KEY_ID'] ?? link.accessKeyId}`;
      case 'static-keys':
        return `static:${link.profile}:${link.accessKeyId}`;
      case 'assume-role':
        return `role:${link.roleArn}:${link.sessionName ?? ''}:${link.externalId ?? ''}:${link.mfaSerial?.value ?? ''}:${String(link.durationSeconds ?? '')}`;
      case 'web-identity':
        return `web-identity:${link.roleArn}:${link.tokenFile}:${link.sessionName ?? ''}`;
      case 'sso':
        return `sso:${link.startUrl}:${link.accountId}:${link.roleName}`;
      case 'credential-process':
        return `process:${link.profile}:${link.command}`;
      case 'login-session':
        return `login:${link.profile}:${link.session}`;
      case 'container':
        return `container:${link.uri}`;
      case 'instance-metadata':
        return 'instance-metadata';
    }
  });
}

/** The parts the cache key is made of: everything that changes what AssumeRole returns. */
export function assumeCacheKeyParts(plan: AssumePlan, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  return {
    operation: 'AssumeRole',
    source: fingerprintChain(plan.sourceChain, env),
    // The role as written: for a bare name the account comes from the source identity, which the source fixes.
    role: plan.role.kind === 'profile' || plan.role.kind === 'arn' ? plan.role.roleArn : { ...plan.role },
    sessionName: plan.sessionName ?? { derived: true },
    durationSeconds: plan.durationSeconds,
    externalId: plan.externalId,
    mfaSerial: plan.mfaSerial?.value,
    policy: plan.policy,
    policyArns: [...plan.policyArns].sort(),
    tags: plan.tags.map((tag) => [tag.key, tag.value]),
    transitiveTagKeys: [...plan.transitiveTagKeys].sort(),
    sourceIdentity: plan.sourceIdentity,
    region: plan.resolution.endpoint.signingRegion,
    endpoint: plan.resolution.endpoint.url,
  };
}

