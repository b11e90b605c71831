// The cached `assume` fast path: which command lines it takes (and which it leaves to commander), that it knows every
// value option `stsctl assume` declares the same way, and that it prints a hit exactly as the full command would.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fastPathValueFlags, parseFastPathArguments, serveCachedAssume, warmUpFastPath } from '../../../src/assume/cached-fast-path.js';
import { buildProgram } from '../../../src/cli.js';
import type { Runtime } from '../../../src/runtime.js';

describe('parseFastPathArguments', () => {
  it('takes assume ROLE with value options in both spellings, repeatable ones collected', () => {
    assert.deepEqual(
      parseFastPathArguments(['assume', 'deploy', '--duration=2h', '--tag', 'a=1', '--tag=b=2', '-p', 'me', '--chain', '--format', 'fish', '--no-color']),
      { role: 'deploy', chain: true, values: { duration: '2h', profile: 'me', format: 'fish' }, lists: { policyArns: [], tags: ['a=1', 'b=2'], transitiveTags: [] } },
    );
  });

  it('leaves everything else to the full command', () => {
    for (const argv of [
      ['whoami'],
      ['assume'],
      ['assume', 'deploy', '--json'],
      ['assume', 'deploy', '--exec', '--', 'ls'],
      ['assume', 'deploy', '--unset'],
      ['assume', 'deploy', '--no-cache'],
      ['assume', 'deploy', '--debug'],
      ['assume', 'deploy', '--help'],
      ['assume', 'deploy', 'extra'],
      ['assume', 'deploy', '--duration'],
      ['assume', 'deploy', '--session-name', '--chain'],
      ['assume', 'deploy', '-d3600'],
      ['assume', 'deploy', '--max-attempts', '2'],
    ]) {
      assert.equal(parseFastPathArguments(argv), undefined, argv.join(' '));
    }
  });

  it('reads each flag as commander does: every flag it takes a value for takes one in stsctl assume', () => {
    const program = buildProgram({ deps: { stdout: process.stdout, stderr: process.stderr } } as unknown as Runtime, { version: () => '0', onGlobals: () => undefined, setExitCode: () => undefined });
    const assume = program.commands.find((c) => c.name() === 'assume');
    assert.ok(assume);
    const declared = new Map<string, boolean>();
    for (const option of [...program.options, ...assume.options]) {
      const takesValue = option.required || option.optional;
      if (option.long) declared.set(option.long, takesValue);
      if (option.short) declared.set(option.short, takesValue);
    }
    for (const flag of fastPathValueFlags) {
      assert.equal(declared.get(flag), true, `${flag} must be a value option of stsctl assume (or a global one)`);
    }
    // And every value option of assume is either known to the fast path or makes it step aside.
    for (const [flag, takesValue] of declared) {
      if (!takesValue || fastPathValueFlags.includes(flag)) continue;
      assert.equal(parseFastPathArguments(['assume', 'deploy', flag, 'x']), undefined, flag);
    }
  });
});

describe('serveCachedAssume', () => {
  it('serves a cached entry, and steps aside (printing nothing) on a miss', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stsctl-fast-path-'));
    try {
      warmUpFastPath(dir); // writes a config in memory and a cache entry for profile "warm", and serves it once
      const out: string[] = [];
      const err: string[] = [];
      const deps = {
        env: { XDG_CACHE_HOME: join(dir, '.cache'), SHELL: '/bin/bash' },
        homedir: dir,
        platform: process.platform,
        readFile: () => {
          throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        },
        now: () => new Date(),
      };
      // No config files: "warm" is not a profile, so the plan fails and the full command takes over.
      assert.equal(serveCachedAssume(['assume', 'warm'], deps, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }), undefined);
      assert.deepEqual([out, err], [[], []]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
