// When nothing yields credentials, say where stsctl looked, in the order it looked (the AWS CLI's order).
import type { AwsConfig } from './aws-config.js';
import type { Resolution } from './types.js';

export function describeCredentialSearch(resolution: Resolution, config: AwsConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  const lines: string[] = ['environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set'];
  const files = `${config.configFile.path}${config.configFile.exists ? '' : ' (missing)'} and ${config.credentialsFile.path}${config.credentialsFile.exists ? '' : ' (missing)'}`;
  if (!resolution.profile) {
    lines.push(`profile: none selected (no --profile or AWS_PROFILE), and no [default] profile in ${files}`);
  } else {
    lines.push(`profile '${resolution.profile.value}' (from ${resolution.profile.origin.detail}): defined in ${files}, but holds no keys, role, SSO, credential_process or login settings`);
  }
  lines.push('container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set');
  lines.push(
    (env['AWS_EC2_METADATA_DISABLED'] ?? '').toLowerCase() === 'true'
      ? 'EC2 instance metadata: skipped (AWS_EC2_METADATA_DISABLED=true)'
      : 'EC2 instance metadata: not reachable from this machine',
  );
  return lines;
}
