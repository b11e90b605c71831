// The shared delivery options: which combinations are refused before anything happens, the format detected from
// $SHELL, and the one-line summary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLocalTime, formatSummaryLine, planDelivery } from '../../../src/commands/credential-output.js';
import type { Deps } from '../../../src/deps.js';
import { StsctlError } from '../../../src/errors.js';
import type { GlobalOptions, Runtime } from '../../../src/runtime.js';

function runtimeWith(env: Record<string, string>, globals: Partial<GlobalOptions> = {}): Runtime {
  const deps = { env, platform: 'linux', stdin: { isTTY: false } } as unknown as Deps;
  return {
    deps,
    globals: () => ({ json: false, color: false, debug: false, ...globals }),
    output: () => {
      throw new Error('not used');
    },
    remember: () => undefined,
    failureContext: {},
  };
}

const usage = (code: string) => (error: StsctlError) => error.exitCode === 2 && error.code === code;

describe('planDelivery', () => {
  it('detects the format from $SHELL and honours --format', () => {
    assert.deepEqual(planDelivery({}, [], runtimeWith({ SHELL: '/usr/bin/fish' }), { chain: false }), { kind: 'exports', format: 'fish' });
    assert.deepEqual(planDelivery({}, [], runtimeWith({ SHELL: '/bin/zsh' }), { chain: false }), { kind: 'exports', format: 'sh' });
    assert.deepEqual(planDelivery({ format: 'dotenv' }, [], runtimeWith({ SHELL: '/bin/zsh' }), { chain: false }), { kind: 'exports', format: 'dotenv' });
    assert.deepEqual(planDelivery({ format: 'pwsh' }, [], runtimeWith({}), { chain: false }), { kind: 'exports', format: 'powershell' });
  });

  it('prints the whole result with --json, and unset lines with --unset', () => {
    assert.deepEqual(planDelivery({}, [], runtimeWith({}, { json: true }), { chain: false }), { kind: 'json' });
    assert.deepEqual(planDelivery({ unset: true, format: 'cmd' }, [], runtimeWith({}), { chain: false }), { kind: 'unset', format: 'cmd' });
  });

  it('refuses bad combinations and unknown formats (exit 2)', () => {
    assert.throws(() => planDelivery({ format: 'tcsh' }, [], runtimeWith({}), { chain: false }), usage('UnknownFormat'));
    assert.throws(() => planDelivery({ exec: true }, [], runtimeWith({}), { chain: false }), usage('MissingCommand'));
    assert.throws(() => planDelivery({ exec: true, unset: true }, ['ls'], runtimeWith({}), { chain: false }), usage('ConflictingOptions'));
    assert.throws(() => planDelivery({ exec: true }, ['ls'], runtimeWith({}, { json: true }), { chain: false }), usage('ConflictingOptions'));
    assert.throws(() => planDelivery({}, ['ls', '-l'], runtimeWith({}), { chain: false }), usage('UnexpectedArguments'));
  });

  it('refuses to nest --exec unless chaining is asked for', () => {
    const inside = runtimeWith({ STSCTL_EXEC: 'arn:aws:iam::222222222222:role/Deploy' });
    assert.throws(() => planDelivery({ exec: true }, ['ls'], inside, { chain: false }), usage('NestedExec'));
    assert.deepEqual(planDelivery({ exec: true }, ['ls', '-l'], inside, { chain: true }), { kind: 'exec', command: 'ls', args: ['-l'] });
  });
});

describe('formatSummaryLine', () => {
  it('reads "Assumed <role> as <session> until <local time> (cached | fresh)"', () => {
    const expiration = new Date('2026-11-21T21:00:00Z');
    const line = formatSummaryLine({ verb: 'Assumed', subject: 'arn:aws:iam::222222222222:role/Deploy', sessionName: 'alice', expiration, cacheHit: true });
    assert.equal(line, `Assumed arn:aws:iam::222222222222:role/Deploy as alice until ${formatLocalTime(expiration)} (cached)`);
    assert.match(formatLocalTime(expiration), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
    assert.match(formatSummaryLine({ verb: 'Got', subject: 'a session', expiration, cacheHit: false }), /^Got a session until .* \(fresh\)$/);
  });
});
