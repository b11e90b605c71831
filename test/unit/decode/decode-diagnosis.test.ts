// Diagnoses of DecodeAuthorizationMessage failures, through the classifier: a caller without the permission is told
// the statement to add and that someone with it can decode the message; an invalid message gets its likely causes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { classify } from '../../../src/diagnostics/classify.js';
import { ExitCode } from '../../../src/errors.js';

/** The error the SDK for JavaScript v3 throws for an STS error response. */
function sdkError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 } });
}

const context = { operation: 'DecodeAuthorizationMessage', profile: 'bob', region: 'us-east-1' } as const;

describe('decode failures through classify', () => {
  it('access denied: the permission is missing, here is the statement, someone with it can decode', () => {
    const diagnosis = classify(
      sdkError('AccessDenied', 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:DecodeAuthorizationMessage', 403),
      context,
    );
    assert.equal(diagnosis.exitCode, ExitCode.accessDenied);
    assert.equal(diagnosis.category, 'access-denied');
    assert.equal(diagnosis.operation, 'DecodeAuthorizationMessage');
    assert.match(diagnosis.summary, /arn:aws:iam::111111111111:user\/bob may not call sts:DecodeAuthorizationMessage/);
    assert.match(diagnosis.causes[0]?.cause ?? '', /sts:DecodeAuthorizationMessage/);
    const steps = diagnosis.nextSteps.join('\n');
    assert.match(steps, /"Action": "sts:DecodeAuthorizationMessage"/);
    assert.match(steps, /someone who has sts:DecodeAuthorizationMessage in the account where the request was denied decode it/);
    assert.doesNotMatch(steps, /If the error carries/);
  });

  it('access denied for a role session names the role in the statement to add', () => {
    const diagnosis = classify(
      sdkError('AccessDenied', 'User: arn:aws:sts::222222222222:assumed-role/Deploy/ci is not authorized to perform: sts:DecodeAuthorizationMessage', 403),
      context,
    );
    assert.match(diagnosis.nextSteps[0] ?? '', /arn:aws:iam::222222222222:role\/Deploy’s policy/);
  });

  it('invalid message: truncated copy, line breaks, another account or partition (exit 8)', () => {
    const diagnosis = classify(
      sdkError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid or was not issued by this service.', 400),
      { ...context, profile: 'alice' },
    );
    assert.equal(diagnosis.exitCode, ExitCode.validation);
    const causes = diagnosis.causes.map((c) => c.cause).join('\n');
    assert.match(causes, /cut short/);
    assert.match(causes, /Line breaks/);
    assert.match(causes, /another account/);
    assert.match(causes, /another partition/);
    assert.ok(diagnosis.causes.some((c) => c.evidence.some((e) => e.includes('profile alice'))));
  });

  it('leaves access denied for other operations alone', () => {
    const diagnosis = classify(
      sdkError('AccessDenied', 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deploy', 403),
      { operation: 'AssumeRole' },
    );
    assert.doesNotMatch(diagnosis.summary, /DecodeAuthorizationMessage/);
  });
});
