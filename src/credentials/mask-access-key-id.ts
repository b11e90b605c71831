// Access key ids are not secret, but a whole one in a screenshot or a log is enough to look the key up in CloudTrail
// or in an account it leaked from; human output shows only the type prefix and the last four characters.

/** `ASIAEXAMPLEKEYWXYZ` → `ASIA…WXYZ`. Ids too short to keep anything hidden show only their prefix. */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length >= 12) return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
  return `${accessKeyId.slice(0, Math.min(4, Math.floor(accessKeyId.length / 2)))}…`;
}
