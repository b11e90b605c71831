import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextWarnings } from '../../../src/commands/whoami.js';
import type { Resolution } from '../../../src/profiles/types.js';

function resolution(overrides: Partial<Resolution>): Resolution {
  return {
    profileExists: true,
    chain: [],
    endpoint: { url: 'https://sts.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1', scope: 'regional', origin: { source: 'derived', detail: 'regional endpoint for eu-west-1' } },
    region: { value: 'eu-west-1', origin: { source: 'env', detail: 'AWS_REGION' } },
    retry: {},
    warnings: [],
    ...overrides,
  };
}

describe('whoami context warnings', () => {
  it('says nothing for a region and a regional endpoint', () => {
    assert.deepEqual(contextWarnings(resolution({})), []);
  });

  it('warns about the global endpoint and a missing region', () => {
    const warnings = contextWarnings(
      resolution({
        region: undefined,
        endpoint: { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', scope: 'global', origin: { source: 'default', detail: 'no region set' } },
      }),
    );
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /No region is set/);
    assert.match(warnings[1] ?? '', /global STS endpoint/);
  });
});
