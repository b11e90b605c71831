// The catalogue: every STS error code (common and per operation) and every client-side failure has an entry with
// a valid category, the exit code DESIGN.md assigns, a summary, causes, next steps and an AWS docs link.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue, findCatalogueEntry } from '../../../src/diagnostics/catalogue.js';
import { classify } from '../../../src/diagnostics/classify.js';
import { categories, type Category } from '../../../src/diagnostics/types.js';
import { ExitCode } from '../../../src/errors.js';

/** Code → [category, exit code], as the exit-code table in DESIGN.md prescribes. */
const expected: ReadonlyArray<readonly [string, Category, number]> = [
  ['AccessDenied', 'access-denied', ExitCode.accessDenied],
  ['AccessDeniedException', 'access-denied', ExitCode.accessDenied],
  ['IncompleteSignature', 'invalid-credentials', ExitCode.credentials],
  ['InternalFailure', 'other', ExitCode.network],
  ['InvalidAction', 'validation', ExitCode.validation],
  ['InvalidClientTokenId', 'invalid-credentials', ExitCode.credentials],
  ['InvalidParameterCombination', 'validation', ExitCode.validation],
  ['InvalidParameterValue', 'validation', ExitCode.validation],
  ['InvalidQueryParameter', 'validation', ExitCode.validation],
  ['MalformedQueryString', 'validation', ExitCode.validation],
  ['MissingAction', 'validation', ExitCode.validation],
  ['MissingAuthenticationToken', 'no-credentials', ExitCode.credentials],
  ['MissingParameter', 'validation', ExitCode.validation],
  ['OptInRequired', 'region-disabled', ExitCode.network],
  ['RequestExpired', 'clock-skew', ExitCode.credentials],
  ['ServiceUnavailable', 'network', ExitCode.network],
  ['Throttling', 'throttling', ExitCode.throttled],
  ['ThrottlingException', 'throttling', ExitCode.throttled],
  ['TooManyRequestsException', 'throttling', ExitCode.throttled],
  ['RequestLimitExceeded', 'throttling', ExitCode.throttled],
  ['ValidationError', 'validation', ExitCode.validation],
  ['ExpiredToken', 'expired-credentials', ExitCode.credentials],
  ['ExpiredTokenException', 'expired-credentials', ExitCode.credentials],
  ['RegionDisabledException', 'region-disabled', ExitCode.network],
  ['MalformedPolicyDocument', 'policy-document', ExitCode.validation],
  ['MalformedPolicyDocumentException', 'policy-document', ExitCode.validation],
  ['PackedPolicyTooLarge', 'policy-document', ExitCode.validation],
  ['PackedPolicyTooLargeException', 'policy-document', ExitCode.validation],
  ['IDPRejectedClaim', 'web-identity', ExitCode.credentials],
  ['IDPCommunicationError', 'web-identity', ExitCode.network],
  ['InvalidIdentityToken', 'web-identity', ExitCode.credentials],
  ['InvalidAuthorizationMessage', 'validation', ExitCode.validation],
  ['InvalidAuthorizationMessageException', 'validation', ExitCode.validation],
  ['SignatureDoesNotMatch', 'invalid-credentials', ExitCode.credentials],
  ['InvalidSignatureException', 'invalid-credentials', ExitCode.credentials],
  ['ResourceNotFound', 'resource-not-found', ExitCode.validation],
  ['ResourceNotFoundException', 'resource-not-found', ExitCode.validation],
  ['UnauthorizedOperation', 'access-denied', ExitCode.accessDenied],
  ['UnauthorizedAccess', 'access-denied', ExitCode.accessDenied],
  ['AuthFailure', 'invalid-credentials', ExitCode.credentials],
  ['UnrecognizedClientException', 'invalid-credentials', ExitCode.credentials],
  ['NoCredentialsError', 'no-credentials', ExitCode.credentials],
  ['TokenRetrievalError', 'sso-expired', ExitCode.credentials],
  ['UnauthorizedSSOTokenError', 'sso-expired', ExitCode.credentials],
  ['ProfileNotFound', 'profile-config', ExitCode.config],
  ['ENOTFOUND', 'network', ExitCode.network],
  ['EAI_AGAIN', 'network', ExitCode.network],
  ['ECONNREFUSED', 'network', ExitCode.network],
  ['ECONNRESET', 'network', ExitCode.network],
  ['ETIMEDOUT', 'network', ExitCode.network],
  ['TimeoutError', 'network', ExitCode.network],
  ['RequestTimeout', 'network', ExitCode.network],
  ['CERT_HAS_EXPIRED', 'network', ExitCode.network],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'network', ExitCode.network],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'network', ExitCode.network],
  ['EndpointConnectionError', 'network', ExitCode.network],
  ['ProxyConnectionError', 'network', ExitCode.network],
];

describe('error catalogue', () => {
  it('maps every STS API code and every client-side failure to the category and exit code of DESIGN.md', () => {
    for (const [code, category, exitCode] of expected) {
      const entry = findCatalogueEntry(code);
      assert.ok(entry !== undefined, `${code} is missing`);
      assert.equal(entry.category, category, code);
      assert.equal(entry.exitCode, exitCode, code);
    }
  });

  it('gives every entry a valid category, exit code, summary, causes, steps and an https docs link', () => {
    const exitCodes = new Set<number>(Object.values(ExitCode));
    const seen = new Set<string>();
    for (const entry of catalogue) {
      assert.ok((categories as readonly string[]).includes(entry.category), entry.code);
      assert.ok(exitCodes.has(entry.exitCode) && entry.exitCode !== ExitCode.ok, entry.code);
      assert.ok(entry.summary.length > 10, entry.code);
      assert.ok(entry.causes.length > 0, entry.code);
      assert.ok(entry.nextSteps.length > 0, entry.code);
      assert.match(entry.docs, /^https:\/\/docs\.aws\.amazon\.com\//, entry.code);
      for (const name of [entry.code, ...entry.aliases]) {
        assert.ok(!seen.has(name.toLowerCase()), `${name} appears twice`);
        seen.add(name.toLowerCase());
      }
    }
  });

  it('finds entries however the SDKs spell the code', () => {
    const spellings: ReadonlyArray<readonly [string, string]> = [
      ['software.amazon.awssdk.services.sts.model.ExpiredTokenException', 'ExpiredToken'],
      ['com.amazonaws.services.securitytoken.model.RegionDisabledException', 'RegionDisabledException'],
      ['botocore.exceptions.NoCredentialsError', 'NoCredentials'],
      ['Aws::STS::Errors::AccessDenied', 'AccessDenied'],
      ['com.amazonaws.switchboard.portal#UnauthorizedException', 'AccessDenied'],
      ['accessdenied', 'AccessDenied'],
      ['IDPRejectedClaimException', 'IDPRejectedClaim'],
    ];
    for (const [spelling, code] of spellings) assert.equal(findCatalogueEntry(spelling)?.code, code, spelling);
    assert.equal(findCatalogueEntry('StsException'), undefined);
    assert.equal(findCatalogueEntry(''), undefined);
  });

  it('classifies a bare SDK error of every AWS code into its entry’s category', () => {
    for (const entry of catalogue.filter((e) => e.fromAws)) {
      const error = Object.assign(new Error('message'), { name: entry.code, $metadata: { httpStatusCode: 400 } });
      const d = classify(error);
      assert.equal(d.category, entry.category, entry.code);
      assert.equal(d.exitCode, entry.exitCode, entry.code);
      assert.equal(d.code, entry.code);
      assert.equal(d.docs, entry.docs);
    }
  });
});
