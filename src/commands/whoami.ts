// stsctl whoami: GetCallerIdentity through the resolved chain, with the whole story of how it got there.
import type { Command } from 'commander';
import { resolveCacheDir } from '../cache/index.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import { loadResolution } from '../profiles/load-resolution.js';
import type { ChainLink, Resolution, ResolvedEndpoint, Sourced } from '../profiles/types.js';
import { maskAccessKeyId } from '../text/mask.js';
import { renderWhoamiText } from '../render/whoami-text.js';
import type { Runtime } from '../runtime.js';
import { describeMfaStatus, type MfaStatus } from '../session/mfa-status.js';
import { connect, connectWithCredentials, type Connection } from '../sts/connect.js';
import { createTerminalMfaPrompt } from '../terminal/prompt-mfa.js';
import { describePrincipal, type Principal } from '../sts/principal.js';

export interface WhoamiResult {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  readonly principal: Principal;
  readonly profile?: Sourced<string>;
  /** Root source first; access key ids masked. */
  readonly chain: readonly ChainLink[];
  readonly region?: Sourced<string>;
  readonly endpoint: ResolvedEndpoint;
  /** ISO 8601, when the credentials say when they expire. */
  readonly expiration?: string;
  readonly expiresInSeconds?: number;
  readonly accessKeyId?: string;
  readonly temporary?: boolean;
  /** Whether the credentials carry MFA, as far as stsctl can tell (AWS does not say). */
  readonly mfa: MfaStatus;
  /** Local clock minus AWS's, from the response Date header. */
  readonly clockOffsetMs?: number;
  readonly warnings: readonly string[];
}

const expiringSoonMs = 15 * 60_000;
const clockWarningMs = 60_000;

function maskChain(chain: readonly ChainLink[]): ChainLink[] {
  return chain.map((link) => ('accessKeyId' in link ? { ...link, accessKeyId: maskAccessKeyId(link.accessKeyId) } : link));
}

/** Warnings about where the call goes, from the resolution alone. */
export function contextWarnings(resolution: Resolution): string[] {
  const warnings: string[] = [];
  if (!resolution.region) {
    warnings.push('No region is set (--region, AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region); most AWS commands will fail or guess. Set one, e.g. export AWS_REGION=us-east-1');
  }
  if (resolution.endpoint.scope === 'global') {
    warnings.push('The global STS endpoint (sts.amazonaws.com) is in use: it adds latency, shares one throttling bucket, and its tokens do not work in opt-in regions. Set a region to use the regional endpoint.');
  }
  return warnings;
}

/**
 * A profile whose last hop is a role is assumed exactly as `stsctl assume PROFILE` would: the same session name,
 * the same cache (a role assumed earlier costs no AssumeRole call, which also spares STS's rate limit), and the
 * same reuse of an MFA session from `stsctl session`. Anything else goes through the plain credential chain.
 */
async function connectForWhoami(config: AwsConfig, resolution: Resolution, runtime: Runtime): Promise<Connection> {
  const last = resolution.chain.at(-1);
  if (last?.kind !== 'assume-role') return connect(config, resolution, runtime);
  const { runAssume } = await import('../assume/run-assume.js');
  const outcome = await runAssume(
    { role: last.profile, chain: false, useCache: true, policyArns: [], tags: [], transitiveTags: [] },
    runtime,
    { promptMfaCode: createTerminalMfaPrompt(runtime.deps.platform, `stsctl whoami --profile ${last.profile}`) },
  );
  return connectWithCredentials(outcome.credentials, resolution, runtime);
}

export async function runWhoami(runtime: Runtime): Promise<WhoamiResult> {
  const { config, resolution } = loadResolution(runtime.deps, runtime.globals());
  runtime.remember({
    operation: 'GetCallerIdentity',
    ...(resolution.profile ? { profile: resolution.profile.value } : {}),
    ...(resolution.region ? { region: resolution.region.value, regionOrigin: resolution.region.origin.detail } : {}),
    endpoint: resolution.endpoint.url,
  });
  const connection = await connectForWhoami(config, resolution, runtime);
  const final = await connection.credentials();
  runtime.remember({ operation: 'GetCallerIdentity', accessKeyId: final.accessKeyId, hasSessionToken: Boolean(final.sessionToken) });
  const identity = await connection.port.getCallerIdentity();
  const now = runtime.deps.now().getTime();
  const principal = describePrincipal(identity.arn);
  const mfa = await describeMfaStatus({
    chain: resolution.chain,
    accessKeyId: final.accessKeyId,
    hasSessionToken: Boolean(final.sessionToken),
    principalType: principal.type,
    env: runtime.deps.env,
    cacheDir: resolveCacheDir(runtime.deps.env, runtime.deps.homedir),
    now: runtime.deps.now(),
  });

  const warnings = [...resolution.warnings, ...contextWarnings(resolution)];
  const expiresInMs = final.expiration ? final.expiration.getTime() - now : undefined;
  if (expiresInMs !== undefined && expiresInMs < expiringSoonMs) {
    warnings.push(`These credentials expire in ${String(Math.max(0, Math.round(expiresInMs / 60_000)))} minutes; refresh them soon.`);
  }
  const clockOffsetMs = connection.port.observedClockOffsetMs?.();
  if (clockOffsetMs !== undefined && Math.abs(clockOffsetMs) > clockWarningMs) {
    const minutes = (Math.abs(clockOffsetMs) / 60_000).toFixed(1);
    warnings.push(`This machine's clock is ${minutes} minutes ${clockOffsetMs > 0 ? 'ahead of' : 'behind'} AWS. The SDK corrected for it here, but other tools will fail with "Signature expired". Sync the clock (e.g. sudo chronyc makestep or timedatectl set-ntp true).`);
  }

  return {
    account: identity.account,
    arn: identity.arn,
    userId: identity.userId,
    principal,
    ...(resolution.profile ? { profile: resolution.profile } : {}),
    chain: maskChain(resolution.chain),
    ...(resolution.region ? { region: resolution.region } : {}),
    endpoint: resolution.endpoint,
    ...(final.expiration ? { expiration: final.expiration.toISOString(), expiresInSeconds: Math.round((expiresInMs ?? 0) / 1000) } : {}),
    accessKeyId: maskAccessKeyId(final.accessKeyId),
    temporary: final.accessKeyId.startsWith('ASIA') || Boolean(final.sessionToken),
    mfa,
    ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
    warnings,
  };
}

export function registerWhoami(program: Command, runtime: Runtime): void {
  program
    .command('whoami')
    .description('show who you are to AWS, and which profile, credential chain, region and endpoint got you there')
    .addHelpText(
      'after',
      `
Examples:
  $ stsctl whoami                      # the active profile, as the AWS CLI would pick it
  $ stsctl whoami --profile prod       # a specific profile, following source_profile → role_arn
  $ stsctl whoami --json | jq -r .arn  # one JSON document on stdout`,
    )
    .action(async () => {
      const result = await runWhoami(runtime);
      const output = runtime.output();
      if (output.json) output.resultJson(result);
      else output.result(renderWhoamiText(result, { style: output.style, now: runtime.deps.now() }));
      for (const warning of result.warnings) output.warn(warning);
    });
}
