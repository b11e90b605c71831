import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { cacheKey, canonicalJson } from '../../../src/cache/index.js';

const base = {
  operation: 'AssumeRole',
  source: { accessKeyId: 'AKIAEXAMPLE', profileChain: ['dev', 'base'] },
  roleArn: 'arn:aws:iam::123456789012:role/Admin',
  sessionName: 'alice',
  externalId: 'ext-1',
  policy: '{"Statement":[]}',
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  tags: [{ key: 'Project', value: 'Apollo' }],
  mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
  durationSeconds: 3600,
  region: 'eu-west-1',
  partition: 'aws',
};

describe('cacheKey', () => {
  it('is 64 hex characters and does not depend on key order at any depth', () => {
    const key = cacheKey(base);
    assert.match(key, /^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(base).reverse());
    reordered['source'] = { profileChain: ['dev', 'base'], accessKeyId: 'AKIAEXAMPLE' };
    assert.equal(cacheKey(reordered), key);
  });

  it('is stable across releases (changing it silently empties every cache)', () => {
    assert.equal(cacheKey({ operation: 'GetSessionToken', durationSeconds: 43200 }), cacheKey({ durationSeconds: 43200, operation: 'GetSessionToken' }));
    assert.equal(cacheKey({ operation: 'GetSessionToken', durationSeconds: 43200 }), 'b281b2a4dde57d6e0c9e9910ffb7355247994c9ef6258e8765642213b077cf8f');
  });

  it('changes when any part changes', () => {
    const keys = new Set([cacheKey(base)]);
    const variations: Record<string, unknown> = {
      operation: 'GetFederationToken',
      source: { accessKeyId: 'AKIAOTHER', profileChain: ['dev', 'base'] },
      roleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
      sessionName: 'bob',
      externalId: 'ext-2',
      policy: '{"Statement":[{}]}',
      policyArns: [],
      tags: [{ key: 'Project', value: 'Gemini' }],
      mfaSerial: undefined,
      durationSeconds: 3601,
      region: 'eu-west-2',
      partition: 'aws-cn',
    };
    for (const [name, value] of Object.entries(variations)) {
      const key = cacheKey({ ...base, [name]: value });
      assert.ok(!keys.has(key), `changing ${name} should change the key`);
      keys.add(key);
    }
  });

  it('treats undefined as absent, so unset options do not change keys', () => {
    assert.equal(cacheKey({ a: 1, b: undefined }), cacheKey({ a: 1 }));
    assert.notEqual(cacheKey({ a: 1, b: null }), cacheKey({ a: 1 }));
  });

  it('keeps array order and tells types apart', () => {
    assert.notEqual(cacheKey({ a: ['x', 'y'] }), cacheKey({ a: ['y', 'x'] }));
    assert.notEqual(cacheKey({ a: 1 }), cacheKey({ a: '1' }));
    assert.notEqual(cacheKey({ a: true }), cacheKey({ a: 'true' }));
  });

  it('refuses values without a canonical form', () => {
    assert.throws(() => cacheKey({ a: new Map() }), TypeError);
    assert.throws(() => cacheKey({ a: () => 1 }), TypeError);
    assert.throws(() => cacheKey({ a: Number.NaN }), TypeError);
    assert.throws(() => cacheKey({ a: 1n }), TypeError);
    assert.throws(() => cacheKey({ a: new Date(Number.NaN) }), TypeError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops undefined and writes Dates as ISO strings', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, undefined], c: undefined }, e: new Date('2026-01-01T00:00:00Z') }), '{"a":{"d":[1,null]},"b":1,"e":"2026-01-01T00:00:00.000Z"}');
    assert.equal(canonicalJson(Object.assign(Object.create(null) as object, { z: 1 })), '{"z":1}');
  });
});
