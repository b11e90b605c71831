// Everything `stsctl session` decides before any call: the duration, the long-term keys, the MFA device. Pure; every
// bad input is a UsageError (exit 2), so no request is made for it.
import { UsageError } from '../errors.js';
import { resolveLongTermSource, type LongTermSource } from '../long-term/source.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import { profileMfaSerial, roleHopMfaSerial } from '../profiles/mfa-serial.js';
import type { Sourced } from '../profiles/types.js';
import { getSessionTokenDuration, parseDuration, validateMfaSerial, validateTokenCode } from '../validation/index.js';

export interface SessionOptions {
  readonly duration?: string;
  readonly mfaSerial?: string;
  readonly tokenCode?: string;
}

export interface SessionPlanInput {
  readonly options: SessionOptions;
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: { readonly profile?: string; readonly region?: string; readonly endpointUrl?: string };
  /** stsctl's marker variables and the command that exports each, named when the environment keys are refused. */
  readonly markers: Readonly<Record<string, string>>;
}

export interface SessionPlan {
  readonly source: LongTermSource;
  readonly durationSeconds: number;
  readonly durationOrigin: string;
  readonly mfaSerial?: Sourced<string>;
  readonly tokenCode?: string;
  /** Lines for people that are not warnings (which keys a role profile's session is taken with). */
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

export function planSession(input: SessionPlanInput): SessionPlan {
  const { options } = input;
  const explicitDuration = options.duration === undefined ? undefined : parseDuration(options.duration, { flag: '--duration', ...getSessionTokenDuration });
  const explicitSerial = options.mfaSerial === undefined ? undefined : validateMfaSerial(options.mfaSerial);
  const tokenCode = options.tokenCode === undefined ? undefined : validateTokenCode(options.tokenCode);

  const source = resolveLongTermSource({
    operation: 'GetSessionToken',
    command: 'stsctl session',
    config: input.config,
    env: input.env,
    flags: input.flags,
    throughRoleProfiles: true,
    markers: input.markers,
  });
  const mfaSerial: Sourced<string> | undefined =
    explicitSerial !== undefined ? { value: explicitSerial, origin: { source: 'flag', detail: '--mfa-serial' } } : inheritedMfaSerial(source, input.config);
  if (tokenCode !== undefined && !mfaSerial) {
    throw new UsageError('--token-code was given, but there is no MFA device to use it with.', {
      code: 'TokenCodeWithoutSerial',
      hints: ['Name the device: --mfa-serial arn:aws:iam::123456789012:mfa/NAME (or set mfa_serial in the profile).'],
    });
  }

  const selected = source.roleHops.at(-1);
  const reuse = mfaSerial ? `; "stsctl assume ${selected?.profile ?? ''}" then uses it without asking for an MFA code again` : '';
  const notes = selected ? [`Profile ${selected.profile} assumes ${selected.roleArn}: this session is for the keys it starts from (${source.description})${reuse}.`] : [];
  return {
    source,
    durationSeconds: explicitDuration ?? getSessionTokenDuration.defaultSeconds,
    durationOrigin: explicitDuration !== undefined ? '--duration' : 'the default',
    ...(mfaSerial ? { mfaSerial } : {}),
    ...(tokenCode !== undefined ? { tokenCode } : {}),
    notes,
    warnings: source.resolution.warnings,
  };
}

/**
 * The device named by the selected profile, else by the profiles its source_profile chain passes through, nearest
 * first, else by the profile holding the keys: the device that role profile would ask a code for.
 */
function inheritedMfaSerial(source: LongTermSource, config: AwsConfig): Sourced<string> | undefined {
  for (const hop of [...source.roleHops].reverse()) {
    const serial = roleHopMfaSerial(hop);
    if (serial) return serial;
  }
  return source.link.kind === 'static-keys' ? profileMfaSerial(config, source.link.profile) : undefined;
}
