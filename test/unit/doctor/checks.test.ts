// The logic of each doctor check, without a network or real files: thresholds, conflicts, permissions, exit codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WhoamiResult } from '../../../src/commands/whoami.js';
import { checkCacheDirectory, type FileInfo, type FileProbe } from '../../../src/doctor/cache-check.js';
import { doctorExitCode, fail, pass, warn } from '../../../src/doctor/check.js';
import { checkEnvironment, findEnvironmentConflicts } from '../../../src/doctor/environment-check.js';
import { checkRegionAndEndpoint } from '../../../src/doctor/endpoint-check.js';
import { checkClock, checkExpiry } from '../../../src/doctor/identity-checks.js';
import { mapConcurrently, rateLimitedFactory } from '../../../src/doctor/sweep.js';
import { TokenBucket } from '../../../src/doctor/token-bucket.js';
import type { Resolution } from '../../../src/profiles/types.js';
import type { StsPort } from '../../../src/sts/port.js';

describe('environment check', () => {
  it('passes with nothing that could conflict', () => {
    assert.equal(checkEnvironment({}).status, 'pass');
    assert.equal(checkEnvironment({ AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1' }).status, 'pass');
  });

  it('fails when environment keys and AWS_PROFILE are both set (exit 3)', () => {
    const check = checkEnvironment({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'x' });
    assert.equal(check.status, 'fail');
    assert.equal(check.exitCode, 3);
    assert.match(check.summary, /the AWS SDKs and Terraform use profile dev/);
  });

  it('only warns about that when --profile makes stsctl itself unambiguous', () => {
    const check = checkEnvironment({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'x' }, { profileFlag: 'dev' });
    assert.equal(check.status, 'warn');
  });

  it('fails on AWS_DEFAULT_PROFILE vs AWS_PROFILE, warns on AWS_REGION vs AWS_DEFAULT_REGION', () => {
    const conflicts = findEnvironmentConflicts({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' });
    assert.deepEqual(conflicts.map((c) => c.severity), ['fail', 'warn']);
    const check = checkEnvironment({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' });
    assert.equal(check.status, 'warn');
    assert.equal(check.exitCode, undefined);
  });

  it('fails on a temporary key without its session token (exit 4) and warns on a leftover token', () => {
    const check = checkEnvironment({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'x' });
    assert.equal(check.status, 'fail');
    assert.equal(check.exitCode, 4);
    assert.equal(checkEnvironment({ AWS_SESSION_TOKEN: 'token' }).status, 'warn');
  });

  it('ignores empty variables', () => {
    assert.equal(checkEnvironment({ AWS_PROFILE: '', AWS_ACCESS_KEY_ID: '', AWS_DEFAULT_PROFILE: 'x' }).status, 'pass');
  });
});

describe('clock check', () => {
  it('passes within a minute, warns over a minute, fails over five (exit 4)', () => {
    assert.equal(checkClock(400, 'linux').status, 'pass');
    assert.equal(checkClock(59_000, 'linux').status, 'pass');
    assert.equal(checkClock(-61_000, 'linux').status, 'warn');
    const failed = checkClock(-20 * 60_000, 'linux');
    assert.equal(failed.status, 'fail');
    assert.equal(failed.exitCode, 4);
    assert.match(failed.summary, /20\.0 minutes behind AWS's/);
    assert.match(checkClock(6 * 60_000, 'darwin').summary, /6\.0 minutes ahead of/);
    assert.match(checkClock(6 * 60_000, 'darwin').fix[0] ?? '', /sntp/);
    assert.match(checkClock(6 * 60_000, 'win32').fix[0] ?? '', /w32tm/);
  });

  it('skips without a measurement', () => {
    assert.equal(checkClock(undefined, 'linux').status, 'skip');
  });
});

describe('expiry check', () => {
  const base = { account: '1', arn: 'a', userId: 'u', principal: { type: 'iam-user', description: 'IAM user x' }, chain: [], endpoint: { url: 'u', signingRegion: 'r', scope: 'regional', origin: { source: 'default', detail: '' } }, warnings: [] } as unknown as WhoamiResult;
  const expiring = (seconds: number): WhoamiResult => ({ ...base, temporary: true, expiration: new Date(Date.now() + seconds * 1000).toISOString(), expiresInSeconds: seconds });

  it('passes for long-term keys and distant expiry, warns within 15 minutes, fails once expired', () => {
    assert.equal(checkExpiry({ ...base, temporary: false }).status, 'pass');
    assert.equal(checkExpiry(expiring(3600)).status, 'pass');
    assert.equal(checkExpiry(expiring(600)).status, 'warn');
    assert.equal(checkExpiry(expiring(-60)).status, 'fail');
    assert.equal(checkExpiry(undefined).status, 'skip');
  });
});

describe('region and endpoint check', () => {
  const resolution = (overrides: Partial<Resolution>): Resolution => ({
    profileExists: true,
    chain: [],
    endpoint: { url: 'https://sts.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1', scope: 'regional', origin: { source: 'derived', detail: 'regional endpoint for eu-west-1' } },
    retry: {},
    warnings: [],
    region: { value: 'eu-west-1', origin: { source: 'env', detail: 'AWS_REGION' } },
    ...overrides,
  });

  it('passes with a region and the regional endpoint', () => {
    assert.equal(checkRegionAndEndpoint(resolution({})).status, 'pass');
  });

  it('warns without a region, and with the global endpoint', () => {
    const { region: _omit, ...noRegion } = resolution({});
    assert.equal(checkRegionAndEndpoint({ ...noRegion, endpoint: { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', scope: 'global', origin: { source: 'default', detail: '' } } }).status, 'warn');
    const global = checkRegionAndEndpoint(resolution({ endpoint: { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', scope: 'global', origin: { source: 'derived', detail: 'AWS_STS_REGIONAL_ENDPOINTS=legacy' } } }));
    assert.equal(global.status, 'warn');
    assert.match(global.fix[0] ?? '', /regional/);
  });
});

describe('cache directory check', () => {
  function probe(files: Record<string, FileInfo>): FileProbe {
    return {
      stat: (path) => files[path],
      readdir: (dir) => Object.keys(files).filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1)),
    };
  }
  const dir = '/home/u/.cache/stsctl';
  const entry = `${dir}/${'a'.repeat(64)}.json`;

  it('passes when missing or private', () => {
    assert.equal(checkCacheDirectory(dir, probe({}), { uid: 1000, platform: 'linux' }).status, 'pass');
    const ok = checkCacheDirectory(dir, probe({ [dir]: { mode: 0o40700, uid: 1000, isDirectory: true }, [entry]: { mode: 0o100600, uid: 1000, isDirectory: false } }), { uid: 1000, platform: 'linux' });
    assert.equal(ok.status, 'pass');
    assert.match(ok.summary, /mode 0700/);
  });

  it('fails (exit 3) on a group- or world-readable directory, a foreign owner, or loose files', () => {
    const open = checkCacheDirectory(dir, probe({ [dir]: { mode: 0o40755, uid: 1000, isDirectory: true } }), { uid: 1000, platform: 'linux' });
    assert.equal(open.status, 'fail');
    assert.equal(open.exitCode, 3);
    assert.match(open.fix.join('\n'), /chmod 700/);
    assert.equal(checkCacheDirectory(dir, probe({ [dir]: { mode: 0o40700, uid: 0, isDirectory: true } }), { uid: 1000, platform: 'linux' }).status, 'fail');
    const loose = checkCacheDirectory(dir, probe({ [dir]: { mode: 0o40700, uid: 1000, isDirectory: true }, [entry]: { mode: 0o100644, uid: 1000, isDirectory: false } }), { uid: 1000, platform: 'linux' });
    assert.equal(loose.status, 'fail');
    assert.match(loose.summary, /1 cached credential file/);
  });

  it('skips on Windows', () => {
    assert.equal(checkCacheDirectory(dir, probe({}), { platform: 'win32' }).status, 'skip');
  });
});

describe('doctor exit code', () => {
  it('is 0 without failures, else the code of the first failing check', () => {
    assert.equal(doctorExitCode([pass('config-files', ''), warn('clock', '')]), 0);
    assert.equal(doctorExitCode([pass('config-files', ''), fail('environment', '', 3), fail('credentials', '', 5)]), 3);
  });
});

describe('sweep helpers', () => {
  it('runs at most `concurrency` tasks at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrently([5, 1, 3, 2, 4], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      running -= 1;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 30, 20, 40]);
    assert.equal(peak, 2);
  });

  it('makes every STS call through a port wait for a token, and counts them', async () => {
    const calls: string[] = [];
    const port = {
      getCallerIdentity: async () => {
        calls.push('gci');
        return { account: '1', arn: 'a', userId: 'u' };
      },
      assumeRole: async () => {
        calls.push('ar');
        throw new Error('denied');
      },
    } as unknown as StsPort;
    const counter = { requests: 0 };
    const factory = rateLimitedFactory(async () => port, new TokenBucket(100, 1), counter);
    const limited = await factory(async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }), { region: 'eu-west-1' });
    const started = performance.now();
    await limited.getCallerIdentity();
    await limited.getCallerIdentity();
    await assert.rejects(limited.assumeRole({ roleArn: 'r', roleSessionName: 's' }), /denied/);
    assert.ok(performance.now() - started >= 18, 'three calls at 100/s with a burst of one take two intervals');
    assert.deepEqual(calls, ['gci', 'gci', 'ar']);
    assert.equal(counter.requests, 3);
  });
});
