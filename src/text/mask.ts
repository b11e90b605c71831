// Masking for anything shown to a person: access key ids keep their first and last four characters (enough to tell
// keys apart), secrets and session tokens are removed outright. Pure string functions, shared by every renderer.

/** AWS access key ids: long-term (AKIA) and temporary (ASIA). */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,124}\b/g;

/** A value given to a secret or token key, in ini, env, JSON, YAML or header form. */
const SECRET_ASSIGNMENT =
  /\b(aws_secret_access_key|secret_access_key|SecretAccessKey|secretAccessKey|aws_session_token|session_token|SessionToken|sessionToken|aws_security_token|X-Amz-Security-Token)(["']?\s*[:=]\s*["']?)([^\s"',;}]+)/gi;

/**
 * Forty base64 characters on their own, the shape of a secret access key. Pure hexadecimal runs (commit ids,
 * hashes) are left alone because secrets always mix cases.
 */
const LOOSE_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

export const REDACTED = '[redacted]';

export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return '…';
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

function looksLikeSecret(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9/+]/.test(candidate);
}

/** Removes secrets and session tokens, keeps access key ids as they are. */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (_m, key: string, separator: string) => `${key}${separator}${REDACTED}`)
    .replace(LOOSE_SECRET, (candidate) => (looksLikeSecret(candidate) ? REDACTED : candidate));
}

/** Masks access key ids and removes secrets and session tokens. */
export function maskSecretsInText(text: string): string {
  return redactSecrets(text).replace(ACCESS_KEY_ID, (keyId) => maskAccessKeyId(keyId));
}
