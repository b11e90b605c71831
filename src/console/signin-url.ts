// AWS Management Console sign-in for temporary credentials, shared by assume, federate and roles assumed from an MFA
// session: the federation endpoint trades the credentials for a sign-in token (Action=getSigninToken), and a login
// URL carrying that token (Action=login) opens the console at the destination. The token is a bearer secret for 15
// minutes: it goes to stdout (the result) or to the browser, never to stderr, --debug or an error message.
import { StsctlError, ExitCode, UsageError } from '../errors.js';
import type { AwsCredentials } from '../sts/port.js';
import { partitionOfRegion, parseDuration, showValue, type Partition } from '../validation/index.js';

/** Overrides the federation endpoint, like --federation-endpoint (which wins). */
export const federationEndpointVariable = 'STSCTL_FEDERATION_ENDPOINT';

/** getSigninToken's SessionDuration range: the console session, not the credentials. */
export const consoleSessionDuration = { operation: 'the federation endpoint', min: 900, max: 43_200 } as const;

/** AWS's sign-in tokens must be used within 15 minutes of being issued. */
export const signinTokenLifetimeSeconds = 15 * 60;

/** Named in the login URL; the console shows it to the user as where they came from. */
export const consoleIssuer = 'stsctl';

interface PartitionConsole {
  readonly federation: string;
  readonly console: string;
}

// Only these partitions have a public console. The isolated ones need --federation-endpoint and --destination.
const consoles: Partial<Record<Partition, PartitionConsole>> = {
  aws: { federation: 'https://signin.aws.amazon.com/federation', console: 'https://console.aws.amazon.com' },
  'aws-cn': { federation: 'https://signin.amazonaws.cn/federation', console: 'https://console.amazonaws.cn' },
  'aws-us-gov': { federation: 'https://signin.amazonaws-us-gov.com/federation', console: 'https://console.amazonaws-us-gov.com' },
};

/** The raw option values addConsoleOptions (commands/credential-output.ts) declares. */
export interface RawConsoleOptions {
  readonly console?: boolean;
  readonly open?: boolean;
  readonly consoleDuration?: string;
  readonly destination?: string;
  readonly federationEndpoint?: string;
}

/** What a command asked of the console sign-in, checked before any call. */
export interface ConsoleRequest {
  /** Open the URL with the platform's opener instead of printing it. */
  readonly open: boolean;
  /** SessionDuration for getSigninToken; undefined lets the endpoint decide. */
  readonly sessionDurationSeconds?: number;
  /** An http(s) URL, or a console path such as /s3/home; undefined: the console home page. */
  readonly destination?: string;
  /** The endpoint from --federation-endpoint or STSCTL_FEDERATION_ENDPOINT, with where it came from. */
  readonly endpoint?: { readonly url: string; readonly origin: string };
}

/** Reads and checks the console flags; undefined when no console sign-in was asked for. Throws UsageError (exit 2). */
export function planConsoleRequest(raw: RawConsoleOptions, env: Readonly<Record<string, string | undefined>>): ConsoleRequest | undefined {
  const wanted = raw.console === true || raw.open === true;
  if (!wanted) {
    const stray = [
      raw.consoleDuration !== undefined ? '--console-duration' : undefined,
      raw.destination !== undefined ? '--destination' : undefined,
      raw.federationEndpoint !== undefined ? '--federation-endpoint' : undefined,
    ].filter((flag): flag is string => flag !== undefined);
    if (stray.length > 0) {
      throw new UsageError(`${stray.join(', ')} only ${stray.length === 1 ? 'applies' : 'apply'} to a console sign-in: add --console (print the link) or --open (open it).`, {
        code: 'ConsoleOptionWithoutConsole',
      });
    }
    return undefined;
  }
  const sessionDurationSeconds =
    raw.consoleDuration === undefined ? undefined : parseDuration(raw.consoleDuration, { flag: '--console-duration', ...consoleSessionDuration });
  if (raw.destination !== undefined) checkDestination(raw.destination);
  const fromEnv = env[federationEndpointVariable];
  const endpoint =
    raw.federationEndpoint !== undefined
      ? { url: checkEndpoint(raw.federationEndpoint, '--federation-endpoint'), origin: '--federation-endpoint' }
      : fromEnv !== undefined && fromEnv !== ''
        ? { url: checkEndpoint(fromEnv, federationEndpointVariable), origin: federationEndpointVariable }
        : undefined;
  return {
    open: raw.open === true,
    ...(sessionDurationSeconds !== undefined ? { sessionDurationSeconds } : {}),
    ...(raw.destination !== undefined ? { destination: raw.destination } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

function checkEndpoint(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} ${showValue(value)} is not a URL: expected something like https://signin.aws.amazon.com/federation`, {
      code: 'InvalidFederationEndpoint',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${flag} ${showValue(value)} is not an http(s) URL`, { code: 'InvalidFederationEndpoint' });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`${flag} ${showValue(value)} has a query or fragment: give the endpoint alone, e.g. https://signin.aws.amazon.com/federation`, {
      code: 'InvalidFederationEndpoint',
    });
  }
  return value;
}

function checkDestination(value: string): void {
  if (value.startsWith('/')) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(
      `--destination ${showValue(value)} is neither an http(s) URL nor a console path: use e.g. https://console.aws.amazon.com/s3/home or /s3/home`,
      { code: 'InvalidDestination' },
    );
  }
}

/** The federation endpoint and console destination for credentials used in `region` (partition from the region). */
export function resolveConsoleTargets(request: ConsoleRequest, region: string | undefined): { readonly endpoint: string; readonly destination: string } {
  const partition = partitionOfRegion(region ?? 'us-east-1');
  const known = consoles[partition];
  const absoluteDestination = request.destination !== undefined && !request.destination.startsWith('/');
  if (!known && (!request.endpoint || !absoluteDestination)) {
    throw new UsageError(`stsctl knows no console sign-in for the ${partition} partition (region ${region ?? '?'}).`, {
      code: 'NoConsoleForPartition',
      hints: ['Give both: --federation-endpoint https://…/federation --destination https://…/'],
    });
  }
  const endpoint = request.endpoint?.url ?? (known as PartitionConsole).federation;
  let destination: string;
  if (absoluteDestination) destination = request.destination as string;
  else {
    const base = (known as PartitionConsole).console;
    const path = request.destination ?? '/console/home';
    destination = `${base}${path}${region && !path.includes('region=') ? `${path.includes('?') ? '&' : '?'}region=${encodeURIComponent(region)}` : ''}`;
  }
  return { endpoint, destination };
}

/** The Session parameter of getSigninToken: the credentials under the names the federation endpoint uses. */
export function formatSessionParameter(credentials: AwsCredentials): string {
  if (!credentials.sessionToken) {
    throw new UsageError('Only temporary credentials (with a session token) can sign in to the console.', { code: 'ConsoleNeedsTemporaryCredentials' });
  }
  return JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
}

/** `${endpoint}?Action=getSigninToken[&SessionDuration=N]&Session=…`: carries secrets, so it is never shown. */
export function formatSigninTokenRequest(endpoint: string, credentials: AwsCredentials, sessionDurationSeconds?: number): string {
  const params = new URLSearchParams({ Action: 'getSigninToken' });
  if (sessionDurationSeconds !== undefined) params.set('SessionDuration', String(sessionDurationSeconds));
  params.set('Session', formatSessionParameter(credentials));
  return `${endpoint}?${params.toString()}`;
}

/** `${endpoint}?Action=login&Issuer=stsctl&Destination=…&SigninToken=…`: the URL the user opens. */
export function formatLoginUrl(endpoint: string, signinToken: string, destination: string): string {
  const params = new URLSearchParams({ Action: 'login', Issuer: consoleIssuer, Destination: destination, SigninToken: signinToken });
  return `${endpoint}?${params.toString()}`;
}

export type FetchLike = (url: string, init: { readonly signal?: AbortSignal; readonly redirect?: 'manual' | 'follow' | 'error' }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}>;

export interface ConsoleSigninInput {
  readonly request: ConsoleRequest;
  readonly credentials: AwsCredentials;
  readonly region?: string;
  /** Role credentials obtained with role credentials: the federation endpoint refuses SessionDuration for them. */
  readonly chained: boolean;
  readonly now: Date;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export interface ConsoleSignin {
  /** The login URL: a secret until it is used or expires. */
  readonly url: string;
  readonly endpoint: string;
  readonly destination: string;
  /** When the sign-in token stops working if unused. */
  readonly linkExpiresAt: Date;
  readonly sessionDurationSeconds?: number;
  readonly warnings: readonly string[];
}

/** Asks the federation endpoint for a sign-in token and builds the login URL. */
export async function createConsoleSignin(input: ConsoleSigninInput): Promise<ConsoleSignin> {
  const { endpoint, destination } = resolveConsoleTargets(input.request, input.region);
  const warnings: string[] = [];
  let sessionDurationSeconds = input.request.sessionDurationSeconds;
  if (sessionDurationSeconds !== undefined && input.chained) {
    warnings.push('--console-duration is not used: the federation endpoint refuses a console session duration for role-chained credentials, so the console session ends with the credentials.');
    sessionDurationSeconds = undefined;
  }
  const doFetch: FetchLike = input.fetch ?? ((url, init) => fetch(url, init));
  let answer: Awaited<ReturnType<FetchLike>>;
  let body: string;
  try {
    answer = await doFetch(formatSigninTokenRequest(endpoint, input.credentials, sessionDurationSeconds), {
      signal: AbortSignal.timeout(input.timeoutMs ?? 15_000),
      redirect: 'error',
    });
    body = await answer.text();
  } catch (error) {
    // Deliberately not the cause: fetch errors may quote the request URL, and that URL carries the credentials.
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'it did not answer in time' : describeFetchFailure(error);
    throw new StsctlError('FederationEndpointUnreachable', ExitCode.network, `Could not reach the federation endpoint ${endpoint}: ${reason}.`, {
      hints: [`Check the address (--federation-endpoint or ${federationEndpointVariable}) and the network.`],
    });
  }
  if (!answer.ok) {
    throw new StsctlError('SigninTokenRefused', ExitCode.validation, `The federation endpoint ${endpoint} refused a sign-in token (HTTP ${answer.status}): ${summariseBody(body)}`, {
      hints: ['Credentials from GetSessionToken cannot sign in to the console; role and federated-user credentials can.'],
    });
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new StsctlError('SigninTokenMissing', ExitCode.network, `The federation endpoint ${endpoint} answered without a SigninToken; is it really a federation endpoint?`);
  }
  return {
    url: formatLoginUrl(endpoint, token, destination),
    endpoint,
    destination,
    linkExpiresAt: new Date(input.now.getTime() + signinTokenLifetimeSeconds * 1000),
    ...(sessionDurationSeconds !== undefined ? { sessionDurationSeconds } : {}),
    warnings,
  };
}

function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return 'the request failed';
}

// Error bodies are plain text or HTML; one line of it is enough, and it must not echo anything secret.
function summariseBody(body: string): string {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const line = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return line === '' ? '(no message)' : line.replace(/[A-Za-z0-9+/=_-]{60,}/g, '[redacted]');
}
