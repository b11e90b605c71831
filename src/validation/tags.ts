// Session tags (`--tag Key=Value`) and transitive tag keys, with STS's limits: a tag key is 1–128 and a value 0–256
// characters of letters, numbers, spaces and _ . : / = + - @, at most 50 tags, keys unique ignoring case.
import type { Tag } from '../sts/port.js';
import { UsageError } from '../errors.js';
import { characters, describeBadCharacters, showValue } from './describe.js';

export const maxSessionTags = 50;
const tagCharacter = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;
const tagAlphabet = 'letters, numbers, spaces and _ . : / = + - @';

/** `Key=Value` → Tag. The first `=` separates key and value, so values may contain `=` and keys may not. */
export function parseTag(text: string, flag = '--tag'): Tag {
  const eq = text.indexOf('=');
  if (eq < 0) {
    throw new UsageError(`${flag} ${showValue(text)} has no "=": write tags as Key=Value (Key= for an empty value)`, {
      code: 'InvalidTag',
    });
  }
  const key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  const fail = (problem: string): never => {
    throw new UsageError(`${flag} ${showValue(text)}: ${problem}`, { code: 'InvalidTag' });
  };
  if (key.length === 0) fail('the key is empty; tag keys are 1–128 characters');
  if (key.length > 128) fail(`the key is ${characters(key.length)}; tag keys are 1–128 characters`);
  if (value.length > 256) fail(`the value is ${characters(value.length)}; tag values are 0–256 characters`);
  const badKey = describeBadCharacters(key, tagCharacter);
  if (badKey) fail(`the key contains ${badKey}; tag keys and values use ${tagAlphabet}`);
  const badValue = describeBadCharacters(value, tagCharacter);
  if (badValue) fail(`the value contains ${badValue}; tag keys and values use ${tagAlphabet}`);
  if (/^aws:/i.test(key)) fail('keys starting with aws: are reserved for AWS');
  return { key, value };
}

/** Parses every --tag, then checks the count and that no key repeats (STS compares session tag keys ignoring case). */
export function parseTags(texts: readonly string[], flag = '--tag'): Tag[] {
  if (texts.length > maxSessionTags) {
    throw new UsageError(`${flag} was given ${texts.length} times: STS accepts at most ${maxSessionTags} session tags`, {
      code: 'TooManyTags',
    });
  }
  const tags = texts.map((text) => parseTag(text, flag));
  const seen = new Map<string, string>();
  for (const { key } of tags) {
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      const same = earlier === key ? `${showValue(key)} is given twice` : `${showValue(earlier)} and ${showValue(key)} differ only in case`;
      throw new UsageError(`${flag}: ${same}; session tag keys must be unique, ignoring case`, { code: 'DuplicateTag' });
    }
    seen.set(key.toLowerCase(), key);
  }
  return tags;
}

/**
 * Transitive tag keys must each name one of this session's tags (compared ignoring case, as STS does); returns the
 * keys spelled as in the tags.
 */
export function validateTransitiveTagKeys(keys: readonly string[], tags: readonly Tag[], flag = '--transitive-tag-key'): string[] {
  if (keys.length > maxSessionTags) {
    throw new UsageError(`${flag} was given ${keys.length} times: STS accepts at most ${maxSessionTags} transitive tag keys`, {
      code: 'TooManyTags',
    });
  }
  return keys.map((key) => {
    const tag = tags.find((candidate) => candidate.key.toLowerCase() === key.toLowerCase());
    if (tag) return tag.key;
    const known = tags.length === 0 ? 'no --tag was given' : `the tags are ${tags.map((t) => showValue(t.key)).join(', ')}`;
    throw new UsageError(`${flag} ${showValue(key)} is not one of this session's tags (${known}): a transitive key must also be passed with --tag ${key}=VALUE`, {
      code: 'UnknownTransitiveTagKey',
    });
  });
}
