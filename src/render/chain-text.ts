// Words for credential-chain links and durations, shared by whoami, doctor and profiles.
import type { ChainLink } from '../profiles/types.js';

export function describeLink(link: ChainLink): string {
  switch (link.kind) {
    case 'env-keys':
      return `environment keys ${link.accessKeyId}${link.hasSessionToken ? ' with session token' : ''}`;
    case 'static-keys':
      return `static keys ${link.accessKeyId} in profile ${link.profile}${link.hasSessionToken ? ' with session token' : ''}`;
    case 'assume-role': {
      const via = 'sourceProfile' in link.via ? `source_profile ${link.via.sourceProfile}` : `credential_source ${link.via.credentialSource}`;
      const extras = [
        link.mfaSerial ? `MFA ${link.mfaSerial.value}` : undefined,
        link.externalId ? 'external id' : undefined,
        link.durationSeconds ? `${String(link.durationSeconds)} s` : undefined,
      ].filter(Boolean);
      return `assume role ${link.roleArn} (profile ${link.profile}, ${via}${extras.length > 0 ? `, ${extras.join(', ')}` : ''})`;
    }
    case 'web-identity':
      return `web identity token ${link.tokenFile} → ${link.roleArn} (profile ${link.profile})`;
    case 'sso':
      return `IAM Identity Center ${link.startUrl} → account ${link.accountId}, role ${link.roleName} (profile ${link.profile}${link.ssoSession ? `, sso-session ${link.ssoSession}` : ''})`;
    case 'credential-process':
      return `credential_process \`${link.command}\` (profile ${link.profile})`;
    case 'login-session':
      return `console login session ${link.session} (profile ${link.profile})`;
    case 'container':
      return `container credentials ${link.uri}`;
    case 'instance-metadata':
      return 'EC2 instance metadata (IMDS)';
  }
}

/** "in 59 min", "in 3 h 5 min", "expired 2 min ago". */
export function formatRemaining(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = minutes >= 60 ? `${String(Math.floor(minutes / 60))} h ${String(minutes % 60)} min` : `${String(minutes)} min`;
  return ms >= 0 ? `in ${text}` : `expired ${text} ago`;
}
