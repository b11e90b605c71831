// The cache key: a hash of everything that changes the credentials STS would return. Equal inputs must give equal
// keys across runs and machines, so the JSON is canonical (sorted keys, no undefined) before hashing.
// Not node:crypto: loading it costs a cached `stsctl assume` more start-up time than the whole lookup (sha256.ts).
import { sha256Hex } from './sha256.js';

// Bumping this invalidates every existing entry, for when the meaning of the parts changes.
const keyDomain = 'stsctl-cache-key-v1';

/**
 * sha256 hex over the canonical JSON of `parts`. The caller chooses the parts (operation, source identity, role ARN,
 * session name, external id, policy, policy ARNs, tags, MFA serial, duration, region/partition…); an undefined part
 * is the same as a missing one, so optional settings do not change keys when unset. Arrays keep their order: sort
 * them first where order does not matter to STS.
 */
export function cacheKey(parts: Readonly<Record<string, unknown>>): string {
  return sha256Hex(`${keyDomain}\n${canonicalJson(parts)}`);
}

/** JSON with object keys sorted at every level, undefined members dropped and Dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('cache key part is an invalid Date');
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cache key part is not a finite number: ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const prototype = Object.getPrototypeOf(value) as unknown;
      // Maps, Sets and class instances have no canonical JSON form; silently hashing them as {} would merge keys.
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError('cache key parts must be plain objects, arrays, strings, numbers, booleans, null or Dates');
      }
      const members = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`cache key part of type ${typeof value} cannot be hashed`);
  }
}
