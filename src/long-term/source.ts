// The source for GetSessionToken and GetFederationToken: an IAM user's (or root's) long-term access keys. AWS refuses
// both calls with temporary credentials ("Cannot call GetSessionToken with session credentials"), so stsctl finds
// the keys without any request and refuses temporary ones locally (exit 2), saying where they came from.
import { fingerprintChain } from '../assume/plan.js';
import { CredentialsError, UsageError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import { resolveProfile } from '../profiles/resolve.js';
import type { ChainLink, Resolution } from '../profiles/types.js';
import { maskAccessKeyId } from '../text/mask.js';
import type { AwsCredentials } from '../sts/port.js';
import { partitionOfRegion } from '../validation/index.js';

export type LongTermOperation = 'GetSessionToken' | 'GetFederationToken';

export type RoleHop = Extract<ChainLink, { readonly kind: 'assume-role' }>;

export interface LongTermSourceInput {
  readonly operation: LongTermOperation;
  /** How the user runs the command, for hints: `stsctl session`. */
  readonly command: string;
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: { readonly profile?: string; readonly region?: string; readonly endpointUrl?: string };
  /**
   * Follow a role profile down to the keys its chain starts from (a session for `admin` is a session for the keys
   * that assume Admin, as aws-vault does), instead of refusing it as role credentials.
   */
  readonly throughRoleProfiles: boolean;
  /** Marker variables earlier stsctl commands export next to temporary credentials: named in the refusal. */
  readonly markers: Readonly<Record<string, string>>;
}

export interface LongTermSource {
  /** The selected profile's resolution: its region and endpoint apply. */
  readonly resolution: Resolution;
  /** The one link that yields the keys. */
  readonly link: ChainLink;
  /** Role hops of the selected profile above the keys, root-most first (only with throughRoleProfiles). */
  readonly roleHops: readonly RoleHop[];
  /** The profile holding the keys, when there is one. */
  readonly profile?: string;
  /** The access key id, when the configuration shows it (environment or static keys). */
  readonly accessKeyId?: string;
  /** One phrase for people: `profile alice (AKIA…0001)`. */
  readonly description: string;
}

/** Long-term keys are AKIA…; ASIA… keys and anything with a session token are temporary. */
export function isTemporaryKey(accessKeyId: string, hasSessionToken: boolean): boolean {
  return hasSessionToken || accessKeyId.startsWith('ASIA');
}

/** The access key id of a link whose long-term keys are known from the configuration; undefined otherwise. */
export function longTermKeyOf(link: ChainLink, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (link.kind !== 'env-keys' && link.kind !== 'static-keys') return undefined;
  const accessKeyId = link.kind === 'env-keys' ? (env['AWS_ACCESS_KEY_ID'] ?? link.accessKeyId) : link.accessKeyId;
  return isTemporaryKey(accessKeyId, link.hasSessionToken) ? undefined : accessKeyId;
}

/** The source as a --json result shows it: never a secret, the key id masked. */
export function describeSourceForResult(source: LongTermSource): { readonly description: string; readonly profile?: string; readonly accessKeyId?: string } {
  return {
    description: source.description,
    ...(source.profile ? { profile: source.profile } : {}),
    ...(source.accessKeyId ? { accessKeyId: maskAccessKeyId(source.accessKeyId) } : {}),
  };
}

/**
 * The cache key parts for where the credentials are valid: the partition (GetSessionToken and GetFederationToken
 * credentials work in every region of it) and a custom endpoint (an emulator, a VPC endpoint) keeps its own entries.
 */
export function endpointKeyParts(resolution: Resolution): { readonly partition: string; readonly endpoint?: string } {
  const { endpoint } = resolution;
  return { partition: partitionOfRegion(endpoint.signingRegion), ...(endpoint.scope === 'custom' ? { endpoint: endpoint.url } : {}) };
}

/** What identifies the keys in a cache key: the access key id, or the source's fingerprint when only running it tells. */
export function sourceKeyPart(source: LongTermSource, env: Readonly<Record<string, string | undefined>>): string | string[] {
  return source.accessKeyId ?? fingerprintChain([source.link], env);
}

/** Resolves the selected profile and settles the long-term keys to call with, or refuses (exit 2/4). */
export function resolveLongTermSource(input: LongTermSourceInput): LongTermSource {
  const { env, flags } = input;
  const resolution = resolveProfile({
    config: input.config,
    env,
    flags: {
      ...(flags.profile ? { profile: flags.profile } : {}),
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
    },
  });
  const { chain } = resolution;
  const last = chain.at(-1);
  if (last === undefined) {
    throw new CredentialsError('NoCredentials', `No AWS credentials were found for ${input.operation}.`, {
      hints: [
        `Name a profile with an IAM user's access keys: ${input.command} --profile PROFILE`,
        'Or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws configure.',
      ],
    });
  }
  const root = chain[0] as ChainLink;
  const hops = chain.slice(1).filter((link): link is RoleHop => link.kind === 'assume-role');
  const link = input.throughRoleProfiles && hops.length === chain.length - 1 ? root : last;
  const problem = temporaryReason(link, root, input);
  if (problem) {
    throw new UsageError(`${input.operation} needs an IAM user's long-term access keys, but ${problem.what}. AWS refuses ${input.operation} with temporary credentials, so nothing was sent.`, {
      code: 'TemporarySourceCredentials',
      hints: problem.hints,
    });
  }
  const profile = link.kind === 'static-keys' || link.kind === 'credential-process' ? link.profile : undefined;
  const accessKeyId = longTermKeyOf(link, env);
  return {
    resolution,
    link,
    roleHops: link === root ? hops : [],
    ...(profile ? { profile } : {}),
    ...(accessKeyId ? { accessKeyId } : {}),
    description: describeKeys(link, profile, accessKeyId),
  };
}

function describeKeys(link: ChainLink, profile: string | undefined, accessKeyId: string | undefined): string {
  const key = accessKeyId ? ` (${maskAccessKeyId(accessKeyId)})` : '';
  if (link.kind === 'env-keys') return `environment keys${key}`;
  if (link.kind === 'credential-process') return `profile ${profile ?? '?'} (credential_process)`;
  return `profile ${profile ?? '?'}${key}`;
}

/** Why the link's credentials are temporary, with what to do instead; undefined when they may be long-term. */
function temporaryReason(link: ChainLink, root: ChainLink, input: LongTermSourceInput): { what: string; hints: string[] } | undefined {
  const useProfile = `Use an IAM user's access keys: ${input.command} --profile PROFILE`;
  switch (link.kind) {
    case 'env-keys': {
      const accessKeyId = input.env['AWS_ACCESS_KEY_ID'] ?? link.accessKeyId;
      if (!isTemporaryKey(accessKeyId, link.hasSessionToken)) return undefined;
      const exported = Object.entries(input.markers).find(([name]) => Boolean(input.env[name]));
      const from = exported ? `, exported by an earlier stsctl ${exported[1]}` : '';
      return {
        what: `the credentials in the environment (AWS_ACCESS_KEY_ID ${maskAccessKeyId(accessKeyId)}${link.hasSessionToken ? ' with AWS_SESSION_TOKEN' : ''}${from}) are temporary`,
        hints: [useProfile, ...(exported ? [`Or clear them first: eval "$(stsctl ${exported[1]} --unset)"`] : [])],
      };
    }
    case 'static-keys':
      if (!isTemporaryKey(link.accessKeyId, link.hasSessionToken)) return undefined;
      return {
        what: `profile ${link.profile} holds temporary keys (${maskAccessKeyId(link.accessKeyId)}${link.hasSessionToken ? ' with aws_session_token' : ''})`,
        hints: [useProfile],
      };
    case 'assume-role': {
      const keys = root.kind === 'static-keys' ? root.profile : undefined;
      return {
        what: `profile ${link.profile} gives the credentials of role ${link.roleArn}, which are temporary`,
        hints: [keys ? `Use the keys it starts from: ${input.command} --profile ${keys}` : useProfile],
      };
    }
    case 'sso':
      return { what: `profile ${link.profile} gets IAM Identity Center credentials, which are temporary`, hints: [useProfile] };
    case 'web-identity':
      return { what: `profile ${link.profile} gets web identity role credentials, which are temporary`, hints: [useProfile] };
    case 'login-session':
      return { what: `profile ${link.profile} gets console login session credentials, which are temporary`, hints: [useProfile] };
    case 'container':
      return { what: 'no keys were found in the environment or the profile, and the container credentials endpoint gives temporary ones', hints: [useProfile] };
    case 'instance-metadata':
      return { what: 'no keys were found in the environment or the profile, and EC2 instance metadata (tried last) gives temporary ones', hints: [useProfile] };
    case 'credential-process':
      // Only running the process tells; assertLongTermCredentials checks its answer before any request.
      return undefined;
  }
}

/** For sources only running them reveals (credential_process): refuses temporary credentials before any request. */
export function assertLongTermCredentials(credentials: AwsCredentials, source: LongTermSource, operation: LongTermOperation, command: string): void {
  if (!isTemporaryKey(credentials.accessKeyId, Boolean(credentials.sessionToken))) return;
  throw new UsageError(
    `${operation} needs an IAM user's long-term access keys, but ${source.description} gave temporary credentials (${maskAccessKeyId(credentials.accessKeyId)}). AWS refuses ${operation} with temporary credentials, so nothing was sent.`,
    { code: 'TemporarySourceCredentials', hints: [`Use an IAM user's access keys: ${command} --profile PROFILE`] },
  );
}
