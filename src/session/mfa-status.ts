// Whether the active credentials carry MFA (aws:MultiFactorAuthPresent), from what stsctl can know without asking AWS
// (GetCallerIdentity does not say): the chain's own MFA hop, the marker `stsctl session` exports, the metadata of
// credentials stsctl cached. Anything else is "unknown", said as such.
import { readdir } from 'node:fs/promises';
import { readCached } from '../cache/index.js';
import type { ChainLink } from '../profiles/types.js';
import type { PrincipalType } from '../sts/principal.js';
import { isTemporaryKey } from '../long-term/source.js';
import { readMfaMarker } from './mfa-session.js';

export interface MfaStatus {
  readonly present: 'yes' | 'no' | 'unknown';
  /** How stsctl knows, in words. */
  readonly basis: string;
  readonly mfaSerial?: string;
}

export interface MfaStatusInput {
  readonly chain: readonly ChainLink[];
  /** The credentials the chain produced (only the key id and whether there is a session token are looked at). */
  readonly accessKeyId: string;
  readonly hasSessionToken: boolean;
  readonly principalType: PrincipalType;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cacheDir: string;
  readonly now: Date;
}

export async function describeMfaStatus(input: MfaStatusInput): Promise<MfaStatus> {
  const last = input.chain.at(-1);
  if (last?.kind === 'assume-role') {
    if (last.mfaSerial) {
      return { present: 'yes', basis: `profile ${last.profile} assumes its role with MFA (mfa_serial)`, mfaSerial: last.mfaSerial.value };
    }
    const source = input.chain.at(-2);
    if (input.chain.length === 2 && (source?.kind === 'static-keys' || source?.kind === 'env-keys') && !source.hasSessionToken) {
      return { present: 'no', basis: `profile ${last.profile} assumes its role from long-term keys without mfa_serial` };
    }
  }
  if (!isTemporaryKey(input.accessKeyId, input.hasSessionToken)) {
    return { present: 'no', basis: 'long-term access keys never carry MFA' };
  }
  if (input.principalType === 'federated-user') {
    return { present: 'no', basis: 'GetFederationToken credentials never carry MFA' };
  }
  const marked = readMfaMarker(input.env, input.accessKeyId);
  if (marked) return { present: 'yes', basis: 'exported by stsctl session with MFA (STSCTL_MFA)', mfaSerial: marked };
  const cached = await findCachedMeta(input.cacheDir, input.accessKeyId, input.now);
  if (cached) {
    const serial = typeof cached.meta['mfaSerial'] === 'string' ? cached.meta['mfaSerial'] : undefined;
    return cached.meta.mfa === true
      ? { present: 'yes', basis: `issued by stsctl (${cached.operation}) with MFA`, ...(serial ? { mfaSerial: serial } : {}) }
      : { present: 'no', basis: `issued by stsctl (${cached.operation}) without MFA` };
  }
  return { present: 'unknown', basis: 'stsctl did not issue these temporary credentials, and AWS does not say' };
}

/** The cache entry holding these credentials, if stsctl issued them and still has them. */
async function findCachedMeta(
  dir: string,
  accessKeyId: string,
  now: Date,
): Promise<{ readonly operation: string; readonly meta: Readonly<Record<string, unknown>> & { readonly mfa?: boolean } } | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const key = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
    if (key === undefined) continue;
    // readCached applies the cache's ownership and permission checks; any entry not yet expired counts.
    const found = await readCached(dir, key, { now, minRemainingMs: 0 });
    if ('entry' in found && found.entry.credentials.accessKeyId === accessKeyId) {
      return { operation: found.entry.operation, meta: found.entry.meta as unknown as Readonly<Record<string, unknown>> & { readonly mfa?: boolean } };
    }
  }
  return undefined;
}
