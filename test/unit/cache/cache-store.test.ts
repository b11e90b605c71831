import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';

import {
  type CacheEntry,
  cacheKey,
  clearCached,
  credentialsFromEntry,
  listCached,
  readCached,
  removeCached,
  resolveCacheDir,
  toCacheEntry,
  writeCached,
} from '../../../src/cache/index.js';

const now = new Date('2026-11-21T20:00:00Z');
const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);
const key = cacheKey({ operation: 'AssumeRole', roleArn: 'arn:aws:iam::123456789012:role/Admin' });
const otherKey = cacheKey({ operation: 'GetSessionToken' });

function makeEntry(expiration: Date, tag = 'a'): CacheEntry {
  return toCacheEntry({
    operation: 'AssumeRole',
    credentials: {
      accessKeyId: `ASIAEXAMPLE${tag.toUpperCase().padEnd(4, 'X')}WXYZ`,
      secretAccessKey: `secret-${tag}`,
      sessionToken: `token-${tag}`,
      expiration,
    },
    meta: { roleArn: 'arn:aws:iam::123456789012:role/Admin', sessionName: 'alice', mfa: true, region: undefined },
    now,
  });
}

let base: string;
let dir: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'stsctl-cache-'));
  dir = join(base, 'stsctl');
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('resolveCacheDir', () => {
  it('uses XDG_CACHE_HOME when absolute, else ~/.cache', () => {
    assert.equal(resolveCacheDir({ XDG_CACHE_HOME: '/xdg/cache' }, '/home/ana'), '/xdg/cache/stsctl');
    assert.equal(resolveCacheDir({}, '/home/ana'), '/home/ana/.cache/stsctl');
    assert.equal(resolveCacheDir({ XDG_CACHE_HOME: '' }, '/home/ana'), '/home/ana/.cache/stsctl');
    assert.equal(resolveCacheDir({ XDG_CACHE_HOME: 'relative/cache' }, '/home/ana'), '/home/ana/.cache/stsctl');
  });
});

describe('writeCached and readCached', () => {
  it('writes a 0600 file in a 0700 directory and reads it back', async () => {
    const entry = makeEntry(minutes(60));
    const result = await writeCached(dir, key, entry);
    assert.deepEqual(result, { written: true, path: join(dir, `${key}.json`), warnings: [] });
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(result.path), 0o600);
    assert.deepEqual(JSON.parse(readFileSync(result.path, 'utf8')), entry);
    assert.deepEqual(await readCached(dir, key, { now }), { entry });
  });

  it('gets the modes exactly right whatever the umask', async () => {
    // 0o277 would also strip the owner's write bit from any parent directory created on the way, which breaks every
    // program, so the parent exists first; it still leaves a new directory 0500 and a new file 0400 unless fixed.
    for (const umask of [0o000, 0o077, 0o277]) {
      const parent = join(base, `umask-${umask.toString(8)}`);
      mkdirSync(parent);
      const previous = process.umask(umask);
      try {
        const target = join(parent, 'stsctl');
        const result = await writeCached(target, key, makeEntry(minutes(60)));
        assert.equal(mode(target), 0o700);
        assert.equal(mode(result.path), 0o600);
      } finally {
        process.umask(previous);
      }
    }
  });

  it('round-trips the credentials', async () => {
    const entry = makeEntry(minutes(60));
    assert.deepEqual(credentialsFromEntry(entry), {
      accessKeyId: entry.credentials.accessKeyId,
      secretAccessKey: 'secret-a',
      sessionToken: 'token-a',
      expiration: minutes(60),
    });
    assert.equal(entry.meta.createdAt, now.toISOString());
    assert.ok(!('region' in entry.meta), 'undefined meta is dropped');
  });

  it('reuses credentials until five minutes before expiry', async () => {
    await writeCached(dir, key, makeEntry(minutes(10)));
    assert.ok('entry' in (await readCached(dir, key, { now })));
    await writeCached(dir, key, makeEntry(minutes(5)));
    assert.ok('entry' in (await readCached(dir, key, { now })), 'exactly five minutes left is still reused');
    await writeCached(dir, key, makeEntry(minutes(4)));
    const soon = await readCached(dir, key, { now });
    assert.ok('miss' in soon);
    assert.equal(soon.miss, 'cached credentials expire in 4m, within the 5m refresh margin');
    await writeCached(dir, key, makeEntry(minutes(-3)));
    assert.deepEqual(await readCached(dir, key, { now }), { miss: 'cached credentials expired 3m ago' });
  });

  it('honours a custom reuse margin', async () => {
    await writeCached(dir, key, makeEntry(minutes(10)));
    assert.ok('miss' in (await readCached(dir, key, { now, minRemainingMs: 15 * 60_000 })));
    assert.ok('entry' in (await readCached(dir, key, { now, minRemainingMs: 0 })));
  });

  it('misses quietly when there is no directory or no entry', async () => {
    assert.deepEqual(await readCached(dir, key, { now }), { miss: 'nothing cached yet' });
    await writeCached(dir, otherKey, makeEntry(minutes(60)));
    assert.deepEqual(await readCached(dir, key, { now }), { miss: 'not cached' });
  });

  it('ignores a corrupt file with a warning, and the next write replaces it', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    const path = join(dir, `${key}.json`);
    writeFileSync(path, '{"version":1,"credentials":', { mode: 0o600 });
    const result = await readCached(dir, key, { now });
    assert.ok('ignored' in result);
    assert.match(result.ignored, new RegExp(`ignoring cached credentials ${path}: it is not valid JSON`));
    await writeCached(dir, key, makeEntry(minutes(60)));
    assert.ok('entry' in (await readCached(dir, key, { now })));
  });

  it('ignores files that are not stsctl entries', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    const path = join(dir, `${key}.json`);
    const bad: ReadonlyArray<[unknown, string]> = [
      [[], 'not an object'],
      [{ version: 1 }, 'operation is missing'],
      [{ ...makeEntry(minutes(60)), credentials: { accessKeyId: 'x' } }, 'credentials.secretAccessKey is missing'],
      [{ ...makeEntry(minutes(60)), credentials: { ...makeEntry(minutes(60)).credentials, expiration: 'soon' } }, 'not a date'],
      [{ ...makeEntry(minutes(60)), meta: { createdAt: now.toISOString(), mfa: 'yes' } }, 'meta.mfa is not a boolean'],
    ];
    for (const [value, problem] of bad) {
      writeFileSync(path, JSON.stringify(value), { mode: 0o600 });
      const result = await readCached(dir, key, { now });
      assert.ok('ignored' in result, problem);
      assert.match(result.ignored, /does not look like a stsctl cache entry/);
      assert.ok(result.ignored.includes(problem), result.ignored);
    }
  });

  it('treats another format version as a plain miss', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    writeFileSync(join(dir, `${key}.json`), JSON.stringify({ ...makeEntry(minutes(60)), version: 2 }));
    const result = await readCached(dir, key, { now });
    assert.ok('miss' in result);
    assert.match(result.miss, /format version 2/);
  });

  it('ignores a file others can read (0644), never using its secrets', async () => {
    const { path } = await writeCached(dir, key, makeEntry(minutes(60)));
    chmodSync(path, 0o644);
    const result = await readCached(dir, key, { now });
    assert.ok('ignored' in result);
    assert.match(result.ignored, /the file has mode 0644; stsctl only trusts 0600/);
    assert.ok(!result.ignored.includes('secret-a'));
  });

  it('ignores entries in a directory others can open (0755)', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    chmodSync(dir, 0o755);
    const result = await readCached(dir, key, { now });
    assert.ok('ignored' in result);
    assert.match(result.ignored, /the directory .* has mode 0755; stsctl only trusts 0700/);
  });

  it('ignores a symbolic link in place of the file', async () => {
    await writeCached(dir, otherKey, makeEntry(minutes(60)));
    symlinkSync(join(dir, `${otherKey}.json`), join(dir, `${key}.json`));
    const result = await readCached(dir, key, { now });
    assert.ok('ignored' in result);
    assert.match(result.ignored, /symbolic link/);
  });

  it('ignores files and directories that belong to someone else', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    const me = process.getuid?.() ?? 0;
    const result = await readCached(dir, key, { now, uid: me + 4242 });
    assert.ok('ignored' in result);
    assert.match(result.ignored, new RegExp(`the directory .* belongs to uid ${me}, not to you \\(uid ${me + 4242}\\)`));
  });

  it('ignores a file chowned to another user', { skip: process.getuid?.() !== 0 ? 'needs root to chown' : false }, async () => {
    const { path } = await writeCached(dir, key, makeEntry(minutes(60)));
    chownSync(path, 4242, 4242);
    const result = await readCached(dir, key, { now });
    assert.ok('ignored' in result);
    assert.match(result.ignored, /the file belongs to uid 4242, not to you \(uid 0\)/);
  });

  it('skips the POSIX mode checks on Windows, where modes do not exist', async () => {
    const { path } = await writeCached(dir, key, makeEntry(minutes(60)));
    chmodSync(path, 0o644);
    assert.ok('entry' in (await readCached(dir, key, { now, platform: 'win32' })));
  });

  it('tightens an existing directory of ours to 0700 and says so', async () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const result = await writeCached(dir, key, makeEntry(minutes(60)));
    assert.equal(result.written, true);
    assert.equal(mode(dir), 0o700);
    assert.deepEqual(result.warnings, [`the credentials cache directory ${dir} had mode 0755; changed it to 0700 so only you can use it`]);
  });

  it('does not write into a directory that belongs to someone else', async () => {
    mkdirSync(dir, { mode: 0o700 });
    const me = process.getuid?.() ?? 0;
    const result = await writeCached(dir, key, makeEntry(minutes(60)), { uid: me + 1 });
    assert.equal(result.written, false);
    assert.match(result.warnings[0] ?? '', /not caching credentials: the cache directory .* belongs to uid/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('reports a directory it cannot create as a warning instead of failing', async () => {
    writeFileSync(join(base, 'file'), '');
    const result = await writeCached(join(base, 'file', 'stsctl'), key, makeEntry(minutes(60)));
    assert.equal(result.written, false);
    assert.match(result.warnings[0] ?? '', /^not caching credentials: /);
  });

  it('refuses keys that are not cache keys and malformed entries', async () => {
    await assert.rejects(writeCached(dir, '../../etc/passwd', makeEntry(minutes(60))), TypeError);
    await assert.rejects(readCached(dir, 'ABC', { now }), TypeError);
    const broken = { ...makeEntry(minutes(60)), credentials: { accessKeyId: 'x' } } as unknown as CacheEntry;
    await assert.rejects(writeCached(dir, key, broken), /refusing to cache a malformed entry: credentials.secretAccessKey is missing/);
  });
});

describe('concurrent writers', () => {
  const noTempFiles = (): void => {
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
  };

  it('all succeed in one process and leave one complete file; readers never see a partial one', async () => {
    const entries = Array.from({ length: 25 }, (_, i) => makeEntry(minutes(60), `w${i}`));
    let reading = true;
    const reads: Array<Awaited<ReturnType<typeof readCached>>> = [];
    const reader = (async () => {
      while (reading) {
        reads.push(await readCached(dir, key, { now }));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const results = await Promise.all(entries.map((entry) => writeCached(dir, key, entry)));
    reading = false;
    await reader;
    assert.ok(results.every((result) => result.written && result.warnings.length === 0));
    const final = await readCached(dir, key, { now });
    assert.ok('entry' in final);
    assert.ok(entries.some((entry) => JSON.stringify(entry) === JSON.stringify(final.entry)));
    assert.ok(reads.every((read) => !('ignored' in read)), 'a reader saw a partial file');
    noTempFiles();
  });

  it('all succeed across two child processes writing the same key at once', async () => {
    const moduleUrl = new URL('../../../src/cache/index.js', import.meta.url).href;
    const script = `
      const { writeCached, toCacheEntry } = await import(process.argv[1]);
      const [dir, key, tag] = process.argv.slice(2);
      for (let i = 0; i < 40; i += 1) {
        const entry = toCacheEntry({
          operation: 'AssumeRole',
          credentials: { accessKeyId: 'ASIA' + tag + i, secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600e3) },
          meta: {},
          now: new Date(),
        });
        const result = await writeCached(dir, key, entry);
        if (!result.written) { console.error(result.warnings.join('\\n')); process.exit(1); }
      }
    `;
    const runChild = (tag: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, moduleUrl, dir, key, tag], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${tag} exited ${code}: ${stderr}`))));
      });
    const local = Array.from({ length: 10 }, (_, i) => writeCached(dir, key, makeEntry(minutes(60), `p${i}`)));
    await Promise.all([runChild('A'), runChild('B'), ...local]);
    const final = await readCached(dir, key, { now: new Date() });
    assert.ok('entry' in final, JSON.stringify(final));
    assert.match(final.entry.credentials.accessKeyId, /^ASIA(A|B)\d+$|^ASIAEXAMPLE/);
    assert.equal(mode(join(dir, `${key}.json`)), 0o600);
    noTempFiles();
  });
});

describe('listCached', () => {
  it('lists entries soonest expiry first, with masked key ids and no secrets', async () => {
    const keys = [cacheKey({ n: 1 }), cacheKey({ n: 2 }), cacheKey({ n: 3 })];
    await writeCached(dir, keys[0] as string, makeEntry(minutes(60), 'valid'));
    await writeCached(dir, keys[1] as string, makeEntry(minutes(2), 'soon'));
    await writeCached(dir, keys[2] as string, makeEntry(minutes(-10), 'old'));
    writeFileSync(join(dir, `${cacheKey({ n: 4 })}.json`), 'not json', { mode: 0o600 });
    writeFileSync(join(dir, 'README'), 'not ours');

    const { entries, warnings } = await listCached(dir, now);
    assert.deepEqual(
      entries.map((entry) => [entry.key, entry.status, entry.remainingMs]),
      [
        [keys[2], 'expired', -10 * 60_000],
        [keys[1], 'refresh-due', 2 * 60_000],
        [keys[0], 'valid', 60 * 60_000],
      ],
    );
    const first = entries[2];
    assert.deepEqual(first, {
      key: keys[0],
      operation: 'AssumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      sessionName: 'alice',
      mfa: true,
      accessKeyId: 'ASIA…WXYZ',
      expiration: minutes(60).toISOString(),
      createdAt: now.toISOString(),
      remainingMs: 60 * 60_000,
      status: 'valid',
    });
    const text = JSON.stringify(entries);
    assert.ok(!text.includes('secret-') && !text.includes('token-') && !text.includes('ASIAEXAMPLE'), 'no secrets or full key ids');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /not valid JSON/);
  });

  it('is empty when there is no cache', async () => {
    assert.deepEqual(await listCached(dir, now), { entries: [], warnings: [] });
  });
});

describe('clearCached and removeCached', () => {
  it('removes only stsctl entries and leftover temporary files', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    await writeCached(dir, otherKey, makeEntry(minutes(60)));
    writeFileSync(join(dir, `.${key}.123.abcdef.tmp`), '');
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    assert.equal(await clearCached(dir), 3);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
    assert.equal(await clearCached(dir), 0);
  });

  it('returns 0 when there is no cache directory', async () => {
    assert.equal(await clearCached(dir), 0);
  });

  it('removes a single entry', async () => {
    await writeCached(dir, key, makeEntry(minutes(60)));
    assert.equal(await removeCached(dir, key), true);
    assert.equal(await removeCached(dir, key), false);
    assert.deepEqual(await readCached(dir, key, { now }), { miss: 'not cached' });
  });
});
