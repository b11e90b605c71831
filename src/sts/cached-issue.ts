// Credentials from STS through the on-disk cache, for any operation that issues them (AssumeRole, GetSessionToken,
// GetFederationToken): look the key up, reuse a valid entry without any call, else issue fresh credentials and store
// them. The key is computed by the caller from configuration alone, so a cache hit never loads the AWS SDK.
import {
  cacheKey,
  credentialsFromEntry,
  readCached,
  toCacheEntry,
  writeCached,
  type CacheMeta,
} from '../cache/index.js';
import type { AwsCredentials } from './port.js';

export type IssuedCredentialValues = AwsCredentials & { readonly expiration: Date; readonly sessionToken: string };

/**
 * What an operation stores besides the credentials. The cache keeps any extra JSON fields as written, so an
 * operation may carry more than CacheMeta names (e.g. the assumed role id) and read them back.
 */
export type IssueMeta = Omit<CacheMeta, 'createdAt'> & Readonly<Record<string, string | number | boolean | undefined>>;

export interface Issued<M extends IssueMeta> {
  readonly credentials: IssuedCredentialValues;
  readonly meta: M;
}

export interface CachedIssueRequest<M extends IssueMeta> {
  /** The STS operation, stored with the entry and checked on the way back. */
  readonly operation: string;
  /** Everything that changes the credentials (see cache/cache-key.ts). */
  readonly keyParts: Readonly<Record<string, unknown>>;
  /** false for --no-cache: neither read nor write. */
  readonly useCache: boolean;
  readonly cacheDir: string;
  readonly now: () => Date;
  /**
   * Says why a valid entry stored under the key should not be reused (undefined: reuse it). For keys that leave out
   * a setting on purpose, e.g. GetSessionToken's, keyed by source and MFA device only so that `assume` can find the
   * session whatever duration it was asked for.
   */
  readonly reusable?: (meta: M) => string | undefined;
  /** Calls STS; only run on a miss. */
  readonly issue: () => Promise<Issued<M>>;
  readonly warn: (line: string) => void;
  readonly debug: (line: string) => void;
}

export interface CachedIssueResult<M extends IssueMeta> extends Issued<M> {
  readonly cacheHit: boolean;
  readonly cacheKey: string;
}

/** The key's first 12 hex digits: enough to tell entries apart in messages, and it names no secret anyway. */
export function shortKey(key: string): string {
  return `${key.slice(0, 12)}…`;
}

export async function issueWithCache<M extends IssueMeta>(request: CachedIssueRequest<M>): Promise<CachedIssueResult<M>> {
  const key = cacheKey(request.keyParts);
  if (request.useCache) {
    const found = await readCached(request.cacheDir, key, { now: request.now() });
    if ('entry' in found && found.entry.operation === request.operation) {
      const { createdAt: _createdAt, ...meta } = found.entry.meta;
      const refused = request.reusable?.(meta as unknown as M);
      if (refused === undefined) {
        request.debug(`cache hit ${shortKey(key)} (${request.operation}, expires ${found.entry.credentials.expiration})`);
        return { credentials: credentialsFromEntry(found.entry), meta: meta as unknown as M, cacheHit: true, cacheKey: key };
      }
      request.debug(`cache entry ${shortKey(key)} not reused: ${refused}`);
    }
    if ('ignored' in found) request.warn(found.ignored);
    else if ('miss' in found) request.debug(`cache miss ${shortKey(key)}: ${found.miss}`);
  } else {
    request.debug('cache bypassed (--no-cache)');
  }

  const issued = await request.issue();
  if (request.useCache) {
    const entry = toCacheEntry({ operation: request.operation, credentials: issued.credentials, meta: issued.meta, now: request.now() });
    const written = await writeCached(request.cacheDir, key, entry);
    for (const warning of written.warnings) request.warn(warning);
    if (written.written) request.debug(`cached as ${shortKey(key)} until ${issued.credentials.expiration.toISOString()}`);
  }
  return { ...issued, cacheHit: false, cacheKey: key };
}

/** What every issuing command's --json result carries alike: the expiry, how the cache was used, the credentials. */
export interface IssuedResultParts {
  readonly expiration: string;
  readonly cache: { readonly hit: boolean; readonly key: string; readonly dir: string };
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly expiration: string;
  };
}

export function describeIssued(issued: Pick<CachedIssueResult<IssueMeta>, 'credentials' | 'cacheHit' | 'cacheKey'>, cacheDir: string): IssuedResultParts {
  const { credentials } = issued;
  const expiration = credentials.expiration.toISOString();
  return {
    expiration,
    cache: { hit: issued.cacheHit, key: shortKey(issued.cacheKey), dir: cacheDir },
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration,
    },
  };
}
