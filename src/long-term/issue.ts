// The fresh path shared by `stsctl session` and `stsctl federate`: connect with the long-term keys, check them before
// any request, let the command prepare (the MFA prompt), call STS, and notice when AWS shortened the session.
import { CredentialsError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import type { Output } from '../render/output.js';
import type { GlobalOptions, Runtime } from '../runtime.js';
import type { Issued, IssueMeta } from '../sts/cached-issue.js';
import { connect } from '../sts/connect.js';
import type { AwsCredentials, StsPort } from '../sts/port.js';
import { formatDuration, type DurationLimits } from '../validation/index.js';
import { assertLongTermCredentials, type LongTermOperation, type LongTermSource } from './source.js';

/** The global flags that pick the profile, region and endpoint, as resolveProfile takes them. */
export function profileFlags(globals: GlobalOptions): { readonly profile?: string; readonly region?: string; readonly endpointUrl?: string } {
  return {
    ...(globals.profile ? { profile: globals.profile } : {}),
    ...(globals.region ? { region: globals.region } : {}),
    ...(globals.endpointUrl ? { endpointUrl: globals.endpointUrl } : {}),
  };
}

/** Prints the plan's warnings and collects them, with any said later, for the --json result. */
export function collectWarnings(output: Output, initial: readonly string[]): { readonly warnings: string[]; readonly warn: (line: string) => void } {
  const warnings: string[] = [];
  const warn = (line: string): void => {
    warnings.push(line);
    output.warn(line);
  };
  for (const line of initial) warn(line);
  return { warnings, warn };
}

/** Records what a failure should be diagnosed with: the operation, profile, region, endpoint. */
export function rememberSource(runtime: Runtime, operation: LongTermOperation, source: LongTermSource, durationSeconds: number): void {
  const region = source.resolution.region;
  runtime.remember({
    operation,
    ...(source.profile ? { profile: source.profile } : {}),
    ...(region ? { region: region.value, regionOrigin: region.origin.detail } : {}),
    endpoint: source.resolution.endpoint.url,
    durationSeconds,
  });
}

/** What session and federate store about the duration: asked, granted, and whether AWS capped it for root. */
export interface LongTermDurationMeta {
  readonly requestedDurationSeconds: number;
  readonly durationSeconds: number;
  readonly rootCapped: boolean;
}

/** STS's answer as a command's `call` hands it back: the credentials and the command's own metadata. */
export interface LongTermAnswer<M> {
  readonly credentials: AwsCredentials & { readonly expiration: Date };
  readonly meta: Omit<M, keyof LongTermDurationMeta>;
}

export interface LongTermIssueInput<M extends IssueMeta & LongTermDurationMeta> {
  readonly operation: LongTermOperation;
  readonly command: string;
  readonly source: LongTermSource;
  readonly config: AwsConfig;
  readonly runtime: Runtime;
  readonly limits: DurationLimits;
  readonly durationSeconds: number;
  /** Runs once the keys are known to be long-term and before any request (e.g. asks for the MFA code). */
  readonly prepare?: () => Promise<void>;
  /** Makes the one STS call with the long-term keys. */
  readonly call: (port: StsPort) => Promise<LongTermAnswer<M>>;
}

export async function issueWithLongTermKeys<M extends IssueMeta & LongTermDurationMeta>(input: LongTermIssueInput<M>): Promise<Issued<M>> {
  const { runtime, source } = input;
  // The source is one link: long-term keys need no role hops, so no MFA prompt can come from the chain itself.
  const connection = await connect(input.config, { ...source.resolution, chain: [source.link] }, runtime);
  const credentials = await connection.credentials();
  runtime.remember({ accessKeyId: credentials.accessKeyId, hasSessionToken: Boolean(credentials.sessionToken) });
  assertLongTermCredentials(credentials, source, input.operation, input.command);
  await input.prepare?.();
  const issuedAt = runtime.deps.now();
  const answer = await input.call(connection.port);
  const { sessionToken } = answer.credentials;
  if (!sessionToken) throw new CredentialsError('IncompleteCredentials', `${input.operation} answered without a session token.`);
  const granted = grantedDuration({ limits: input.limits, requestedSeconds: input.durationSeconds, expiration: answer.credentials.expiration, issuedAt });
  const duration: LongTermDurationMeta = { requestedDurationSeconds: input.durationSeconds, durationSeconds: granted.seconds, rootCapped: granted.rootCapped };
  return { credentials: { ...answer.credentials, sessionToken }, meta: { ...answer.meta, ...duration } as M };
}

/** Says so whenever root-capped credentials are handed out, fresh or from the cache. */
export function warnIfRootCapped(meta: LongTermDurationMeta, limits: DurationLimits, warn: (line: string) => void): void {
  if (meta.rootCapped) warn(rootCapWarning(limits, meta.requestedDurationSeconds));
}

/**
 * The session length AWS granted, and whether it capped it for the root user. AWS silently caps the root user's
 * GetSessionToken and GetFederationToken sessions at one hour; nothing else shortens them, so a session that comes
 * back near an hour after asking for more was taken with root keys. The margins absorb clock differences.
 */
export function grantedDuration(input: {
  readonly limits: DurationLimits;
  readonly requestedSeconds: number;
  readonly expiration: Date;
  readonly issuedAt: Date;
}): { readonly seconds: number; readonly rootCapped: boolean } {
  const { limits, requestedSeconds } = input;
  const measured = Math.round((input.expiration.getTime() - input.issuedAt.getTime()) / 1000);
  const rootMax = limits.rootMax;
  if (rootMax === undefined || requestedSeconds <= rootMax || measured >= requestedSeconds - 300 || measured > rootMax + 300) {
    return { seconds: requestedSeconds, rootCapped: false };
  }
  return { seconds: rootMax, rootCapped: true };
}

/** Said whenever root-capped credentials are handed out, fresh or from the cache. */
export function rootCapWarning(limits: DurationLimits, requestedSeconds: number): string {
  const rootMax = limits.rootMax ?? requestedSeconds;
  return `AWS issued a ${formatDuration(rootMax)} session instead of ${formatDuration(requestedSeconds)}: these are the account's root user keys, and AWS caps root ${limits.operation} sessions at ${formatDuration(rootMax)}. Root access keys are best deleted; use an IAM user's keys instead.`;
}
