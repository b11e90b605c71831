// The credentials cache on disk: one JSON file per key in a private directory. Cached credentials are live secrets,
// so a file is only trusted when nobody else could have read or written it (owned by us, mode 0600, in a directory
// owned by us with mode 0700); anything else is ignored with a warning, never used. Writes go to a unique temporary
// file that is renamed over the entry, so readers and concurrent writers only ever see complete files.
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { maskAccessKeyId } from '../text/mask.js';
import type { AwsCredentials } from '../sts/port.js';

export interface CachedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** ISO 8601. */
  readonly expiration: string;
}

export interface CacheMeta {
  readonly roleArn?: string;
  readonly assumedRoleArn?: string;
  readonly sessionName?: string;
  /** Where the source credentials came from (profile chain, env…), for `cache list`. Never a secret. */
  readonly source?: string;
  readonly region?: string;
  readonly mfa?: boolean;
  readonly packedPolicySize?: number;
  /** ISO 8601. */
  readonly createdAt: string;
}

export interface CacheEntry {
  readonly version: 1;
  readonly operation: string;
  readonly credentials: CachedCredentials;
  readonly meta: CacheMeta;
}

export type ReadCachedResult = { readonly entry: CacheEntry } | { readonly miss: string } | { readonly ignored: string };

export interface WriteCachedResult {
  readonly written: boolean;
  readonly path: string;
  /** Things the user should hear about: a directory whose permissions were tightened, or why nothing was written. */
  readonly warnings: readonly string[];
}

export interface CachedSummary {
  readonly key: string;
  readonly operation: string;
  readonly roleArn?: string;
  readonly assumedRoleArn?: string;
  readonly sessionName?: string;
  readonly source?: string;
  readonly region?: string;
  readonly mfa?: boolean;
  /** Masked: `ASIA…WXYZ`. */
  readonly accessKeyId: string;
  readonly expiration: string;
  readonly createdAt: string;
  /** Negative once expired. */
  readonly remainingMs: number;
  /** `valid`: would be reused; `refresh-due`: inside the reuse margin; `expired`. */
  readonly status: 'valid' | 'refresh-due' | 'expired';
}

/**
 * Who we are, for the ownership check, and the platform, because Windows has no POSIX modes (Node reports 0o666 for
 * every file there), so the mode and owner checks only run elsewhere. Defaults come from the running process.
 */
export interface OwnerOptions {
  readonly uid?: number;
  readonly platform?: NodeJS.Platform;
}

export interface ReadCachedOptions extends OwnerOptions {
  readonly now: Date;
  /** Credentials closer to expiry than this are not reused. Default five minutes. */
  readonly minRemainingMs?: number;
}

export const defaultMinRemainingMs = 5 * 60_000;
const entryFile = /^([0-9a-f]{64})\.json$/;
const tempFile = /^\.[0-9a-f]{64}\.\d+\.[0-9a-f]+\.tmp$/;

/** `${XDG_CACHE_HOME:-$HOME/.cache}/stsctl`. A relative XDG_CACHE_HOME is ignored, as the XDG spec requires. */
export function resolveCacheDir(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && isAbsolutePath(xdg) ? xdg : join(homedir, '.cache');
  return join(base, 'stsctl');
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Builds an entry from STS's answer; the caller supplies `now` so tests control createdAt. */
export function toCacheEntry(input: {
  readonly operation: string;
  readonly credentials: AwsCredentials & { readonly expiration: Date; readonly sessionToken: string };
  readonly meta: Omit<CacheMeta, 'createdAt'>;
  readonly now: Date;
}): CacheEntry {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = input.credentials;
  return {
    version: 1,
    operation: input.operation,
    credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: expiration.toISOString() },
    meta: { ...dropUndefined(input.meta), createdAt: input.now.toISOString() },
  };
}

/** The entry's credentials in the STS port's shape. */
export function credentialsFromEntry(entry: CacheEntry): AwsCredentials & { readonly expiration: Date; readonly sessionToken: string } {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = entry.credentials;
  return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) };
}

/** Looks up `key`: a hit, a miss with the reason, or a file ignored with a warning for the user. */
export async function readCached(dir: string, key: string, options: ReadCachedOptions): Promise<ReadCachedResult> {
  return readCachedSync(dir, key, options);
}

/**
 * readCached without the event loop: a handful of small local reads, done synchronously so the cached `stsctl assume`
 * fast path pays for neither fs/promises nor the thread-pool round trips.
 */
export function readCachedSync(dir: string, key: string, options: ReadCachedOptions): ReadCachedResult {
  assertKey(key);
  const loaded = loadEntry(dir, key, options);
  if (!('entry' in loaded)) return loaded;
  const minRemainingMs = options.minRemainingMs ?? defaultMinRemainingMs;
  const remaining = Date.parse(loaded.entry.credentials.expiration) - options.now.getTime();
  if (remaining <= 0) return { miss: `cached credentials expired ${formatSpan(-remaining)} ago` };
  if (remaining < minRemainingMs) {
    return { miss: `cached credentials expire in ${formatSpan(remaining)}, within the ${formatSpan(minRemainingMs)} refresh margin` };
  }
  return loaded;
}

/**
 * Stores `entry` under `key`. The directory is created 0700; if it already exists with broader permissions and is
 * ours, it is tightened to 0700 and a warning says so (broad permissions there come from a umask or a restored
 * backup, and readers ignore files from a directory others could write to, so fixing it is what the user wants).
 * A directory owned by someone else is not touched and nothing is written. Failures to write (read-only home, full
 * disk) are returned as warnings rather than thrown: the credentials were obtained, only caching them failed.
 */
export async function writeCached(dir: string, key: string, entry: CacheEntry, options: OwnerOptions = {}): Promise<WriteCachedResult> {
  assertKey(key);
  const problem = checkEntryShape(entry);
  if (problem) throw new TypeError(`refusing to cache a malformed entry: ${problem}`);
  const path = join(dir, `${key}.json`);
  const warnings: string[] = [];
  const { uid, posix } = ownerOf(options);

  try {
    // The parents (~/.cache) get the user's usual permissions: they are shared with other programs, not ours.
    await mkdir(dirname(dir), { recursive: true });
    await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const info = await stat(dir);
    if (!info.isDirectory()) return { written: false, path, warnings: [`not caching credentials: ${dir} is not a directory`] };
    if (posix) {
      if (uid !== undefined && info.uid !== uid) {
        return {
          written: false,
          path,
          warnings: [`not caching credentials: the cache directory ${dir} belongs to uid ${info.uid}, not to you (uid ${uid})`],
        };
      }
      const mode = info.mode & 0o777;
      if ((mode & 0o077) !== 0) {
        await chmod(dir, 0o700);
        warnings.push(`the credentials cache directory ${dir} had mode ${octal(mode)}; changed it to 0700 so only you can use it`);
      } else if (mode !== 0o700) {
        // Narrower than 0700: a strict umask applied to the mkdir above. We need to write and list it ourselves.
        await chmod(dir, 0o700);
      }
    }
  } catch (error) {
    return { written: false, path, warnings: [...warnings, `not caching credentials: ${describeFsError(error, dir)}`] };
  }

  // node:crypto is loaded only here, when writing: reading the cache (the fast path) never needs it.
  const { randomBytes } = await import('node:crypto');
  const temp = join(dir, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx` fails rather than follow or reuse anything already at the temporary name; the mode is fixed again with
    // fchmod because the umask can only narrow it and the file should be exactly 0600.
    const handle = await open(temp, 'wx', 0o600);
    try {
      if (posix) await handle.chmod(0o600);
      await handle.writeFile(`${JSON.stringify(entry, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return { written: false, path, warnings: [...warnings, `not caching credentials: ${describeFsError(error, temp)}`] };
  }
  await syncDirectory(dir);
  return { written: true, path, warnings };
}

/** Every entry with what a person may see (masked key id, expiry, role), never secrets; plus files it ignored. */
export async function listCached(
  dir: string,
  now: Date,
  options: OwnerOptions & { readonly minRemainingMs?: number } = {},
): Promise<{ readonly entries: CachedSummary[]; readonly warnings: string[] }> {
  const names = await readdirOrEmpty(dir);
  const entries: CachedSummary[] = [];
  const warnings: string[] = [];
  const minRemainingMs = options.minRemainingMs ?? defaultMinRemainingMs;
  for (const name of names.sort()) {
    const key = entryFile.exec(name)?.[1];
    if (key === undefined) continue;
    const loaded = loadEntry(dir, key, options);
    if ('ignored' in loaded) warnings.push(loaded.ignored);
    if (!('entry' in loaded)) continue;
    const { entry } = loaded;
    const remainingMs = Date.parse(entry.credentials.expiration) - now.getTime();
    entries.push({
      key,
      operation: entry.operation,
      ...pick(entry.meta, ['roleArn', 'assumedRoleArn', 'sessionName', 'source', 'region', 'mfa']),
      accessKeyId: maskAccessKeyId(entry.credentials.accessKeyId),
      expiration: entry.credentials.expiration,
      createdAt: entry.meta.createdAt,
      remainingMs,
      status: remainingMs <= 0 ? 'expired' : remainingMs < minRemainingMs ? 'refresh-due' : 'valid',
    });
  }
  entries.sort((a, b) => Date.parse(a.expiration) - Date.parse(b.expiration) || a.key.localeCompare(b.key));
  return { entries, warnings };
}

/** Removes stsctl's entry and leftover temporary files (nothing else in the directory); returns how many. */
export async function clearCached(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdirOrEmpty(dir)) {
    if (!entryFile.test(name) && !tempFile.test(name)) continue;
    try {
      await unlink(join(dir, name));
      removed += 1;
    } catch (error) {
      // Another process clearing at the same time got there first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

/** Removes one entry (e.g. credentials AWS has since rejected); true when there was one. */
export async function removeCached(dir: string, key: string): Promise<boolean> {
  assertKey(key);
  try {
    await unlink(join(dir, `${key}.json`));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Reads and checks one entry without looking at its expiry. */
function loadEntry(dir: string, key: string, options: OwnerOptions): ReadCachedResult {
  const { uid, posix } = ownerOf(options);
  const path = join(dir, `${key}.json`);
  const ignore = (why: string): ReadCachedResult => ({ ignored: `ignoring cached credentials ${path}: ${why}` });

  let dirInfo: Stats;
  try {
    dirInfo = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { miss: 'nothing cached yet' };
    return ignore(describeFsError(error, dir));
  }
  if (!dirInfo.isDirectory()) return ignore(`${dir} is not a directory`);
  if (posix) {
    const problem = checkPrivate(dirInfo, 0o700, uid);
    if (problem) return ignore(`the directory ${dir} ${problem}`);
  }

  let text: string;
  try {
    // O_NOFOLLOW: a symbolic link here was not written by stsctl. Checking the opened descriptor (not the path)
    // leaves no window for the file to be swapped between the check and the read.
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return ignore('it is not a regular file');
      if (posix) {
        const problem = checkPrivate(info, 0o600, uid);
        if (problem) return ignore(`the file ${problem}`);
      }
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { miss: 'not cached' };
    if (code === 'ELOOP') return ignore('it is a symbolic link');
    return ignore(describeFsError(error, path));
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return ignore(`it is not valid JSON (${(error as Error).message}); it will be replaced on the next write`);
  }
  if (isObject(value) && typeof value['version'] === 'number' && value['version'] !== 1) {
    return { miss: `the cached entry has format version ${value['version']}, written by a different stsctl` };
  }
  const problem = checkEntryShape(value);
  if (problem) return ignore(`it does not look like a stsctl cache entry (${problem})`);
  return { entry: value as CacheEntry };
}

/** What makes `info` less private than `mode` (0600 or 0700) or not ours, in words; undefined when fine. */
function checkPrivate(info: Stats, mode: number, uid: number | undefined): string | undefined {
  if (uid !== undefined && info.uid !== uid) return `belongs to uid ${info.uid}, not to you (uid ${uid})`;
  const actual = info.mode & 0o777;
  if ((actual & 0o077) !== 0) return `has mode ${octal(actual)}; stsctl only trusts ${octal(mode)}, since others could read or change it`;
  return undefined;
}

function checkEntryShape(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (value['version'] !== 1) return 'version is not 1';
  if (!isNonEmptyString(value['operation'])) return 'operation is missing';
  const credentials = value['credentials'];
  if (!isObject(credentials)) return 'credentials are missing';
  for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']) {
    if (!isNonEmptyString(credentials[field])) return `credentials.${field} is missing`;
  }
  if (Number.isNaN(Date.parse(credentials['expiration'] as string))) return 'credentials.expiration is not a date';
  const meta = value['meta'];
  if (!isObject(meta)) return 'meta is missing';
  if (!isNonEmptyString(meta['createdAt'])) return 'meta.createdAt is missing';
  for (const field of ['roleArn', 'assumedRoleArn', 'sessionName', 'source', 'region']) {
    if (meta[field] !== undefined && typeof meta[field] !== 'string') return `meta.${field} is not a string`;
  }
  if (meta['mfa'] !== undefined && typeof meta['mfa'] !== 'boolean') return 'meta.mfa is not a boolean';
  if (meta['packedPolicySize'] !== undefined && typeof meta['packedPolicySize'] !== 'number') return 'meta.packedPolicySize is not a number';
  return undefined;
}

function ownerOf(options: OwnerOptions): { uid: number | undefined; posix: boolean } {
  const platform = options.platform ?? process.platform;
  return { uid: options.uid ?? process.getuid?.(), posix: platform !== 'win32' };
}

function assertKey(key: string): void {
  // Keys come from cacheKey; anything else could name a path outside the cache directory.
  if (!/^[0-9a-f]{64}$/.test(key)) throw new TypeError(`not a cache key: ${JSON.stringify(key)}`);
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

// Makes the rename itself durable. Not possible on every platform (Windows cannot open a directory), and the entry
// is only a cache, so failure is ignored.
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOSPC' ? 'no space left on device' : (error as Error).message;
  return `${path}: ${reason}`;
}

function formatSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
