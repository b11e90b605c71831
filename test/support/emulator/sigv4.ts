// Signature Version 4, written from AWS's published algorithm (canonical request → string to sign → derived
// signing key → HMAC) with node:crypto only. The emulator verifies with it; tests sign hand-made requests with it
// (wrong secrets, skewed clocks) that the SDK would never produce.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { StsError, stsMessages } from './sts-errors.js';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS accepts a request time at most this far from its own clock, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** What a request looks like to the verifier: raw path and query as sent, headers with lower-case names. */
export interface SignableRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  /** Lower-case name → values in arrival order (duplicates are joined with ',' when canonicalised). */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: Buffer;
}

export interface SigV4Auth {
  readonly location: 'header' | 'query';
  readonly accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** ISO 8601 basic request time, e.g. 20261121T103000Z. */
  readonly amzDate: string;
  readonly sessionToken?: string;
  /** X-Amz-Expires of a presigned URL, in seconds. */
  readonly expiresSeconds?: number;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is encoded. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Query pairs decoded once, in order. '+' stays '+': SigV4 clients percent-encode spaces. */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return [decodeComponent(key), decodeComponent(value)];
    });
}

function buildCanonicalQuery(rawQuery: string, dropSignature: boolean): string {
  return parseRawQuery(rawQuery)
    .filter(([key]) => !(dropSignature && key === 'X-Amz-Signature'))
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Non-S3 services normalise the path and encode each segment of the (already encoded) path once more. */
function buildCanonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.map(encodeRfc3986).join('/')}${trailing}`;
}

function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

/**
 * The payload hashes a client may have signed: the x-amz-content-sha256 header when it sent one, else the body's
 * hash; presigned URLs may also say UNSIGNED-PAYLOAD.
 */
export function listPayloadHashes(request: SignableRequest, auth: Pick<SigV4Auth, 'location'>): string[] {
  const declared = request.headers.get('x-amz-content-sha256')?.[0];
  const hashes = [declared ?? sha256Hex(request.body)];
  if (auth.location === 'query') hashes.push('UNSIGNED-PAYLOAD');
  return hashes;
}

export function buildCanonicalRequest(
  request: SignableRequest,
  auth: Pick<SigV4Auth, 'signedHeaders' | 'location'>,
  payloadHash: string = sha256Hex(request.body),
): string {
  const headerLines = auth.signedHeaders
    .map((name) => `${name}:${canonicalHeaderValue(request.headers.get(name) ?? [])}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    buildCanonicalPath(request.rawPath),
    buildCanonicalQuery(request.rawQuery, auth.location === 'query'),
    headerLines,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export function deriveSigningKey(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, scopeDate);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

export function computeSignature(
  request: SignableRequest,
  auth: Omit<SigV4Auth, 'signature' | 'accessKeyId'>,
  secretAccessKey: string,
  payloadHash?: string,
): string {
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const canonical = buildCanonicalRequest(request, auth, payloadHash);
  const stringToSign = [SIGV4_ALGORITHM, auth.amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = deriveSigningKey(secretAccessKey, auth.scopeDate, auth.region, auth.service);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

function firstHeader(request: SignableRequest, name: string): string | undefined {
  return request.headers.get(name)?.[0];
}

function parseCredentialScope(credential: string): Pick<SigV4Auth, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw new StsError(
      400,
      'IncompleteSignature',
      `Credential should be scoped to a valid region, not '${parts[2] ?? ''}'. Credential should be scoped with a valid terminator: 'aws4_request', not '${parts[4] ?? ''}'. `,
    );
  }
  const [accessKeyId = '', scopeDate = '', region = '', service = ''] = parts;
  return { accessKeyId, scopeDate, region, service };
}

/**
 * Finds the SigV4 parameters in the Authorization header or, for presigned URLs, the query string.
 * Returns undefined when the request carries no authentication at all.
 */
export function parseSigV4(request: SignableRequest): SigV4Auth | undefined {
  const authorization = firstHeader(request, 'authorization');
  if (authorization !== undefined) {
    const space = authorization.indexOf(' ');
    const algorithm = space === -1 ? authorization : authorization.slice(0, space);
    if (algorithm !== SIGV4_ALGORITHM) {
      throw new StsError(400, 'IncompleteSignature', `Unsupported AWS 'algorithm': '${algorithm}'`);
    }
    const fields = new Map<string, string>();
    for (const part of authorization.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq !== -1) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((f) => !fields.has(f));
    const amzDate = firstHeader(request, 'x-amz-date') ?? firstHeader(request, 'date');
    const problems = missing.map((f) => `Authorization header requires '${f}' parameter.`);
    if (amzDate === undefined) problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    if (problems.length > 0) {
      throw new StsError(400, 'IncompleteSignature', `${problems.join(' ')} Authorization=${authorization}`);
    }
    const sessionToken = firstHeader(request, 'x-amz-security-token');
    return {
      location: 'header',
      ...parseCredentialScope(fields.get('Credential') ?? ''),
      signedHeaders: (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h !== ''),
      signature: fields.get('Signature') ?? '',
      amzDate: amzDate ?? '',
      ...(sessionToken === undefined ? {} : { sessionToken }),
    };
  }
  const query = new Map(parseRawQuery(request.rawQuery));
  if (!query.has('X-Amz-Algorithm') && !query.has('X-Amz-Credential') && !query.has('X-Amz-Signature')) return undefined;
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  const missing = required.filter((p) => !query.has(p));
  if (missing.length > 0) {
    throw new StsError(400, 'IncompleteSignature', missing.map((p) => `AWS query-string parameters must include '${p}'.`).join(' '));
  }
  const sessionToken = query.get('X-Amz-Security-Token');
  const expires = query.get('X-Amz-Expires');
  return {
    location: 'query',
    ...parseCredentialScope(query.get('X-Amz-Credential') ?? ''),
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter((h) => h !== ''),
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate: query.get('X-Amz-Date') ?? '',
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(expires === undefined ? {} : { expiresSeconds: Number(expires) }),
  };
}

/**
 * Checks the request time against the verifier's clock with AWS's 15-minute window and AWS's wording.
 * Throws SignatureDoesNotMatch ("Signature expired…" / "Signature not yet current…").
 */
export function checkRequestTime(auth: SigV4Auth, nowMs: number): void {
  const requestMs = parseAmzDate(auth.amzDate);
  if (requestMs === undefined) {
    throw new StsError(400, 'IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${auth.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const now = formatAmzDate(nowMs);
  if (requestMs < nowMs - MAX_CLOCK_SKEW_MS) {
    const edge = formatAmzDate(nowMs - MAX_CLOCK_SKEW_MS);
    throw new StsError(403, 'SignatureDoesNotMatch', `Signature expired: ${auth.amzDate} is now earlier than ${edge} (${now} - 15 min.)`);
  }
  if (requestMs > nowMs + MAX_CLOCK_SKEW_MS) {
    const edge = formatAmzDate(nowMs + MAX_CLOCK_SKEW_MS);
    throw new StsError(403, 'SignatureDoesNotMatch', `Signature not yet current: ${auth.amzDate} is still later than ${edge} (${now} + 15 min.)`);
  }
  if (auth.location === 'query' && auth.expiresSeconds !== undefined && nowMs > requestMs + auth.expiresSeconds * 1000) {
    throw new StsError(403, 'AccessDenied', 'Request has expired');
  }
  if (auth.amzDate.slice(0, 8) !== auth.scopeDate) {
    throw new StsError(
      403,
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
    );
  }
}

/** Throws SignatureDoesNotMatch unless the signature was made with `secretAccessKey`. */
export function verifySignature(request: SignableRequest, auth: SigV4Auth, secretAccessKey: string): void {
  if (!auth.signedHeaders.includes('host')) {
    throw new StsError(403, 'SignatureDoesNotMatch', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const given = Buffer.from(auth.signature, 'utf8');
  const matches = listPayloadHashes(request, auth).some((payloadHash) => {
    const expected = Buffer.from(computeSignature(request, auth, secretAccessKey, payloadHash), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) throw new StsError(403, 'SignatureDoesNotMatch', stsMessages.signatureDoesNotMatch);
}

export interface SignRequestOptions {
  /** Full URL, e.g. `${emulator.url}/`. */
  readonly url: string;
  readonly method?: 'POST' | 'GET';
  /** Form parameters: the POST body, or the query string for GET. */
  readonly params: Readonly<Record<string, string>>;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  readonly region?: string;
  readonly service?: string;
  /** Signing time in ms; default Date.now(). */
  readonly time?: number;
}

export interface SignedRequest {
  readonly url: string;
  readonly method: 'POST' | 'GET';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Signs a Query-protocol request the way an SDK would; ready for fetch(url, { method, headers, body }). */
export function signRequest(options: SignRequestOptions): SignedRequest {
  const method = options.method ?? 'POST';
  const url = new URL(options.url);
  const form = new URLSearchParams(options.params).toString().replace(/\+/g, '%20');
  const rawQuery = method === 'GET' ? form : url.search.replace(/^\?/, '');
  const body = method === 'POST' ? form : '';
  const amzDate = formatAmzDate(options.time ?? Date.now());
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate };
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  if (options.credentials.sessionToken !== undefined) headers['x-amz-security-token'] = options.credentials.sessionToken;
  const signedHeaders = Object.keys(headers).sort();
  const auth = {
    location: 'header' as const,
    scopeDate: amzDate.slice(0, 8),
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'sts',
    signedHeaders,
    amzDate,
  };
  const signable: SignableRequest = {
    method,
    rawPath: url.pathname,
    rawQuery,
    headers: new Map(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: Buffer.from(body, 'utf8'),
  };
  const signature = computeSignature(signable, auth, options.credentials.secretAccessKey);
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const { host: _host, ...sendHeaders } = headers;
  sendHeaders.authorization = `${SIGV4_ALGORITHM} Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  const finalUrl = `${url.origin}${url.pathname}${rawQuery === '' ? '' : `?${rawQuery}`}`;
  return { url: finalUrl, method, headers: sendHeaders, ...(method === 'POST' ? { body } : {}) };
}
