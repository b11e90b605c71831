import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseTag, parseTags, validateTransitiveTagKeys } from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

describe('parseTag', () => {
  const accepted: ReadonlyArray<[string, string, string]> = [
    ['Project=Apollo', 'Project', 'Apollo'],
    ['Team=', 'Team', ''],
    ['cost-center=a=b', 'cost-center', 'a=b'],
    ['Owner=alice@example.com', 'Owner', 'alice@example.com'],
    ['path:key/x+y_z.w-v@u=Ünïcödé 名前 ١٢٣', 'path:key/x+y_z.w-v@u', 'Ünïcödé 名前 ١٢٣'],
    [`${'k'.repeat(128)}=${'v'.repeat(256)}`, 'k'.repeat(128), 'v'.repeat(256)],
  ];
  for (const [text, key, value] of accepted) {
    it(`accepts ${text.length > 40 ? 'the maximum lengths' : text}`, () => {
      assert.deepEqual(parseTag(text), { key, value });
    });
  }

  it('explains the Key=Value form when = is missing', () => {
    assertUsageError(() => parseTag('Project'), '--tag Project has no "="', 'Key=Value');
  });

  it('rejects empty and long keys, long values', () => {
    assertUsageError(() => parseTag('=x'), 'the key is empty', '1–128');
    assertUsageError(() => parseTag(`${'k'.repeat(129)}=x`), 'the key is 129 characters', '1–128');
    assertUsageError(() => parseTag(`k=${'v'.repeat(257)}`), 'the value is 257 characters', '0–256');
  });

  it('names characters outside the tag alphabet', () => {
    assertUsageError(() => parseTag('a;b=c'), 'the key contains ";"', 'letters, numbers, spaces and _ . : / = + - @');
    assertUsageError(() => parseTag('k=a*b!'), 'the value contains "*", "!"');
  });

  it('refuses the reserved aws: prefix', () => {
    assertUsageError(() => parseTag('aws:Name=x'), 'reserved for AWS');
    assertUsageError(() => parseTag('AWS:x=y'), 'reserved for AWS');
  });
});

describe('parseTags', () => {
  it('parses each and keeps the order', () => {
    assert.deepEqual(parseTags(['A=1', 'B=2']), [
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
    ]);
  });

  it('allows 50 tags and refuses 51', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `K${i}=v`);
    assert.equal(parseTags(fifty).length, 50);
    assertUsageError(() => parseTags([...fifty, 'K50=v']), '--tag was given 51 times', 'at most 50');
  });

  it('refuses keys that repeat, also when they differ only in case', () => {
    assertUsageError(() => parseTags(['A=1', 'A=2']), '--tag: A is given twice', 'unique');
    assertUsageError(() => parseTags(['Team=1', 'team=2']), 'Team and team differ only in case');
  });
});

describe('validateTransitiveTagKeys', () => {
  const tags = [
    { key: 'Project', value: 'Apollo' },
    { key: 'Team', value: 'core' },
  ];

  it('accepts keys of this session, returning them as the tags spell them', () => {
    assert.deepEqual(validateTransitiveTagKeys(['Project', 'team'], tags), ['Project', 'Team']);
    assert.deepEqual(validateTransitiveTagKeys([], []), []);
  });

  it('refuses keys without a tag, listing the tags there are', () => {
    assertUsageError(() => validateTransitiveTagKeys(['Owner'], tags), '--transitive-tag-key Owner is not one of this session\'s tags', 'Project, Team', '--tag Owner=VALUE');
    assertUsageError(() => validateTransitiveTagKeys(['Owner'], []), 'no --tag was given');
  });
});
