import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  assumeRoleDuration,
  formatDuration,
  getFederationTokenDuration,
  getSessionTokenDuration,
  parseDuration,
  roleChainingMaxSeconds,
} from '../../../src/validation/index.js';
import { assertUsageError } from './assert-usage.js';

const assume = { ...assumeRoleDuration, flag: '--duration' };

describe('parseDuration', () => {
  const accepted: ReadonlyArray<[string, number]> = [
    ['3600', 3600],
    ['900', 900],
    ['43200', 43200],
    ['15m', 900],
    ['1h', 3600],
    ['12h', 43200],
    ['1h30m', 5400],
    ['1h0m30s', 3630],
    ['990s', 990],
    ['20m30s', 1230],
    [' 2H ', 7200],
    ['0900', 900],
  ];
  for (const [text, seconds] of accepted) {
    it(`accepts ${JSON.stringify(text)} as ${seconds} s`, () => {
      assert.equal(parseDuration(text, assume), seconds);
    });
  }

  it('accepts 90s where the range allows it', () => {
    assert.equal(parseDuration('90s', { min: 60, max: 120, flag: '--x' }), 90);
  });

  for (const text of ['', 'abc', '1.5h', '-900', '1d', 'h', '30m1h', '1h 30m', '15 minutes', '1e3']) {
    it(`rejects ${JSON.stringify(text)} and says which forms are accepted`, () => {
      assertUsageError(() => parseDuration(text, assume), '--duration', 'is not a duration', '3600', '1h30m');
    });
  }

  it('says a short value is too short, with the operation and the range in seconds and units', () => {
    const error = assertUsageError(() => parseDuration('600', assume));
    assert.equal(error.message, '--duration 600 is too short: AssumeRole accepts 900–43200 seconds (15m–12h)');
  });

  it('shows the seconds a unit form stands for', () => {
    const error = assertUsageError(() => parseDuration('13h', assume));
    assert.equal(error.message, '--duration 13h (46800 s) is too long: AssumeRole accepts 900–43200 seconds (15m–12h)');
    assert.ok(error.hints.some((hint) => hint.includes("role's own maximum session duration")));
  });

  it('names the narrower range and why', () => {
    const error = assertUsageError(() =>
      parseDuration('2h', { ...assumeRoleDuration, max: roleChainingMaxSeconds, flag: '--duration', qualifier: 'when chaining roles' }),
    );
    assert.equal(error.message, '--duration 2h (7200 s) is too long: AssumeRole accepts 900–3600 seconds (15m–1h) when chaining roles');
  });

  it('has the documented ranges for each operation', () => {
    assert.deepEqual([assumeRoleDuration.min, assumeRoleDuration.max], [900, 43200]);
    assert.deepEqual([getSessionTokenDuration.min, getSessionTokenDuration.max, getSessionTokenDuration.rootMax], [900, 129600, 3600]);
    assert.deepEqual(
      [getFederationTokenDuration.min, getFederationTokenDuration.max, getFederationTokenDuration.rootMax],
      [900, 129600, 3600],
    );
    assert.equal(parseDuration('36h', { ...getSessionTokenDuration, flag: '--duration' }), 129600);
    assertUsageError(() => parseDuration('37h', { ...getFederationTokenDuration, flag: '--duration' }), 'GetFederationToken accepts 900–129600 seconds (15m–36h)');
  });

  it('reports huge numbers as too long rather than overflowing', () => {
    assertUsageError(() => parseDuration('99999999999999999999', assume), 'is too long');
  });

  it('works without an operation name', () => {
    assertUsageError(() => parseDuration('1', { min: 2, max: 3, flag: '--wait' }), '--wait 1 is too short: it accepts 2–3 seconds (2s–3s)');
  });
});

describe('formatDuration', () => {
  it('writes the shortest unit form', () => {
    assert.equal(formatDuration(900), '15m');
    assert.equal(formatDuration(5400), '1h30m');
    assert.equal(formatDuration(129600), '36h');
    assert.equal(formatDuration(90), '1m30s');
    assert.equal(formatDuration(3661), '1h1m1s');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(-5), '0s');
  });
});
