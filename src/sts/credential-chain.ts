// Turn a resolved chain (profiles/resolve.ts) into credentials. stsctl walks role chains itself instead of handing
// the profile to the SDK's fromIni: every hop then uses the same endpoint, region and retry settings as the final
// call (fromIni's inner client ignores an endpoint given to the outer one), each hop can be narrated and cached,
// and the precedence is the AWS CLI's. SSO, credential_process, web identity, login and metadata sources use the
// SDK's own providers, loaded only when the chain needs them.
import { CredentialsError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import type { ChainLink } from '../profiles/types.js';
import type { AwsCredentials, CredentialSource, StsClientSettings, StsPortFactory } from './port.js';

export interface ChainDeps {
  readonly config: AwsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly createSts: StsPortFactory;
  readonly settings: StsClientSettings;
  /** Asks for an MFA code on the terminal; undefined when there is no terminal. */
  readonly promptMfaCode?: (serial: string) => Promise<string>;
  /** Default RoleSessionName for role hops that set no role_session_name. */
  readonly defaultSessionName: string;
  /** Called once per link as it produces credentials, for --debug and whoami. */
  readonly onLink?: (link: ChainLink, credentials: AwsCredentials) => void;
}

/** Cache a source's answer until shortly before it expires, so one command never resolves a chain twice. */
export function memoizeCredentials(source: CredentialSource, refreshBeforeMs = 60_000): CredentialSource {
  let pending: Promise<AwsCredentials> | undefined;
  return async () => {
    if (pending) {
      const current = await pending.catch(() => undefined);
      if (current && (!current.expiration || current.expiration.getTime() - Date.now() > refreshBeforeMs)) return current;
    }
    pending = source();
    return pending;
  };
}

function staticCredentials(link: Extract<ChainLink, { kind: 'static-keys' }>, config: AwsConfig): AwsCredentials {
  const values = config.profiles.get(link.profile)?.values ?? {};
  const sessionToken = values['aws_session_token'] ?? values['aws_security_token'];
  return {
    accessKeyId: values['aws_access_key_id'] ?? link.accessKeyId,
    secretAccessKey: values['aws_secret_access_key'] ?? '',
    ...(sessionToken ? { sessionToken } : {}),
  };
}

function envCredentials(env: ChainDeps['env']): AwsCredentials {
  const sessionToken = env['AWS_SESSION_TOKEN'] || env['AWS_SECURITY_TOKEN'];
  const expiration = env['AWS_CREDENTIAL_EXPIRATION'] ? new Date(env['AWS_CREDENTIAL_EXPIRATION']) : undefined;
  return {
    accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '',
    secretAccessKey: env['AWS_SECRET_ACCESS_KEY'] ?? '',
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}

type SdkProvider = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

async function sdkProviderFor(link: ChainLink, deps: ChainDeps): Promise<SdkProvider> {
  type Providers = typeof import('@aws-sdk/credential-providers');
  // A bundled CommonJS package arrives as its `default` export only; plain Node also offers named exports.
  const loaded: Providers & { default?: Providers } = await import('@aws-sdk/credential-providers');
  const providers = loaded.default ?? loaded;
  const files = { filepath: deps.config.credentialsFile.path, configFilepath: deps.config.configFile.path };
  const clientConfig = { region: deps.settings.region, ...(deps.settings.endpoint ? { endpoint: deps.settings.endpoint } : {}) };
  switch (link.kind) {
    case 'sso':
      return providers.fromSSO({ profile: link.profile, ...files });
    case 'credential-process':
      return providers.fromProcess({ profile: link.profile, ...files });
    case 'login-session':
      return providers.fromLoginCredentials({ profile: link.profile, ...files });
    case 'web-identity':
      return providers.fromTokenFile({
        webIdentityTokenFile: link.tokenFile,
        roleArn: link.roleArn,
        roleSessionName: link.sessionName ?? deps.defaultSessionName,
        clientConfig,
      });
    case 'container':
      return providers.fromContainerMetadata({ timeout: 1000, maxRetries: 1 });
    case 'instance-metadata':
      return providers.fromInstanceMetadata({ timeout: 1000, maxRetries: 0 });
    default:
      throw new Error(`No SDK provider for ${link.kind}`);
  }
}

async function assumeRoleHop(
  link: Extract<ChainLink, { kind: 'assume-role' }>,
  source: CredentialSource,
  deps: ChainDeps,
): Promise<AwsCredentials> {
  let mfa: { serialNumber: string; tokenCode: string } | undefined;
  if (link.mfaSerial) {
    if (!deps.promptMfaCode) {
      throw new CredentialsError(
        'MfaCodeRequired',
        `Profile '${link.profile}' needs an MFA code for ${link.mfaSerial.value}, and there is no terminal to ask on.`,
        { hints: [`Run it in a terminal, or get credentials first: eval "$(stsctl assume ${link.profile} --token-code 123456)"`] },
      );
    }
    mfa = { serialNumber: link.mfaSerial.value, tokenCode: await deps.promptMfaCode(link.mfaSerial.value) };
  }
  const port = await deps.createSts(source, deps.settings);
  const result = await port.assumeRole({
    roleArn: link.roleArn,
    roleSessionName: link.sessionName ?? deps.defaultSessionName,
    ...(link.externalId ? { externalId: link.externalId } : {}),
    ...(link.durationSeconds ? { durationSeconds: link.durationSeconds } : {}),
    ...(mfa ?? {}),
  });
  return result.credentials;
}

/** Build the credential source for a whole chain (root source first). */
export function buildCredentialSource(chain: readonly ChainLink[], deps: ChainDeps): CredentialSource {
  if (chain.length === 0) {
    return () => Promise.reject(new CredentialsError('NoCredentials', 'No AWS credentials were found.'));
  }
  let source: CredentialSource | undefined;
  for (const link of chain) {
    const previous = source;
    const produce = async (): Promise<AwsCredentials> => {
      switch (link.kind) {
        case 'env-keys':
          return envCredentials(deps.env);
        case 'static-keys':
          return staticCredentials(link, deps.config);
        case 'assume-role':
          if (!previous) throw new Error(`Role ${link.roleArn} has no source in the chain.`);
          return assumeRoleHop(link, previous, deps);
        default: {
          const provider = await sdkProviderFor(link, deps);
          return provider();
        }
      }
    };
    source = memoizeCredentials(async () => {
      const credentials = await produce();
      deps.onLink?.(link, credentials);
      return credentials;
    });
  }
  return source as CredentialSource;
}
