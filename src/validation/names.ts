// STS's string parameters, checked locally with AWS's own length and character rules (`\w` there is ASCII letters,
// digits and underscore). Each validator returns the value it accepted so callers can write `x = validateX(x)`.
import { UsageError } from '../errors.js';
import { type CharacterRule, checkCharacters, showValue } from './describe.js';

const nameAlphabet = 'letters, digits and + = , . @ _ -';
const nameCharacter = /^[A-Za-z0-9_+=,.@-]$/;

export const sessionNameRule: CharacterRule = {
  what: 'session names',
  min: 2,
  max: 64,
  allowed: nameCharacter,
  alphabet: nameAlphabet,
};
export const externalIdRule: CharacterRule = {
  what: 'external ids',
  min: 2,
  max: 1224,
  allowed: /^[A-Za-z0-9_+=,.@:/-]$/,
  alphabet: 'letters, digits and + = , . @ : / _ -',
};
export const sourceIdentityRule: CharacterRule = {
  what: 'source identities',
  min: 2,
  max: 64,
  allowed: nameCharacter,
  alphabet: nameAlphabet,
};
export const federatedNameRule: CharacterRule = {
  what: 'federated user names',
  min: 2,
  max: 32,
  allowed: nameCharacter,
  alphabet: nameAlphabet,
};
export const hardwareMfaSerialRule: CharacterRule = {
  what: 'hardware MFA serial numbers',
  min: 9,
  max: 256,
  allowed: /^[A-Za-z0-9_+=/:,.@-]$/,
  alphabet: 'letters, digits and + = / : , . @ _ -',
};

/** RoleSessionName: 2–64 of `[\w+=,.@-]`. It shows up in CloudTrail and in the assumed-role ARN. */
export function validateSessionName(name: string, flag = '--session-name'): string {
  return checkCharacters(name, flag, sessionNameRule, 'InvalidSessionName');
}

/** ExternalId: 2–1224 of `[\w+=,.@:/-]`. Not a secret by AWS's design, so it may be shown. */
export function validateExternalId(externalId: string, flag = '--external-id'): string {
  return checkCharacters(externalId, flag, externalIdRule, 'InvalidExternalId');
}

/** SourceIdentity: 2–64 of `[\w+=,.@-]`; it sticks to the session and every session chained from it. */
export function validateSourceIdentity(sourceIdentity: string, flag = '--source-identity'): string {
  return checkCharacters(sourceIdentity, flag, sourceIdentityRule, 'InvalidSourceIdentity');
}

/** GetFederationToken Name: 2–32 of `[\w+=,.@-]`. */
export function validateFederatedName(name: string, flag = '--name'): string {
  return checkCharacters(name, flag, federatedNameRule, 'InvalidFederatedName');
}

const mfaArn = /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):mfa\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;
const mfaArnExample = 'arn:aws:iam::123456789012:mfa/alice';

/**
 * SerialNumber: a virtual device's ARN (`arn:aws:iam::123456789012:mfa/name`) or a hardware token's serial
 * (9–256 of `[\w+=/:,.@-]`). Anything starting with `arn:` must be an MFA device ARN: a user's own ARN is the most
 * common mistake and would otherwise pass the looser serial-number rule.
 */
export function validateMfaSerial(serial: string, flag = '--mfa-serial'): string {
  const accepted = `an MFA device ARN like ${mfaArnExample} or a hardware token serial number (9–256 letters, digits and + = / : , . @ _ -)`;
  if (serial.startsWith('arn:')) {
    if (serial.length <= 256 && mfaArn.test(serial)) return serial;
    const user = /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(serial);
    const hints = user ? [`the MFA device of that user is usually arn:aws:iam::${user[1]}:mfa/${user[2]}; IAM lists it under the user's security credentials`] : [];
    throw new UsageError(`${flag} ${showValue(serial)} is not an MFA device ARN: expected ${accepted}`, {
      code: 'InvalidMfaSerial',
      hints,
    });
  }
  try {
    return checkCharacters(serial, flag, hardwareMfaSerialRule, 'InvalidMfaSerial');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message}; a virtual device is given by its ARN instead, like ${mfaArnExample}`, {
      code: 'InvalidMfaSerial',
    });
  }
}

/**
 * TokenCode: exactly six digits. Spaces are dropped first because authenticator apps display codes as `123 456`.
 * The code itself is never echoed: it is a credential for the next 30 seconds.
 */
export function validateTokenCode(code: string, flag = '--token-code'): string {
  const digits = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  const problem = /^\d*$/.test(digits)
    ? `has ${digits.length} digit${digits.length === 1 ? '' : 's'}`
    : 'contains characters other than digits';
  throw new UsageError(`${flag} ${problem}: the MFA code must be exactly six digits, as shown by your MFA device`, {
    code: 'InvalidTokenCode',
  });
}

export interface CallerNameSource {
  /** The caller's ARN from GetCallerIdentity, when known. */
  readonly arn?: string;
  /** The operating-system user name. */
  readonly userName?: string;
  /** Used when neither gives anything. Defaults to `stsctl`. */
  readonly fallback?: string;
}

/**
 * A default RoleSessionName that says who assumed the role, since that is what CloudTrail shows: an IAM user's name,
 * the current session's name when chaining from an assumed role, the federated user's name, or `stsctl-<os user>`.
 * The result always satisfies validateSessionName.
 */
export function deriveSessionName(identity: CallerNameSource): string {
  const fromArn = identity.arn ? nameFromArn(identity.arn) : undefined;
  const osUser = identity.userName?.split('\\').pop();
  const candidates = [fromArn, osUser ? `stsctl-${osUser}` : undefined, identity.fallback, 'stsctl'];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const name = sanitiseSessionName(candidate);
    if (name !== undefined) return name;
  }
  return 'stsctl';
}

function nameFromArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:(iam|sts)::[^:]*:(.+)$/.exec(arn);
  if (!match) return undefined;
  const resource = match[2] as string;
  const parts = resource.split('/');
  const type = parts[0];
  // user/path/alice → alice; federated-user/bob → bob; assumed-role/Role/session → session. `root` has no name.
  if ((type === 'user' || type === 'federated-user' || type === 'assumed-role') && parts.length >= 2) return parts.at(-1);
  return undefined;
}

/** Folds accents (José → Jose), replaces other characters with `-`, and fits the result into 2–64 characters. */
function sanitiseSessionName(raw: string): string | undefined {
  const folded = raw.normalize('NFKD').replace(/\p{M}/gu, '');
  const cleaned = folded
    .replace(/[^A-Za-z0-9_+=,.@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (cleaned === '') return undefined;
  const truncated = cleaned.slice(0, 64);
  // A one-character name (a user called `a`) is below AWS's minimum of 2; the prefix also says who made it.
  return truncated.length >= 2 ? truncated : `stsctl-${truncated}`;
}
