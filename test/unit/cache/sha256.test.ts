// The JavaScript SHA-256 behind cache keys must agree with node:crypto bit for bit: a difference would silently
// orphan every cached entry (or, worse, make two inputs share one).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { sha256Hex } from '../../../src/cache/sha256.js';

describe('sha256Hex', () => {
  it('matches node:crypto on the FIPS test vectors and around block boundaries', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let length = 0; length < 300; length += 1) {
      const text = 'x'.repeat(length);
      assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'), `length ${length}`);
    }
  });

  it('hashes the UTF-8 encoding of non-ASCII text', () => {
    for (const text of ['José', '東京', '🙂 emoji', `{"role":"arn:aws-cn:iam::444444444444:role/CnDeploy","tags":[["Team","Ünïcode"]]}`]) {
      assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
