// The mfa_serial a profile holding long-term keys names for its user's MFA device. A role assumed from those keys, or
// a GetSessionToken session taken with them, uses that device unless the command or a role profile names another.
import { validateMfaSerial } from '../validation/index.js';
import type { AwsConfig } from './aws-config.js';
import { describeLocation } from './resolve.js';
import type { ChainLink, Sourced } from './types.js';

/** The profile's mfa_serial with where it was set, checked (UsageError naming the file and line when malformed). */
export function profileMfaSerial(config: AwsConfig, profileName: string): Sourced<string> | undefined {
  const profile = config.profiles.get(profileName);
  const serial = profile?.values['mfa_serial'];
  if (!profile || !serial) return undefined;
  const location = profile.locations['mfa_serial'];
  const detail = location ? describeLocation(location, profile.name) : `profile ${profile.name}`;
  validateMfaSerial(serial, `mfa_serial (${detail})`);
  return { value: serial, origin: { source: location?.file ?? 'config', detail } };
}

/** A role profile's mfa_serial, checked (UsageError naming where it was set when malformed). */
export function roleHopMfaSerial(hop: Extract<ChainLink, { readonly kind: 'assume-role' }>): Sourced<string> | undefined {
  if (!hop.mfaSerial) return undefined;
  validateMfaSerial(hop.mfaSerial.value, `mfa_serial (${hop.mfaSerial.origin.detail})`);
  return hop.mfaSerial;
}
