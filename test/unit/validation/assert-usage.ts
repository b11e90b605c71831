import assert from 'node:assert/strict';

import { UsageError } from '../../../src/errors.js';

/** Asserts `fn` throws a UsageError (exit 2) whose message contains every fragment; returns it for more checks. */
export function assertUsageError(fn: () => unknown, ...fragments: readonly string[]): UsageError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UsageError, `expected a UsageError, got ${String(caught)}`);
  assert.equal(caught.exitCode, 2);
  for (const fragment of fragments) {
    assert.ok(caught.message.includes(fragment), `message ${JSON.stringify(caught.message)} should include ${JSON.stringify(fragment)}`);
  }
  return caught;
}
