// `stsctl assume ROLE`: plan locally, reuse cached credentials when the key matches (no SDK, no call), otherwise
// resolve the source credentials, learn the caller's identity if the role name or session name depends on it, ask
// for the MFA code, and call AssumeRole.
import { resolveCacheDir } from '../cache/index.js';
import { CredentialsError } from '../errors.js';
import { loadAwsConfig, type AwsConfig } from '../profiles/aws-config.js';
import type { ChainLink } from '../profiles/types.js';
import type { Runtime } from '../runtime.js';
import { describeIssued, issueWithCache, shortKey, type Issued, type IssuedResultParts, type IssueMeta } from '../sts/cached-issue.js';
import { findMfaSessionForRole, type FoundMfaSession } from '../session/mfa-session.js';
import { connect, connectWithCredentials, defaultSessionName } from '../sts/connect.js';
import { describePrincipal } from '../sts/principal.js';
import type { MfaPrompt } from '../terminal/prompt-mfa.js';
import { deriveSessionName, resolveRoleArn, type Partition } from '../validation/index.js';
import { assumeCacheKeyParts, capForChaining, planAssume, type AssumeOptions, type AssumePlan } from './plan.js';

export interface AssumeMeta extends IssueMeta {
  readonly roleArn: string;
  readonly assumedRoleArn: string;
  readonly assumedRoleId?: string;
  readonly sessionName: string;
  readonly source: string;
  readonly region?: string;
  readonly mfa: boolean;
  readonly packedPolicySize?: number;
  readonly sourceIdentity?: string;
  readonly callerArn?: string;
  readonly durationSeconds: number;
}

/** The whole result, as `--json` prints it. */
export interface AssumeResult extends IssuedResultParts {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly assumedRoleUser: { readonly arn: string; readonly assumedRoleId?: string };
  readonly packedPolicySize?: number;
  readonly sourceIdentity?: string;
  readonly durationSeconds: number;
  readonly region?: string;
  readonly source: {
    readonly description: string;
    readonly profile?: string;
    readonly callerArn?: string;
    readonly chained: boolean;
  };
  readonly mfa: boolean;
  readonly warnings: readonly string[];
}

export interface AssumeOutcome {
  readonly result: AssumeResult;
  readonly credentials: Issued<AssumeMeta>['credentials'];
  readonly cacheHit: boolean;
}

export interface RunAssumeOptions extends AssumeOptions {
  /** false with --no-cache. */
  readonly useCache: boolean;
}

export interface AssumeDeps {
  readonly promptMfaCode: MfaPrompt;
}

export async function runAssume(options: RunAssumeOptions, runtime: Runtime, assumeDeps: AssumeDeps): Promise<AssumeOutcome> {
  const { deps } = runtime;
  const globals = runtime.globals();
  const output = runtime.output();
  const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  const plan = planAssume({
    options,
    config,
    env: deps.env,
    flags: {
      ...(globals.profile ? { profile: globals.profile } : {}),
      ...(globals.region ? { region: globals.region } : {}),
      ...(globals.endpointUrl ? { endpointUrl: globals.endpointUrl } : {}),
    },
    readFile: deps.readFile,
  });
  const region = plan.resolution.region?.value;
  const knownRoleArn = plan.role.kind === 'profile' || plan.role.kind === 'arn' ? plan.role.roleArn : undefined;
  runtime.remember({
    operation: 'AssumeRole',
    ...(knownRoleArn ? { roleArn: knownRoleArn } : {}),
    ...(plan.role.kind === 'profile' ? { profile: plan.role.profile } : plan.sourceProfile ? { profile: plan.sourceProfile } : {}),
    ...(region ? { region, regionOrigin: plan.resolution.region?.origin.detail ?? '' } : {}),
    endpoint: plan.resolution.endpoint.url,
    ...(plan.mfaSerial ? { mfaSerial: plan.mfaSerial.value } : {}),
    ...(plan.externalId ? { externalId: plan.externalId } : {}),
    durationSeconds: plan.durationSeconds,
    chained: plan.chained,
  });

  const warnings = [...plan.warnings];
  for (const warning of plan.warnings) output.warn(warning);
  const cacheDir = resolveCacheDir(deps.env, deps.homedir);

  const issued = await issueWithCache<AssumeMeta>({
    operation: 'AssumeRole',
    keyParts: assumeCacheKeyParts(plan, deps.env),
    useCache: options.useCache,
    cacheDir,
    now: deps.now,
    warn: (line) => {
      warnings.push(line);
      output.warn(line);
    },
    debug: (line) => output.debug(line),
    issue: async () => {
      // One MFA code serves many roles: a cached `stsctl session` for the same keys and device is MFA-authenticated.
      const mfaSession = options.useCache
        ? await findMfaSessionForRole({
            ...(plan.mfaSerial ? { mfaSerial: plan.mfaSerial.value } : {}),
            ...(plan.tokenCode !== undefined ? { tokenCode: plan.tokenCode } : {}),
            sourceChain: plan.sourceChain,
            env: deps.env,
            resolution: plan.resolution,
            cacheDir,
            now: deps.now(),
          })
        : undefined;
      const keepWarning = (line: string): void => {
        warnings.push(line);
        output.warn(line);
      };
      return issueFresh(plan, config, runtime, assumeDeps, keepWarning, mfaSession);
    },
  });

  const { credentials, meta } = issued;
  runtime.remember({ roleArn: meta.roleArn });
  const result: AssumeResult = {
    roleArn: meta.roleArn,
    sessionName: meta.sessionName,
    assumedRoleUser: { arn: meta.assumedRoleArn, ...(meta.assumedRoleId ? { assumedRoleId: meta.assumedRoleId } : {}) },
    ...(meta.packedPolicySize !== undefined ? { packedPolicySize: meta.packedPolicySize } : {}),
    ...(meta.sourceIdentity ? { sourceIdentity: meta.sourceIdentity } : {}),
    durationSeconds: meta.durationSeconds,
    ...(region ? { region } : {}),
    source: {
      description: plan.sourceDescription,
      ...(plan.sourceProfile ? { profile: plan.sourceProfile } : {}),
      ...(meta.callerArn ? { callerArn: meta.callerArn } : {}),
      chained: plan.chained || (meta.callerArn !== undefined && describePrincipal(meta.callerArn).type === 'assumed-role'),
    },
    mfa: meta.mfa,
    ...describeIssued(issued, cacheDir),
    warnings,
  };
  return { result, credentials, cacheHit: issued.cacheHit };
}

/** Account, partition and (for role sessions) the session name of the source, when the chain says so. */
function callerFromChain(plan: AssumePlan, username: string): { account: string; partition: Partition; sessionName?: string } | undefined {
  const known = plan.knownCaller;
  if (!known) return undefined;
  const link = plan.sourceChain.at(-1) as ChainLink;
  if (link.kind === 'assume-role') return { ...known, sessionName: link.sessionName ?? defaultSessionName(username) };
  return known;
}

async function issueFresh(
  plan: AssumePlan,
  config: AwsConfig,
  runtime: Runtime,
  assumeDeps: AssumeDeps,
  warn: (line: string) => void,
  mfaSession?: FoundMfaSession,
): Promise<Issued<AssumeMeta>> {
  const { deps } = runtime;
  if (mfaSession) runtime.output().debug(`assuming from the cached MFA session ${shortKey(mfaSession.cacheKey)}: no MFA code needed`);
  const connection = mfaSession
    ? await connectWithCredentials(mfaSession.credentials, plan.resolution, runtime)
    : await connect(config, { ...plan.resolution, chain: plan.sourceChain }, runtime, { promptMfaCode: assumeDeps.promptMfaCode });
  const source = await connection.credentials();
  runtime.remember({ accessKeyId: source.accessKeyId, hasSessionToken: Boolean(source.sessionToken) });

  const fromChain = callerFromChain(plan, deps.username);
  const needsRoleAccount = plan.role.kind === 'role-name' || plan.role.kind === 'account-role';
  const needsCaller = (needsRoleAccount && !fromChain) || (plan.sessionName === undefined && fromChain?.sessionName === undefined);
  let callerArn: string | undefined;
  let caller = fromChain;
  let durationSeconds = plan.durationSeconds;
  if (needsCaller) {
    runtime.remember({ operation: 'GetCallerIdentity' });
    const identity = await connection.port.getCallerIdentity();
    callerArn = identity.arn;
    const principal = describePrincipal(identity.arn);
    runtime.remember({ operation: 'AssumeRole', callerArn, account: identity.account });
    caller = { account: identity.account, partition: principal.partition ?? 'aws', ...(caller?.sessionName ? { sessionName: caller.sessionName } : {}) };
    if (principal.type === 'assumed-role' || principal.type === 'sso-permission-set') {
      // Environment keys or a credential_process turned out to be role credentials: this is role chaining too.
      const capped = capForChaining(durationSeconds, plan.durationOrigin);
      if (capped.warning) warn(capped.warning);
      durationSeconds = capped.seconds;
      runtime.remember({ chained: true, durationSeconds });
    }
  }

  const roleArn =
    plan.role.kind === 'profile' || plan.role.kind === 'arn'
      ? plan.role.roleArn
      : resolveRoleArn(plan.role, { account: caller?.account ?? '', partition: caller?.partition ?? 'aws' });
  runtime.remember({ roleArn });

  // Named after who assumed the role, since that is what CloudTrail shows next to the role's actions.
  const sessionName =
    plan.sessionName ??
    (callerArn ? deriveSessionName({ arn: callerArn, userName: deps.username }) : (caller?.sessionName ?? deriveSessionName({ userName: deps.username })));

  let tokenCode = plan.tokenCode;
  if (plan.mfaSerial && tokenCode === undefined && !mfaSession) tokenCode = await assumeDeps.promptMfaCode(plan.mfaSerial.value);

  const answer = await connection.port.assumeRole({
    roleArn,
    roleSessionName: sessionName,
    durationSeconds,
    ...(plan.externalId ? { externalId: plan.externalId } : {}),
    ...(plan.mfaSerial && tokenCode ? { serialNumber: plan.mfaSerial.value, tokenCode } : {}),
    ...(plan.policy ? { policy: plan.policy } : {}),
    ...(plan.policyArns.length > 0 ? { policyArns: plan.policyArns } : {}),
    ...(plan.tags.length > 0 ? { tags: plan.tags } : {}),
    ...(plan.transitiveTagKeys.length > 0 ? { transitiveTagKeys: plan.transitiveTagKeys } : {}),
    ...(plan.sourceIdentity ? { sourceIdentity: plan.sourceIdentity } : {}),
  });
  const { sessionToken } = answer.credentials;
  if (!sessionToken) throw new CredentialsError('IncompleteCredentials', 'AssumeRole answered without a session token.');
  const region = plan.resolution.region?.value;
  return {
    credentials: { ...answer.credentials, sessionToken },
    meta: {
      roleArn,
      assumedRoleArn: answer.assumedRoleUser.arn,
      ...(answer.assumedRoleUser.assumedRoleId ? { assumedRoleId: answer.assumedRoleUser.assumedRoleId } : {}),
      sessionName,
      source: plan.sourceDescription,
      ...(region ? { region } : {}),
      mfa: Boolean(plan.mfaSerial),
      ...(answer.packedPolicySize !== undefined ? { packedPolicySize: answer.packedPolicySize } : {}),
      ...(answer.sourceIdentity ? { sourceIdentity: answer.sourceIdentity } : {}),
      ...(callerArn ? { callerArn } : {}),
      durationSeconds,
    },
  };
}
