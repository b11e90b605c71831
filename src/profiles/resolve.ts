// Resolve the active profile and its credential chain exactly as the AWS CLI does, before any network call:
//   --profile beats env keys; env keys beat AWS_DEFAULT_PROFILE/AWS_PROFILE; then the profile's own settings
//   (role_arn with source_profile or credential_source, web identity, SSO, static keys, credential_process,
//   login_session); then container and instance metadata.
// Every setting keeps its origin so whoami can say why it is in force.
import { ConfigError, CredentialsError, StsctlError } from '../errors.js';
import { assumeRoleDuration, parseRoleArn } from '../validation/index.js';
import { findSimilarNames } from '../text/similar-names.js';
import type { AwsConfig, Profile, ValueLocation } from './aws-config.js';
import type { ChainLink, Origin, Resolution, ResolvedEndpoint, Sourced } from './types.js';

export interface ResolveInput {
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: {
    readonly profile?: string;
    readonly region?: string;
    readonly endpointUrl?: string;
  };
}

const credentialSources = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;

/** Regions where `sts_regional_endpoints = legacy` still sends calls to the global endpoint. */
const legacyGlobalRegions = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

export function describeLocation(location: ValueLocation, profile?: string): string {
  const section = profile === undefined ? '' : ` [${profile}]`;
  return `${location.path}:${String(location.line)}${section}`;
}

function fileOrigin(profile: Profile, key: string): Origin {
  const location = profile.locations[key];
  return location
    ? { source: location.file, detail: describeLocation(location, profile.name) }
    : { source: 'default', detail: 'default' };
}

function envValue(env: ResolveInput['env'], name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function selectProfile(input: ResolveInput): Sourced<string> & { explicit: boolean; viaFlag: boolean } {
  if (input.flags.profile) {
    return { value: input.flags.profile, origin: { source: 'flag', detail: '--profile' }, explicit: true, viaFlag: true };
  }
  // botocore checks AWS_DEFAULT_PROFILE before AWS_PROFILE; the SDKs read only AWS_PROFILE (warned below).
  for (const name of ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE']) {
    const value = envValue(input.env, name);
    if (value) return { value, origin: { source: 'env', detail: name }, explicit: true, viaFlag: false };
  }
  return { value: 'default', origin: { source: 'default', detail: 'no --profile or AWS_PROFILE set' }, explicit: false, viaFlag: false };
}

function profileNotFound(config: AwsConfig, name: string, origin: Origin): ConfigError {
  const names = [...config.profiles.keys()];
  const similar = findSimilarNames(name, names);
  const hints: string[] = [];
  if (similar.length > 0) hints.push(`Did you mean ${similar.map((s) => `'${s}'`).join(' or ')}?`);
  hints.push(
    names.length > 0
      ? `Profiles defined: ${names.sort().join(', ')} (stsctl profiles lists them with their kinds).`
      : `No profiles are defined in ${config.configFile.path} or ${config.credentialsFile.path}.`,
  );
  if (origin.source === 'env') hints.push(`${origin.detail} names it; unset ${origin.detail} or fix its value.`);
  return new ConfigError(
    'ProfileNotFound',
    `The profile '${name}' (from ${origin.detail}) is not defined in ${config.configFile.path} or ${config.credentialsFile.path}.`,
    { hints, details: { profile: name, suggestions: similar } },
  );
}

interface ChainContext {
  readonly config: AwsConfig;
  readonly env: ResolveInput['env'];
  /** Profiles visited while following source_profile, to name a cycle. */
  readonly visited: string[];
}

function hasStaticKeys(profile: Profile): boolean {
  return profile.values['aws_access_key_id'] !== undefined || profile.values['aws_secret_access_key'] !== undefined;
}

function staticKeysLink(profile: Profile): ChainLink {
  const accessKeyId = profile.values['aws_access_key_id'];
  const secret = profile.values['aws_secret_access_key'];
  if (!accessKeyId || !secret) {
    const missing = accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id';
    const present = accessKeyId ? 'aws_access_key_id' : 'aws_secret_access_key';
    throw new ConfigError(
      'PartialCredentials',
      `Profile '${profile.name}' sets ${present} (${fileOrigin(profile, present).detail}) but not ${missing}.`,
      { hints: [`Add ${missing} to the profile, or run: aws configure --profile ${profile.name}`] },
    );
  }
  return {
    kind: 'static-keys',
    profile: profile.name,
    accessKeyId,
    hasSessionToken: Boolean(profile.values['aws_session_token'] ?? profile.values['aws_security_token']),
    origin: fileOrigin(profile, 'aws_access_key_id'),
  };
}

function validateRoleArn(profile: Profile, key: string): string {
  const arn = profile.values[key] ?? '';
  try {
    return parseRoleArn(arn, key).arn;
  } catch (error) {
    // The same rule as the command line's, but a bad value in a file is a configuration error (exit 3).
    if (!(error instanceof StsctlError)) throw error;
    throw new ConfigError('InvalidRoleArn', `Profile '${profile.name}' has a malformed ${key} '${arn}' (${fileOrigin(profile, key).detail}).`, {
      hints: error.hints.length > 0 ? error.hints : ['A role ARN looks like arn:aws:iam::123456789012:role/RoleName (or role/path/RoleName).'],
      cause: error,
    });
  }
}

function parseDurationSetting(profile: Profile): number | undefined {
  const raw = profile.values['duration_seconds'];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < assumeRoleDuration.min || value > assumeRoleDuration.max) {
    throw new ConfigError(
      'InvalidDurationSeconds',
      `Profile '${profile.name}' sets duration_seconds = ${raw} (${fileOrigin(profile, 'duration_seconds').detail}); AssumeRole accepts 900–43200 seconds.`,
      { hints: ['Set duration_seconds to a whole number of seconds between 900 (15 minutes) and 43200 (12 hours).'] },
    );
  }
  return value;
}

/** mfa_serial of the profile, else inherited from its source_profile chain (as aws-vault does). */
function findMfaSerial(context: ChainContext, profile: Profile, seen: Set<string> = new Set()): Sourced<string> | undefined {
  const own = profile.values['mfa_serial'];
  if (own) return { value: own, origin: fileOrigin(profile, 'mfa_serial') };
  const source = profile.values['source_profile'];
  if (!source || seen.has(source) || source === profile.name) return undefined;
  seen.add(profile.name);
  const next = context.config.profiles.get(source);
  return next ? findMfaSerial(context, next, seen) : undefined;
}

function ssoLink(context: ChainContext, profile: Profile): ChainLink {
  const sessionName = profile.values['sso_session'];
  let startUrl = profile.values['sso_start_url'];
  let ssoRegion = profile.values['sso_region'];
  if (sessionName) {
    const session = context.config.ssoSessions.get(sessionName);
    if (!session) {
      throw new ConfigError(
        'SsoSessionNotFound',
        `Profile '${profile.name}' names sso_session '${sessionName}' (${fileOrigin(profile, 'sso_session').detail}), but there is no [sso-session ${sessionName}] section.`,
        { hints: [`Add [sso-session ${sessionName}] with sso_start_url and sso_region, or run: aws configure sso`] },
      );
    }
    startUrl = session.values['sso_start_url'] ?? startUrl;
    ssoRegion = session.values['sso_region'] ?? ssoRegion;
  }
  const accountId = profile.values['sso_account_id'];
  const roleName = profile.values['sso_role_name'];
  const missing = Object.entries({ sso_start_url: startUrl, sso_region: ssoRegion, sso_account_id: accountId, sso_role_name: roleName })
    .filter(([, value]) => !value)
    .map(([key]) => key);
  if (missing.length > 0 || !startUrl || !ssoRegion || !accountId || !roleName) {
    throw new ConfigError(
      'IncompleteSsoProfile',
      `Profile '${profile.name}' is an IAM Identity Center (SSO) profile but lacks ${missing.join(', ')}.`,
      { hints: [`Run: aws configure sso --profile ${profile.name}`] },
    );
  }
  return {
    kind: 'sso',
    profile: profile.name,
    ...(sessionName ? { ssoSession: sessionName } : {}),
    startUrl,
    ssoRegion,
    accountId,
    roleName,
    origin: fileOrigin(profile, sessionName ? 'sso_session' : 'sso_start_url'),
  };
}

function isSsoProfile(profile: Profile): boolean {
  return ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'].some((key) => profile.values[key] !== undefined);
}

function credentialSourceChain(context: ChainContext, profile: Profile, source: string): ChainLink[] {
  if (!(credentialSources as readonly string[]).includes(source)) {
    throw new ConfigError(
      'InvalidCredentialSource',
      `Profile '${profile.name}' sets credential_source = ${source} (${fileOrigin(profile, 'credential_source').detail}); accepted values are ${credentialSources.join(', ')}.`,
    );
  }
  if (source === 'Environment') {
    const link = envKeysLink(context.env);
    if (!link) {
      throw new CredentialsError(
        'NoEnvironmentCredentials',
        `Profile '${profile.name}' takes its source credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
        { hints: ['Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or point source_profile at a profile with keys.'] },
      );
    }
    return [link];
  }
  const origin = fileOrigin(profile, 'credential_source');
  if (source === 'EcsContainer') return [containerLink(context.env) ?? { kind: 'container', uri: '(not configured)', origin }];
  return [{ kind: 'instance-metadata', origin }];
}

/** The chain that produces this profile's credentials, root source first. */
function profileChain(context: ChainContext, profile: Profile, asSource: boolean): ChainLink[] {
  const roleArn = profile.values['role_arn'];
  const sourceProfile = profile.values['source_profile'];
  const credentialSource = profile.values['credential_source'];

  // A profile used as somebody's source gives its own static keys when it has them, even with a role_arn
  // (botocore's rule; it is also what makes `source_profile = <itself>` legal).
  if (asSource && hasStaticKeys(profile)) return [staticKeysLink(profile)];

  if (roleArn && (sourceProfile || credentialSource)) {
    if (sourceProfile && credentialSource) {
      throw new ConfigError(
        'ConflictingRoleSource',
        `Profile '${profile.name}' sets both source_profile and credential_source; the AWS CLI accepts only one.`,
        { hints: [`Remove one of them from ${fileOrigin(profile, 'role_arn').detail}.`] },
      );
    }
    const arn = validateRoleArn(profile, 'role_arn');
    let sourceChain: ChainLink[];
    if (sourceProfile) {
      const selfReference = sourceProfile === profile.name;
      if (context.visited.includes(sourceProfile) && !(selfReference && hasStaticKeys(profile))) {
        const cycle = [...context.visited.slice(context.visited.indexOf(sourceProfile)), sourceProfile];
        throw new ConfigError('CyclicSourceProfile', `The source_profile chain loops: ${cycle.join(' → ')}.`, {
          hints: ['Point the last profile of the loop at a profile with keys (static, SSO or credential_process).'],
          details: { cycle },
        });
      }
      const source = context.config.profiles.get(sourceProfile);
      if (!source) {
        const similar = findSimilarNames(sourceProfile, context.config.profiles.keys());
        throw new ConfigError(
          'SourceProfileNotFound',
          `Profile '${profile.name}' names source_profile '${sourceProfile}' (${fileOrigin(profile, 'source_profile').detail}), which is not defined.`,
          { hints: similar.length > 0 ? [`Did you mean ${similar.map((s) => `'${s}'`).join(' or ')}?`] : ['Define that profile or fix the name.'] },
        );
      }
      context.visited.push(sourceProfile);
      sourceChain = selfReference ? [staticKeysLink(profile)] : profileChain(context, source, true);
    } else {
      sourceChain = credentialSourceChain(context, profile, credentialSource ?? '');
    }
    const mfaSerial = findMfaSerial(context, profile);
    const durationSeconds = parseDurationSetting(profile);
    const link: ChainLink = {
      kind: 'assume-role',
      profile: profile.name,
      roleArn: arn,
      ...(profile.values['role_session_name'] ? { sessionName: profile.values['role_session_name'] } : {}),
      ...(profile.values['external_id'] ? { externalId: profile.values['external_id'] } : {}),
      ...(mfaSerial ? { mfaSerial } : {}),
      ...(durationSeconds ? { durationSeconds } : {}),
      via: sourceProfile ? { sourceProfile } : { credentialSource: credentialSource ?? '' },
      origin: fileOrigin(profile, 'role_arn'),
    };
    return [...sourceChain, link];
  }
  if (roleArn && profile.values['web_identity_token_file']) {
    return [
      {
        kind: 'web-identity',
        profile: profile.name,
        roleArn: validateRoleArn(profile, 'role_arn'),
        tokenFile: profile.values['web_identity_token_file'],
        ...(profile.values['role_session_name'] ? { sessionName: profile.values['role_session_name'] } : {}),
        origin: fileOrigin(profile, 'web_identity_token_file'),
      },
    ];
  }
  if (isSsoProfile(profile)) return [ssoLink(context, profile)];
  if (hasStaticKeys(profile)) return [staticKeysLink(profile)];
  if (profile.values['credential_process']) {
    return [
      {
        kind: 'credential-process',
        profile: profile.name,
        command: profile.values['credential_process'],
        origin: fileOrigin(profile, 'credential_process'),
      },
    ];
  }
  if (profile.values['login_session']) {
    return [
      { kind: 'login-session', profile: profile.name, session: profile.values['login_session'], origin: fileOrigin(profile, 'login_session') },
    ];
  }
  if (roleArn) {
    throw new ConfigError(
      'RoleWithoutSource',
      `Profile '${profile.name}' sets role_arn (${fileOrigin(profile, 'role_arn').detail}) but neither source_profile, credential_source nor web_identity_token_file, so nothing can assume the role.`,
      { hints: ['Add source_profile = <profile with keys> (or credential_source = Environment|Ec2InstanceMetadata|EcsContainer).'] },
    );
  }
  if (asSource) {
    throw new ConfigError(
      'SourceProfileWithoutCredentials',
      `Profile '${profile.name}' is used as a source_profile but holds no credentials (no keys, SSO, credential_process or role).`,
      { hints: [`Add credentials to '${profile.name}', e.g. aws configure --profile ${profile.name}`] },
    );
  }
  return [];
}

function envKeysLink(env: ResolveInput['env']): ChainLink | undefined {
  const accessKeyId = envValue(env, 'AWS_ACCESS_KEY_ID');
  const secret = envValue(env, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKeyId && !secret) return undefined;
  if (!accessKeyId || !secret) {
    const [present, missing] = accessKeyId ? ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] : ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'];
    throw new CredentialsError('PartialCredentials', `${present} is set in the environment but ${missing} is not.`, {
      hints: [`Export ${missing} too, or unset ${present} to use a profile.`],
    });
  }
  const hasSessionToken = Boolean(envValue(env, 'AWS_SESSION_TOKEN') ?? envValue(env, 'AWS_SECURITY_TOKEN'));
  return { kind: 'env-keys', accessKeyId, hasSessionToken, origin: { source: 'env', detail: 'AWS_ACCESS_KEY_ID' } };
}

function containerLink(env: ResolveInput['env']): ChainLink | undefined {
  const relative = envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  if (relative) return { kind: 'container', uri: `http://169.254.170.2${relative}`, origin: { source: 'env', detail: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' } };
  const full = envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  if (full) return { kind: 'container', uri: full, origin: { source: 'env', detail: 'AWS_CONTAINER_CREDENTIALS_FULL_URI' } };
  return undefined;
}

function metadataChain(env: ResolveInput['env']): ChainLink[] {
  const container = containerLink(env);
  if (container) return [container];
  if ((envValue(env, 'AWS_EC2_METADATA_DISABLED') ?? '').toLowerCase() === 'true') return [];
  return [{ kind: 'instance-metadata', origin: { source: 'default', detail: 'last in the chain: EC2 instance metadata' } }];
}

function resolveRegion(input: ResolveInput, profile: Profile | undefined, warnings: string[]): Sourced<string> | undefined {
  if (input.flags.region) return { value: input.flags.region, origin: { source: 'flag', detail: '--region' } };
  const region = envValue(input.env, 'AWS_REGION');
  const defaultRegion = envValue(input.env, 'AWS_DEFAULT_REGION');
  if (region && defaultRegion && region !== defaultRegion) {
    warnings.push(`AWS_REGION=${region} and AWS_DEFAULT_REGION=${defaultRegion} disagree; AWS_REGION wins here and in the AWS CLI v2 and SDKs, but tools that read only AWS_DEFAULT_REGION will use ${defaultRegion}.`);
  }
  if (region) return { value: region, origin: { source: 'env', detail: 'AWS_REGION' } };
  if (defaultRegion) return { value: defaultRegion, origin: { source: 'env', detail: 'AWS_DEFAULT_REGION' } };
  const fromProfile = profile?.values['region'];
  if (profile && fromProfile) return { value: fromProfile, origin: fileOrigin(profile, 'region') };
  return undefined;
}

function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

function resolveEndpoint(input: ResolveInput, profile: Profile | undefined, region: Sourced<string> | undefined): ResolvedEndpoint {
  const signingRegion = region?.value ?? 'us-east-1';
  const custom = (url: string, origin: Origin): ResolvedEndpoint => ({ url, signingRegion, scope: 'custom', origin });
  if (input.flags.endpointUrl) return custom(input.flags.endpointUrl, { source: 'flag', detail: '--endpoint-url' });

  const ignoreConfigured =
    (envValue(input.env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') ?? profile?.values['ignore_configured_endpoint_urls'] ?? '').toLowerCase() === 'true';
  if (!ignoreConfigured) {
    const stsEnv = envValue(input.env, 'AWS_ENDPOINT_URL_STS');
    if (stsEnv) return custom(stsEnv, { source: 'env', detail: 'AWS_ENDPOINT_URL_STS' });
    const servicesName = profile?.values['services'];
    const servicesSection = servicesName ? input.config.services.get(servicesName) : undefined;
    const servicesUrl = servicesSection?.nested['sts']?.['endpoint_url'];
    if (servicesSection && servicesUrl) {
      return custom(servicesUrl, { source: 'config', detail: `${describeLocation(servicesSection.location)} [services ${servicesSection.name}] sts.endpoint_url` });
    }
    const globalEnv = envValue(input.env, 'AWS_ENDPOINT_URL');
    if (globalEnv) return custom(globalEnv, { source: 'env', detail: 'AWS_ENDPOINT_URL' });
    const profileUrl = profile?.values['endpoint_url'];
    if (profile && profileUrl) return custom(profileUrl, fileOrigin(profile, 'endpoint_url'));
  }

  if (!region) {
    return { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', scope: 'global', origin: { source: 'default', detail: 'no region set, so the global endpoint' } };
  }
  const regionalSetting = envValue(input.env, 'AWS_STS_REGIONAL_ENDPOINTS') ?? profile?.values['sts_regional_endpoints'];
  if (regionalSetting === 'legacy' && legacyGlobalRegions.has(region.value)) {
    const detail = envValue(input.env, 'AWS_STS_REGIONAL_ENDPOINTS') ? 'AWS_STS_REGIONAL_ENDPOINTS=legacy' : 'sts_regional_endpoints = legacy';
    return { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', scope: 'global', origin: { source: 'derived', detail } };
  }
  return {
    url: `https://sts.${region.value}.${dnsSuffix(region.value)}`,
    signingRegion: region.value,
    scope: 'regional',
    origin: { source: 'derived', detail: `regional endpoint for ${region.value}` },
  };
}

function resolveRetry(input: ResolveInput, profile: Profile | undefined): Resolution['retry'] {
  const modeEnv = envValue(input.env, 'AWS_RETRY_MODE');
  const modeProfile = profile?.values['retry_mode'];
  const attemptsEnv = envValue(input.env, 'AWS_MAX_ATTEMPTS');
  const attemptsProfile = profile?.values['max_attempts'];
  const asMode = (value: string): 'standard' | 'adaptive' | 'legacy' | undefined =>
    value === 'standard' || value === 'adaptive' || value === 'legacy' ? value : undefined;
  const mode = modeEnv && asMode(modeEnv)
    ? { value: asMode(modeEnv) ?? 'standard', origin: { source: 'env', detail: 'AWS_RETRY_MODE' } as Origin }
    : profile && modeProfile && asMode(modeProfile)
      ? { value: asMode(modeProfile) ?? 'standard', origin: fileOrigin(profile, 'retry_mode') }
      : undefined;
  const attempts = (value: string | undefined): number | undefined => {
    const parsed = Number(value);
    return value !== undefined && Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
  };
  const maxAttempts = attempts(attemptsEnv) !== undefined
    ? { value: attempts(attemptsEnv) ?? 3, origin: { source: 'env', detail: 'AWS_MAX_ATTEMPTS' } as Origin }
    : profile && attempts(attemptsProfile) !== undefined
      ? { value: attempts(attemptsProfile) ?? 3, origin: fileOrigin(profile, 'max_attempts') }
      : undefined;
  return { ...(mode ? { mode } : {}), ...(maxAttempts ? { maxAttempts } : {}) };
}

export function resolveProfile(input: ResolveInput): Resolution {
  const warnings: string[] = [];
  const selected = selectProfile(input);
  const profile = input.config.profiles.get(selected.value);
  if (!profile && selected.explicit) throw profileNotFound(input.config, selected.value, selected.origin);

  const awsProfile = envValue(input.env, 'AWS_PROFILE');
  const awsDefaultProfile = envValue(input.env, 'AWS_DEFAULT_PROFILE');
  if (!selected.viaFlag && awsProfile && awsDefaultProfile && awsProfile !== awsDefaultProfile) {
    warnings.push(
      `AWS_DEFAULT_PROFILE=${awsDefaultProfile} and AWS_PROFILE=${awsProfile} disagree: the AWS CLI uses ${awsDefaultProfile}, the AWS SDKs (and Terraform) use ${awsProfile}. Unset one of them.`,
    );
  }

  let chain: ChainLink[];
  const envLink = envKeysLink(input.env);
  if (envLink && !selected.viaFlag) {
    chain = [envLink];
    if (selected.explicit) {
      warnings.push(
        `AWS_ACCESS_KEY_ID is set, so the environment keys are used and ${selected.origin.detail}=${selected.value} is ignored for credentials (as the AWS CLI does; the AWS SDKs would use the profile). Unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN to use the profile.`,
      );
    }
  } else {
    if (envLink && selected.viaFlag) {
      warnings.push('--profile was given, so the AWS_ACCESS_KEY_ID in the environment is ignored.');
    }
    const context: ChainContext = { config: input.config, env: input.env, visited: [selected.value] };
    chain = profile ? profileChain(context, profile, false) : [];
    if (chain.length === 0) chain = metadataChain(input.env);
  }

  const region = resolveRegion(input, profile, warnings);
  const endpoint = resolveEndpoint(input, profile, region);
  return {
    ...(profile || selected.explicit ? { profile: { value: selected.value, origin: selected.origin } } : {}),
    profileExists: profile !== undefined,
    chain,
    ...(region ? { region } : {}),
    endpoint,
    retry: resolveRetry(input, profile),
    warnings,
  };
}
