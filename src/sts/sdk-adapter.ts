// The STS port implemented with the AWS SDK for JavaScript v3. Loaded only by commands that call AWS.
// Retries are the SDK's own strategy (standard by default, see retry-strategy.ts); this module adds no retry loop.
import {
  AssumeRoleCommand,
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials as SdkCredentials,
} from '@aws-sdk/client-sts';
import type { AwsCredentials, CredentialSource, StsClientSettings, StsPort } from './port.js';
import { createRetryStrategy, defaultMaxAttempts } from './retry-strategy.js';

// The SDK warns on every Node 20 run that future versions will need Node 22; stsctl's users cannot act on it.
// Set before the first client is constructed, which is when the SDK checks.
export const suppressedSdkWarningVariable = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
if (process.env[suppressedSdkWarningVariable] === undefined) process.env[suppressedSdkWarningVariable] = 'true';

function toCredentials(credentials: SdkCredentials | undefined, operation: string): AwsCredentials & { expiration: Date } {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.Expiration) {
    throw new Error(`${operation} answered without complete credentials.`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    expiration: credentials.Expiration,
  };
}

function readDateHeader(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['date'] ?? headers?.['Date'];
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

export interface SdkStsPort extends StsPort {
  /** Local clock minus the server's Date header on the last response, in ms (positive: local clock ahead). */
  observedClockOffsetMs(): number | undefined;
}

export function createSdkStsPort(credentials: CredentialSource, settings: StsClientSettings): SdkStsPort {
  const client = new STSClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    credentials: async () => {
      const resolved = await credentials();
      return {
        accessKeyId: resolved.accessKeyId,
        secretAccessKey: resolved.secretAccessKey,
        ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
        ...(resolved.expiration ? { expiration: resolved.expiration } : {}),
      };
    },
    // The settings already merge --max-attempts/--retry-mode, AWS_MAX_ATTEMPTS/AWS_RETRY_MODE and the profile;
    // given explicitly, the SDK does not read them again from its own view of the environment and files.
    maxAttempts: settings.maxAttempts ?? defaultMaxAttempts,
    retryStrategy: createRetryStrategy({
      maxAttempts: settings.maxAttempts ?? defaultMaxAttempts,
      ...(settings.retryMode ? { mode: settings.retryMode } : {}),
      ...(settings.debug ? { debug: settings.debug } : {}),
    }),
  });

  let clockOffsetMs: number | undefined;
  // Runs once per attempt (inside the SDK's retry middleware): measures the clock offset and narrates attempts.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const sentAt = Date.now();
      const operation = context.commandName?.replace(/Command$/, '') ?? 'request';
      settings.debug?.(`→ ${operation} ${settings.endpoint ?? '(SDK default endpoint)'} region=${settings.region}`);
      try {
        const result = await next(args);
        const response = result.response as { statusCode?: number; headers?: Record<string, string> };
        const serverTime = readDateHeader(response.headers);
        if (serverTime !== undefined) clockOffsetMs = Math.round((sentAt + Date.now()) / 2) - serverTime;
        settings.debug?.(`← ${operation} HTTP ${String(response.statusCode ?? '?')} in ${String(Date.now() - sentAt)} ms`);
        return result;
      } catch (error) {
        const response = (error as { $response?: { statusCode?: number; headers?: Record<string, string> } }).$response;
        const serverTime = readDateHeader(response?.headers);
        if (serverTime !== undefined) clockOffsetMs = Math.round((sentAt + Date.now()) / 2) - serverTime;
        settings.debug?.(
          `← ${operation} failed after ${String(Date.now() - sentAt)} ms: ${(error as Error).name}${response?.statusCode ? ` (HTTP ${String(response.statusCode)})` : ''}`,
        );
        throw error;
      }
    },
    { step: 'deserialize', name: 'stsctlAttemptObserver', override: true },
  );

  return {
    observedClockOffsetMs: () => clockOffsetMs,
    async getCallerIdentity() {
      const output = await client.send(new GetCallerIdentityCommand({}));
      return { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
    },
    async assumeRole(request) {
      const output = await client.send(
        new AssumeRoleCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.roleSessionName,
          DurationSeconds: request.durationSeconds,
          ExternalId: request.externalId,
          SerialNumber: request.serialNumber,
          TokenCode: request.tokenCode,
          Policy: request.policy,
          PolicyArns: request.policyArns?.map((arn) => ({ arn })),
          Tags: request.tags?.map((tag) => ({ Key: tag.key, Value: tag.value })),
          TransitiveTagKeys: request.transitiveTagKeys ? [...request.transitiveTagKeys] : undefined,
          SourceIdentity: request.sourceIdentity,
        }),
      );
      return {
        credentials: toCredentials(output.Credentials, 'AssumeRole'),
        assumedRoleUser: { arn: output.AssumedRoleUser?.Arn ?? '', assumedRoleId: output.AssumedRoleUser?.AssumedRoleId ?? '' },
        ...(output.PackedPolicySize !== undefined ? { packedPolicySize: output.PackedPolicySize } : {}),
        ...(output.SourceIdentity ? { sourceIdentity: output.SourceIdentity } : {}),
      };
    },
    async getSessionToken(request) {
      const output = await client.send(
        new GetSessionTokenCommand({
          DurationSeconds: request.durationSeconds,
          SerialNumber: request.serialNumber,
          TokenCode: request.tokenCode,
        }),
      );
      return { credentials: toCredentials(output.Credentials, 'GetSessionToken') };
    },
    async getFederationToken(request) {
      const output = await client.send(
        new GetFederationTokenCommand({
          Name: request.name,
          DurationSeconds: request.durationSeconds,
          Policy: request.policy,
          PolicyArns: request.policyArns?.map((arn) => ({ arn })),
          Tags: request.tags?.map((tag) => ({ Key: tag.key, Value: tag.value })),
        }),
      );
      return {
        credentials: toCredentials(output.Credentials, 'GetFederationToken'),
        federatedUser: { arn: output.FederatedUser?.Arn ?? '', federatedUserId: output.FederatedUser?.FederatedUserId ?? '' },
        ...(output.PackedPolicySize !== undefined ? { packedPolicySize: output.PackedPolicySize } : {}),
      };
    },
    async decodeAuthorizationMessage(encodedMessage) {
      const output = await client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encodedMessage }));
      return output.DecodedMessage ?? '';
    },
  };
}
