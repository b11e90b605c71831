// The local STS emulator: an HTTP server on 127.0.0.1 speaking STS's Query protocol with SigV4 authentication,
// plus a simulated EC2 endpoint and console-federation stand-in. Tests start one per suite (ephemeral port) and
// drive faults through the returned handle.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInvalidAction, findActionHandler } from './actions.js';
import { AuthorizationMessages, type EncodedMessageOptions } from './authorization-messages.js';
import { demo, type DemoPrincipalName } from './demo.js';
import { FaultState, type Faults } from './faults.js';
import { FederationEndpoint } from './federation.js';
import { findRole } from './policy.js';
import { CredentialStore, describeIdentity, type Caller, type IssuedSession, type SessionSource } from './principals.js';
import { RequestLog, type LoggedService, type RequestLogEntry } from './request-log.js';
import { checkRequestTime, parseSigV4, verifySignature, type SignableRequest, type SigV4Auth } from './sigv4.js';
import { StsError, formatRegionDisabled, stsMessages } from './sts-errors.js';
import { renderEc2Error, renderStsError, renderStsResponse } from './xml.js';

export const STS_API_VERSION = '2011-06-15';
const MAX_BODY_BYTES = 1024 * 1024;

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The real clock in ms; fault clockSkewMs is added on top. Default Date.now. */
  readonly now?: () => number;
}

export interface IssueSessionOptions {
  /** The long-term principal the session derives from; default 'alice'. */
  readonly principal?: DemoPrincipalName;
  /** Role-session credentials, as AssumeRole would return for this demo role ARN. */
  readonly roleArn?: string;
  /** Session name for role credentials; default 'emulator-session'. */
  readonly roleSessionName?: string;
  /** Federated-user credentials, as GetFederationToken would return for this name. */
  readonly federatedName?: string;
  /** aws:MultiFactorAuthPresent for calls made with the credentials; default false. */
  readonly mfa?: boolean;
  /** Mark role credentials as obtained by role chaining; default false. */
  readonly chained?: boolean;
  readonly sourceIdentity?: string;
  /** Lifetime from the emulator's now, in seconds; default 3600. Negative values give expired credentials. */
  readonly durationSeconds?: number;
  /** Absolute expiry (Date or ms since epoch); wins over durationSeconds. */
  readonly expiration?: Date | number;
  /** Shorthand for credentials that expired a minute ago. */
  readonly expired?: boolean;
}

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface Emulator {
  /** http://127.0.0.1:PORT — use as AWS_ENDPOINT_URL_STS or the SDK's endpoint. */
  readonly url: string;
  readonly port: number;
  /** `${url}/federation`: the console sign-in stand-in. */
  readonly federationUrl: string;
  /** `${url}/ec2`: a simulated EC2 endpoint that refuses RunInstances with an encoded message. */
  readonly ec2Url: string;
  /** Every request seen, including rejected ones, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** Number of logged requests, optionally only those with this Action. */
  requestCount(action?: string): number;
  clearRequests(): void;
  /** Merges faults into the current set (a key set to undefined removes that fault). */
  setFaults(faults: Faults): void;
  clearFaults(): void;
  /** The emulator's clock (real clock + clockSkewMs). */
  now(): number;
  /** Mints temporary credentials directly (expired ones, role or federated sessions) without an STS call. */
  issueSession(options?: IssueSessionOptions): IssuedCredentials;
  /** An opaque encoded authorization message that DecodeAuthorizationMessage on this emulator decodes. */
  issueEncodedMessage(options: EncodedMessageOptions): string;
  /** Every issued session with how it was obtained (principal, source, MFA, chaining, expiry). */
  sessions(): readonly IssuedSession[];
  /** Every secret access key, session token and console sign-in token the emulator knows or has issued. */
  secrets(): string[];
  close(): Promise<void>;
}

interface RequestFrame {
  readonly service: LoggedService;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  action?: string;
  accessKeyId?: string;
  region?: string;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StsError(413, 'RequestEntityTooLarge', 'Request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function collectHeaders(req: IncomingMessage): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(req.rawHeaders[i + 1] ?? '');
    headers.set(name, list);
  }
  return headers;
}

function collectParams(rawQuery: string, req: IncomingMessage, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(rawQuery);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length > 0 && (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export class EmulatorCore {
  readonly log = new RequestLog();
  readonly store = new CredentialStore();
  readonly messages = new AuthorizationMessages();
  readonly federation = new FederationEndpoint(this.store);
  readonly faults: FaultState;

  constructor(private readonly realNow: () => number) {
    this.faults = new FaultState(realNow);
  }

  now(): number {
    return this.realNow() + this.faults.clockSkewMs;
  }

  issueSession(options: IssueSessionOptions): IssuedCredentials {
    const principal = demo.principals[options.principal ?? 'alice'];
    if (!principal) throw new Error(`unknown demo principal: ${String(options.principal)}`);
    const role = options.roleArn === undefined ? undefined : findRole(options.roleArn);
    if (options.roleArn !== undefined && !role) throw new Error(`unknown demo role: ${options.roleArn}`);
    const now = this.now();
    const expiration = options.expired
      ? now - 60_000
      : options.expiration !== undefined
        ? new Date(options.expiration).getTime()
        : now + (options.durationSeconds ?? 3600) * 1000;
    const source: SessionSource = role ? 'role' : options.federatedName !== undefined ? 'federation' : 'session-token';
    const session = this.store.mint({
      issuedAt: now,
      expiration,
      source,
      principal,
      ...(role ? { role, roleSessionName: options.roleSessionName ?? 'emulator-session' } : {}),
      ...(source === 'federation' && options.federatedName !== undefined ? { federatedName: options.federatedName } : {}),
      mfaAuthenticated: options.mfa ?? false,
      chained: options.chained ?? false,
      ...(options.sourceIdentity === undefined ? {} : { sourceIdentity: options.sourceIdentity }),
    });
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: new Date(session.expiration),
    };
  }

  /** Resolves the SigV4 credentials of a request to a caller, with AWS's errors for every way that can fail. */
  authenticate(request: SignableRequest, service: string, frame: RequestFrame): { caller: Caller; auth: SigV4Auth } {
    const auth = parseSigV4(request);
    if (!auth) throw new StsError(403, 'MissingAuthenticationToken', stsMessages.missingAuthenticationToken);
    frame.accessKeyId = auth.accessKeyId;
    frame.region = auth.region;
    const longTerm = this.store.findLongTerm(auth.accessKeyId);
    const session = longTerm ? undefined : this.store.findSession(auth.accessKeyId);
    const invalid = new StsError(403, 'InvalidClientTokenId', stsMessages.invalidClientTokenId);
    if (!longTerm && !session) throw invalid;
    // The demo principals live in the 'aws' partition; their keys mean nothing to aws-cn or aws-us-gov.
    if (auth.region.startsWith('cn-') || auth.region.startsWith('us-gov-')) throw invalid;
    // Long-term keys must come without a token, session keys with exactly their own.
    if (longTerm && auth.sessionToken !== undefined) throw invalid;
    if (session && auth.sessionToken !== session.sessionToken) throw invalid;
    if (auth.service !== service) {
      throw new StsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'. `);
    }
    const now = this.now();
    checkRequestTime(auth, now);
    verifySignature(request, auth, longTerm ? longTerm.secretAccessKey : (session?.secretAccessKey ?? ''));
    if (session && session.expiration <= now) throw new StsError(403, 'ExpiredToken', stsMessages.expiredToken);
    const principal = longTerm ?? session?.principal;
    if (!principal) throw invalid;
    return {
      caller: {
        accessKeyId: auth.accessKeyId,
        principal,
        ...(session ? { session } : {}),
        identity: describeIdentity(principal, session),
      },
      auth,
    };
  }
}

function writeResponse(
  core: EmulatorCore,
  res: ServerResponse,
  status: number,
  body: string,
  requestId: string,
  contentType = 'text/xml',
): void {
  res.writeHead(status, {
    'x-amzn-RequestId': requestId,
    Date: new Date(core.now()).toUTCString(),
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The simulated EC2 endpoint knows one answer: RunInstances is refused with an encoded authorization message,
 * so "denied → decode → explain" can be exercised end to end. Always throws.
 */
function answerEc2(core: EmulatorCore, caller: Caller, auth: SigV4Auth, params: URLSearchParams): never {
  const action = params.get('Action') ?? '';
  if (action !== 'RunInstances') {
    throw new StsError(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  const message = core.messages.encode({
    principalArn: caller.identity.arn,
    action: 'ec2:RunInstances',
    resource: `arn:aws:ec2:${auth.region}:${caller.identity.accountId}:instance/*`,
    conditions: {
      'ec2:Region': auth.region,
      'ec2:InstanceType': params.get('InstanceType') ?? 't3.micro',
      'aws:RequestedRegion': auth.region,
    },
  });
  throw new StsError(403, 'UnauthorizedOperation', `${stsMessages.ec2Unauthorized}${message}`);
}

async function handleQueryRequest(
  core: EmulatorCore,
  res: ServerResponse,
  frame: RequestFrame,
  request: SignableRequest,
  params: URLSearchParams,
): Promise<{ status: number; errorCode?: string }> {
  try {
    const serverError = core.faults.takeServerError();
    if (serverError === 503) throw new StsError(503, 'ServiceUnavailable', stsMessages.serviceUnavailable);
    if (serverError === 500) throw new StsError(500, 'InternalFailure', stsMessages.internalFailure);
    if (!core.faults.takeThrottleToken()) throw new StsError(400, 'Throttling', stsMessages.throttling);
    const { caller, auth } = core.authenticate(request, frame.service, frame);
    if (frame.service === 'ec2') answerEc2(core, caller, auth, params);
    if (core.faults.isRegionDisabled(auth.region)) {
      throw new StsError(403, 'RegionDisabledException', formatRegionDisabled(caller.identity.accountId));
    }
    const action = params.get('Action');
    if (action === null || action === '') throw new StsError(400, 'MissingAction', 'Missing Action');
    const version = params.get('Version') ?? '';
    const handler = version === STS_API_VERSION ? findActionHandler(action) : undefined;
    if (!handler) throw createInvalidAction(action, version);
    const result = handler({
      caller,
      params,
      now: core.now(),
      region: auth.region,
      store: core.store,
      messages: core.messages,
    });
    writeResponse(core, res, 200, renderStsResponse(action, result, frame.requestId), frame.requestId);
    return { status: 200 };
  } catch (error) {
    let stsError =
      error instanceof StsError ? error : new StsError(500, 'InternalFailure', stsMessages.internalFailure);
    if (frame.service === 'ec2' && stsError.code === 'InvalidClientTokenId') {
      stsError = new StsError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    }
    const body =
      frame.service === 'ec2'
        ? renderEc2Error(stsError.code, stsError.message, frame.requestId)
        : renderStsError(stsError, frame.requestId);
    writeResponse(core, res, stsError.status, body, frame.requestId);
    return { status: stsError.status, errorCode: stsError.code };
  }
}

async function handleRequest(core: EmulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = core.now();
  const rawUrl = req.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  const service: LoggedService = rawPath === '/federation' ? 'federation' : rawPath === '/ec2' ? 'ec2' : 'sts';
  const frame: RequestFrame = { service, requestId: randomUUID(), method: req.method ?? 'GET', path: rawPath };
  const record = (status: number, errorCode?: string): void => {
    const entry: RequestLogEntry = {
      time: arrived,
      service,
      method: frame.method,
      path: rawPath,
      ...(frame.action === undefined ? {} : { action: frame.action }),
      ...(frame.accessKeyId === undefined ? {} : { accessKeyId: frame.accessKeyId }),
      ...(frame.region === undefined ? {} : { region: frame.region }),
      status,
      ...(errorCode === undefined ? {} : { errorCode }),
    };
    core.log.record(entry);
  };

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    record(413, 'RequestEntityTooLarge');
    return;
  }
  const params = collectParams(rawQuery, req, body);
  frame.action = params.get('Action') ?? undefined;

  if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
  if (core.faults.takeConnectionReset()) {
    record(0, 'ConnectionReset');
    req.socket.destroy();
    return;
  }
  if (service === 'federation') {
    const answer = core.federation.handle(params, core.now());
    res.writeHead(answer.status, {
      Date: new Date(core.now()).toUTCString(),
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
      ...(answer.location === undefined ? {} : { Location: answer.location }),
    });
    res.end(answer.body);
    record(answer.status, answer.status >= 400 ? 'FederationError' : undefined);
    return;
  }
  if (rawPath !== '/' && rawPath !== '/ec2') {
    writeResponse(core, res, 404, 'Not Found\n', frame.requestId, 'text/plain');
    record(404, 'NotFound');
    return;
  }
  const request: SignableRequest = { method: frame.method, rawPath, rawQuery, headers: collectHeaders(req), body };
  const outcome = await handleQueryRequest(core, res, frame, request, params);
  record(outcome.status, outcome.errorCode);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const core = new EmulatorCore(options.now ?? Date.now);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handleRequest(core, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    federationUrl: `${url}/federation`,
    ec2Url: `${url}/ec2`,
    requests: core.log.entries,
    requestCount: (action) => core.log.count(action),
    clearRequests: () => core.log.clear(),
    setFaults: (faults) => core.faults.set(faults),
    clearFaults: () => core.faults.clear(),
    now: () => core.now(),
    issueSession: (issueOptions = {}) => core.issueSession(issueOptions),
    issueEncodedMessage: (messageOptions) => core.messages.encode(messageOptions),
    sessions: () => core.store.listSessions(),
    secrets: () => [...core.store.listSecrets(), ...core.federation.listTokens()],
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from SDK clients would otherwise hold the server (and the test process) open.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
