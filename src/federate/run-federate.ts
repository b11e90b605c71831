// `stsctl federate NAME`: plan locally, reuse cached credentials for the same keys, name, policies, tags and duration
// (no SDK, no call), otherwise call GetFederationToken with the IAM user's long-term keys.
import { resolveCacheDir } from '../cache/index.js';
import { collectWarnings, issueWithLongTermKeys, profileFlags, rememberSource, warnIfRootCapped, type LongTermDurationMeta } from '../long-term/issue.js';
import { describeSourceForResult, endpointKeyParts, sourceKeyPart } from '../long-term/source.js';
import { loadAwsConfig } from '../profiles/aws-config.js';
import type { Runtime } from '../runtime.js';
import { describeIssued, issueWithCache, type IssuedCredentialValues, type IssuedResultParts, type IssueMeta } from '../sts/cached-issue.js';
import { getFederationTokenDuration } from '../validation/index.js';
import { packedPolicyWarning, planFederate, type FederateOptions, type FederatePlan } from './plan.js';

const operation = 'GetFederationToken';

export interface FederateMeta extends IssueMeta, LongTermDurationMeta {
  readonly federatedUserArn: string;
  readonly federatedUserId: string;
  /** The federated user's name, shown by `stsctl cache list` in its SESSION column. */
  readonly sessionName: string;
  readonly source: string;
  readonly region?: string;
  readonly mfa: boolean;
  readonly packedPolicySize?: number;
}

/** The whole result, as `--json` prints it. */
export interface FederateResult extends IssuedResultParts {
  readonly operation: 'GetFederationToken';
  readonly federatedUser: { readonly arn: string; readonly federatedUserId: string };
  /** Percent of the allowed packed size the session policies and tags use (AWS returns it). */
  readonly packedPolicySize?: number;
  readonly policy: { readonly inline: boolean; readonly arns: readonly string[] };
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  readonly source: { readonly description: string; readonly profile?: string; readonly accessKeyId?: string };
  readonly durationSeconds: number;
  readonly requestedDurationSeconds: number;
  readonly region?: string;
  readonly warnings: readonly string[];
}

export interface FederateOutcome {
  readonly result: FederateResult;
  readonly credentials: IssuedCredentialValues;
  readonly cacheHit: boolean;
}

export interface RunFederateOptions extends FederateOptions {
  /** false with --no-cache. */
  readonly useCache: boolean;
}

export async function runFederate(
  options: RunFederateOptions,
  runtime: Runtime,
  federateDeps: { readonly markers: Readonly<Record<string, string>> },
): Promise<FederateOutcome> {
  const { deps } = runtime;
  const output = runtime.output();
  const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  const plan = planFederate({ options, config, env: deps.env, flags: profileFlags(runtime.globals()), readFile: deps.readFile, markers: federateDeps.markers });
  const { source } = plan;
  const region = source.resolution.region?.value;
  rememberSource(runtime, operation, source, plan.durationSeconds);
  const { warnings, warn } = collectWarnings(output, plan.warnings);
  const cacheDir = resolveCacheDir(deps.env, deps.homedir);

  const issued = await issueWithCache<FederateMeta>({
    operation,
    keyParts: federateCacheKeyParts(plan, sourceKeyPart(source, deps.env)),
    useCache: options.useCache,
    cacheDir,
    now: deps.now,
    warn,
    debug: (line) => output.debug(line),
    issue: () =>
      issueWithLongTermKeys<FederateMeta>({
        operation,
        command: `stsctl federate ${plan.name}`,
        source,
        config,
        runtime,
        limits: getFederationTokenDuration,
        durationSeconds: plan.durationSeconds,
        call: async (port) => {
          const answer = await port.getFederationToken({
            name: plan.name,
            durationSeconds: plan.durationSeconds,
            ...(plan.policy !== undefined ? { policy: plan.policy } : {}),
            ...(plan.policyArns.length > 0 ? { policyArns: plan.policyArns } : {}),
            ...(plan.tags.length > 0 ? { tags: plan.tags } : {}),
          });
          return {
            credentials: answer.credentials,
            meta: {
              federatedUserArn: answer.federatedUser.arn,
              federatedUserId: answer.federatedUser.federatedUserId,
              sessionName: plan.name,
              source: source.description,
              ...(region ? { region } : {}),
              mfa: false,
              ...(answer.packedPolicySize !== undefined ? { packedPolicySize: answer.packedPolicySize } : {}),
            },
          };
        },
      }),
  });

  const { meta } = issued;
  warnIfRootCapped(meta, getFederationTokenDuration, warn);
  const packedWarning = packedPolicyWarning(meta.packedPolicySize);
  if (packedWarning) warn(packedWarning);
  const result: FederateResult = {
    operation,
    federatedUser: { arn: meta.federatedUserArn, federatedUserId: meta.federatedUserId },
    ...(meta.packedPolicySize !== undefined ? { packedPolicySize: meta.packedPolicySize } : {}),
    policy: { inline: plan.policy !== undefined, arns: plan.policyArns },
    tags: plan.tags,
    source: describeSourceForResult(source),
    durationSeconds: meta.durationSeconds,
    requestedDurationSeconds: meta.requestedDurationSeconds,
    ...(region ? { region } : {}),
    ...describeIssued(issued, cacheDir),
    warnings,
  };
  return { result, credentials: issued.credentials, cacheHit: issued.cacheHit };
}

/** Everything that changes what GetFederationToken returns. */
export function federateCacheKeyParts(plan: FederatePlan, source: string | readonly string[]): Record<string, unknown> {
  return {
    operation,
    source,
    name: plan.name,
    durationSeconds: plan.durationSeconds,
    policy: plan.policy,
    policyArns: [...plan.policyArns].sort(),
    tags: plan.tags.map((tag) => [tag.key, tag.value]),
    ...endpointKeyParts(plan.source.resolution),
  };
}
