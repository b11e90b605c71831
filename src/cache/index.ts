// Public surface of the credentials cache.
export { cacheKey, canonicalJson } from './cache-key.js';
export {
  type CacheEntry,
  type CacheMeta,
  type CachedCredentials,
  type CachedSummary,
  type OwnerOptions,
  type ReadCachedOptions,
  type ReadCachedResult,
  type WriteCachedResult,
  defaultMinRemainingMs,
  resolveCacheDir,
  toCacheEntry,
  credentialsFromEntry,
  readCached,
  readCachedSync,
  writeCached,
  listCached,
  clearCached,
  removeCached,
} from './cache-store.js';
