// MFA sessions from `stsctl session`: how they are keyed in the credentials cache (by the source access key and the
// MFA device, nothing else, so that `assume` can find one), how `assume` finds one, and the marker exported next to
// them. One MFA prompt then serves every role that asks for the same device: AWS treats credentials from an MFA
// GetSessionToken as MFA-authenticated when they call AssumeRole.
import { cacheKey, credentialsFromEntry, readCached } from '../cache/index.js';
import { endpointKeyParts, longTermKeyOf } from '../long-term/source.js';
import type { ChainLink, Resolution } from '../profiles/types.js';
import type { IssuedCredentialValues } from '../sts/cached-issue.js';

export const sessionOperation = 'GetSessionToken';

/**
 * Exported by `stsctl session` next to MFA credentials: `<access key id> <MFA device>`. The key id ties the marker to
 * the credentials it describes, so a marker left behind by other exports is recognised as stale.
 */
export const mfaMarker = 'STSCTL_MFA';

export function formatMfaMarker(accessKeyId: string, mfaSerial: string): string {
  return `${accessKeyId} ${mfaSerial}`;
}

/** The MFA device the marker names for these credentials; undefined when absent or about other credentials. */
export function readMfaMarker(env: Readonly<Record<string, string | undefined>>, accessKeyId: string): string | undefined {
  const [key, serial] = (env[mfaMarker] ?? '').trim().split(/\s+/);
  return key === accessKeyId && serial ? serial : undefined;
}

/**
 * The cache key parts of a GetSessionToken session: the source keys and the MFA device. Not the duration (a hit is
 * only reused for the duration it was asked for, see run-session.ts) and not the region: session credentials work
 * in every region of the partition (see endpointKeyParts).
 */
export function sessionKeyParts(input: {
  /** The long-term access key id, or a fingerprint of the source when only running it would tell the key. */
  readonly source: string | readonly string[];
  readonly mfaSerial?: string;
  readonly resolution: Resolution;
}): Record<string, unknown> {
  return { operation: sessionOperation, source: input.source, mfaSerial: input.mfaSerial, ...endpointKeyParts(input.resolution) };
}

export interface FoundMfaSession {
  readonly credentials: IssuedCredentialValues;
  readonly cacheKey: string;
}

/** A valid cached MFA session for these keys and this device (outside the refresh margin), if there is one. */
export async function findMfaSession(input: {
  readonly cacheDir: string;
  readonly sourceAccessKeyId: string;
  readonly mfaSerial: string;
  readonly resolution: Resolution;
  readonly now: Date;
}): Promise<FoundMfaSession | undefined> {
  const key = cacheKey(sessionKeyParts({ source: input.sourceAccessKeyId, mfaSerial: input.mfaSerial, resolution: input.resolution }));
  const found = await readCached(input.cacheDir, key, { now: input.now });
  if (!('entry' in found) || found.entry.operation !== sessionOperation || found.entry.meta.mfa !== true) return undefined;
  return { credentials: credentialsFromEntry(found.entry), cacheKey: key };
}

/**
 * For `assume`: the cached MFA session to assume a role from instead of asking for a code, when the role wants an
 * MFA device, no code was given, and the source is long-term keys that `stsctl session` has a session for.
 */
export async function findMfaSessionForRole(input: {
  readonly mfaSerial?: string;
  readonly tokenCode?: string;
  readonly sourceChain: readonly ChainLink[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly resolution: Resolution;
  readonly cacheDir: string;
  readonly now: Date;
}): Promise<FoundMfaSession | undefined> {
  const [link, ...more] = input.sourceChain;
  if (input.mfaSerial === undefined || input.tokenCode !== undefined || link === undefined || more.length > 0) return undefined;
  const sourceAccessKeyId = longTermKeyOf(link, input.env);
  if (sourceAccessKeyId === undefined) return undefined;
  return findMfaSession({ cacheDir: input.cacheDir, sourceAccessKeyId, mfaSerial: input.mfaSerial, resolution: input.resolution, now: input.now });
}
