// From a resolution to a working STS port: client settings (endpoint, region, retries) and the credential chain.
import { CredentialsError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import { describeCredentialSearch } from '../profiles/search-report.js';
import type { ChainLink, Resolution } from '../profiles/types.js';
import { maskAccessKeyId } from '../text/mask.js';
import type { Runtime } from '../runtime.js';
import { createTerminalMfaPrompt, type MfaPrompt } from '../terminal/prompt-mfa.js';
import { buildCredentialSource } from './credential-chain.js';
import type { AwsCredentials, CredentialSource, StsClientSettings, StsPort } from './port.js';

export function clientSettings(resolution: Resolution, runtime: Runtime): StsClientSettings {
  const globals = runtime.globals();
  const output = runtime.output();
  const maxAttempts = globals.maxAttempts ?? resolution.retry.maxAttempts?.value;
  const retryMode = globals.retryMode ?? resolution.retry.mode?.value;
  return {
    region: resolution.endpoint.signingRegion,
    endpoint: resolution.endpoint.url,
    ...(maxAttempts ? { maxAttempts } : {}),
    ...(retryMode ? { retryMode } : {}),
    ...(output.debugEnabled ? { debug: (line: string) => output.debug(line) } : {}),
  };
}

/** A RoleSessionName for role hops that name none: stable, so cached credentials can be reused. */
export function defaultSessionName(username: string): string {
  return `stsctl-${username.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
}

export interface Connection {
  readonly port: StsPort;
  readonly credentials: CredentialSource;
  readonly settings: StsClientSettings;
  /** Credentials each link produced, in order, filled in as the chain resolves. */
  readonly produced: { readonly link: ChainLink; readonly credentials: AwsCredentials }[];
}

export interface ConnectOptions {
  /** How role hops with mfa_serial get their code; default: ask on the terminal (/dev/tty), never on stdout. */
  readonly promptMfaCode?: MfaPrompt;
}

export async function connect(config: AwsConfig, resolution: Resolution, runtime: Runtime, options: ConnectOptions = {}): Promise<Connection> {
  if (resolution.chain.length === 0) {
    const searched = describeCredentialSearch(resolution, config, runtime.deps.env);
    throw new CredentialsError('NoCredentials', 'No AWS credentials were found.', { details: { evidence: searched.map((line) => `looked at ${line}`) } });
  }
  const settings = clientSettings(resolution, runtime);
  const produced: Connection['produced'][number][] = [];
  const output = runtime.output();
  const credentials = buildCredentialSource(resolution.chain, {
    config,
    env: runtime.deps.env,
    createSts: runtime.deps.createSts,
    settings,
    promptMfaCode: options.promptMfaCode ?? createTerminalMfaPrompt(runtime.deps.platform),
    defaultSessionName: defaultSessionName(runtime.deps.username),
    onLink: (link, creds) => {
      produced.push({ link, credentials: creds });
      output.debug(`credentials from ${link.kind}${'profile' in link ? ` (profile ${link.profile})` : ''}: ${maskAccessKeyId(creds.accessKeyId)}`);
    },
  });
  const port = await runtime.deps.createSts(credentials, settings);
  return { port, credentials, settings, produced };
}

/** A connection that signs with credentials already in hand (e.g. a cached MFA session) instead of a chain. */
export async function connectWithCredentials(credentials: AwsCredentials, resolution: Resolution, runtime: Runtime): Promise<Connection> {
  const settings = clientSettings(resolution, runtime);
  const source: CredentialSource = () => Promise.resolve(credentials);
  return { port: await runtime.deps.createSts(source, settings), credentials: source, settings, produced: [] };
}
