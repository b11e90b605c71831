// Everything `stsctl federate NAME` decides before any call: the name, the session policies and tags, the duration,
// the long-term keys. Pure; every bad input is a UsageError (exit 2), so no request is made for it.
import { UsageError } from '../errors.js';
import { resolveLongTermSource, type LongTermSource } from '../long-term/source.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import type { Tag } from '../sts/port.js';
import { getFederationTokenDuration, parseDuration, parseTags, readPolicy, validateFederatedName, validatePolicyArns } from '../validation/index.js';

export interface FederateOptions {
  /** NAME as typed. */
  readonly name: string;
  readonly duration?: string;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly string[];
}

export interface FederatePlanInput {
  readonly options: FederateOptions;
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: { readonly profile?: string; readonly region?: string; readonly endpointUrl?: string };
  readonly readFile: (path: string) => string;
  /** stsctl's marker variables and the command that exports each, named when the environment keys are refused. */
  readonly markers: Readonly<Record<string, string>>;
}

export interface FederatePlan {
  readonly name: string;
  readonly source: LongTermSource;
  readonly durationSeconds: number;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly Tag[];
  readonly warnings: readonly string[];
}

export function planFederate(input: FederatePlanInput): FederatePlan {
  const { options } = input;
  if (options.name === '') {
    throw new UsageError('stsctl federate needs NAME: the federated user\'s name (2–32 letters, digits and + = , . @ _ -).', {
      code: 'MissingName',
      hints: ['Run stsctl federate --help for examples.'],
    });
  }
  const name = validateFederatedName(options.name, 'NAME');
  const durationSeconds =
    options.duration === undefined ? getFederationTokenDuration.defaultSeconds : parseDuration(options.duration, { flag: '--duration', ...getFederationTokenDuration });
  const policy = options.policy === undefined ? undefined : readPolicy(options.policy, input.readFile);
  const policyArns = validatePolicyArns(options.policyArns);
  const tags = parseTags(options.tags);

  const source = resolveLongTermSource({
    operation: 'GetFederationToken',
    command: `stsctl federate ${name}`,
    config: input.config,
    env: input.env,
    flags: input.flags,
    // A federated user is the IAM user's delegate: a role profile's keys would be a different user than selected.
    throughRoleProfiles: false,
    markers: input.markers,
  });

  const warnings = [...source.resolution.warnings];
  if (policy === undefined && policyArns.length === 0) warnings.push(noPolicyWarning(name));
  return {
    name,
    source,
    durationSeconds,
    ...(policy !== undefined ? { policy } : {}),
    policyArns,
    tags,
    warnings,
  };
}

/** AWS grants a federated user only what a session policy allows (intersected with the IAM user's own policies). */
export function noPolicyWarning(name: string): string {
  return `No --policy or --policy-arn: the federated user ${name} will have no permissions at all, except what resource policies (an S3 bucket policy, a KMS key policy…) grant to its ARN. Pass a session policy to give it permissions (at most the IAM user's own).`;
}

/** The packed size above which `federate` warns: close to PackedPolicyTooLarge, and tags count too. */
export const packedPolicyWarningPercent = 90;

export function packedPolicyWarning(percent: number | undefined): string | undefined {
  if (percent === undefined || percent <= packedPolicyWarningPercent) return undefined;
  return `The session policies and tags use ${String(percent)}% of the packed size AWS allows: a little more and AWS refuses them with PackedPolicyTooLarge. Move statements into a managed policy (--policy-arn) or drop tags.`;
}
