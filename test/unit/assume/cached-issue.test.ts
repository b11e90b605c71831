// issueWithCache: a miss calls STS once and stores the answer; a hit makes no call; --no-cache neither reads nor
// writes; a corrupt entry is ignored with a warning and replaced.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheKey } from '../../../src/cache/index.js';
import { issueWithCache, type Issued, type IssueMeta } from '../../../src/sts/cached-issue.js';

const now = new Date('2026-11-21T20:00:00Z');

function issuer(): { issue: () => Promise<Issued<IssueMeta & { assumedRoleId: string }>>; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    issue: async () => {
      calls += 1;
      return {
        credentials: {
          accessKeyId: `ASIAEXAMPLE${String(calls).padStart(9, '0')}`,
          secretAccessKey: 'secret/EXAMPLE+key',
          sessionToken: 'token',
          expiration: new Date(now.getTime() + 3600_000),
        },
        meta: { roleArn: 'arn:aws:iam::222222222222:role/Deploy', sessionName: 'alice', assumedRoleId: 'AROAEXAMPLE:alice' },
      };
    },
  };
}

describe('issueWithCache', () => {
  let dir: string;
  before(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'stsctl-cached-issue-')), 'stsctl');
  });
  after(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  const request = (keyParts: Record<string, unknown>, source: ReturnType<typeof issuer>, extra: { useCache?: boolean; warnings?: string[] } = {}) => ({
    operation: 'AssumeRole',
    keyParts,
    useCache: extra.useCache ?? true,
    cacheDir: dir,
    now: () => now,
    issue: source.issue,
    warn: (line: string) => void extra.warnings?.push(line),
    debug: () => undefined,
  });

  it('calls once, then serves the cached answer with extra meta intact', async () => {
    const source = issuer();
    const first = await issueWithCache(request({ role: 'a' }, source));
    const second = await issueWithCache(request({ role: 'a' }, source));
    assert.equal(source.calls(), 1);
    assert.equal(first.cacheHit, false);
    assert.equal(second.cacheHit, true);
    assert.equal(second.credentials.accessKeyId, first.credentials.accessKeyId);
    assert.equal(second.credentials.expiration.getTime(), first.credentials.expiration.getTime());
    assert.equal(second.meta.assumedRoleId, 'AROAEXAMPLE:alice');
    assert.equal(((await stat(dir)).mode & 0o777).toString(8), '700');
    assert.equal(((await stat(join(dir, `${first.cacheKey}.json`))).mode & 0o777).toString(8), '600');
  });

  it('with useCache false neither reads nor writes', async () => {
    const source = issuer();
    const result = await issueWithCache(request({ role: 'b' }, source, { useCache: false }));
    assert.equal(result.cacheHit, false);
    assert.ok(!(await readdir(dir)).includes(`${cacheKey({ role: 'b' })}.json`));
    await issueWithCache(request({ role: 'a' }, source, { useCache: false }));
    assert.equal(source.calls(), 2, 'an entry that exists is not used either');
  });

  it('ignores a corrupt entry with a warning and replaces it', async () => {
    const key = cacheKey({ role: 'c' });
    await writeFile(join(dir, `${key}.json`), '{ not json', { mode: 0o600 });
    const warnings: string[] = [];
    const source = issuer();
    const result = await issueWithCache(request({ role: 'c' }, source, { warnings }));
    assert.equal(result.cacheHit, false);
    assert.equal(source.calls(), 1);
    assert.match(warnings.join('\n'), /ignoring cached credentials .*not valid JSON/);
    const again = await issueWithCache(request({ role: 'c' }, source, { warnings }));
    assert.equal(again.cacheHit, true);
  });
});
