// Failures of DecodeAuthorizationMessage itself (stsctl decode). Two need more than the generic entries say:
// - access denied: decoding needs its own permission, sts:DecodeAuthorizationMessage; say so, give the statement to
//   add, and point out that anyone who has it (in the account where the request was denied) can decode the message;
// - InvalidAuthorizationMessage: the message was damaged on the way (cut short, broken over lines), or it belongs
//   to another account or partition than the credentials decoding it.
// Runs after the category's own refiner and applies only when the failing operation is DecodeAuthorizationMessage.
import { parseArn, principalArnFor } from '../arn.js';
import { setCause, type CauseDraft } from '../cause.js';
import type { RefineInput } from '../draft.js';
import { identityPolicyStatement } from '../policy-statements.js';

const OPERATION = 'DecodeAuthorizationMessage';

export function isDecodeFailure(input: RefineInput): boolean {
  const operation = input.draft.operation ?? input.facts.operation ?? input.context.operation;
  return operation === OPERATION || /sts:DecodeAuthorizationMessage/.test(input.facts.text);
}

function refineDecodeAccessDenied(input: RefineInput): void {
  const { draft, facts, context } = input;
  const named = /User: (\S+) is not authorized to perform:? sts:DecodeAuthorizationMessage/.exec(facts.text)?.[1];
  const callerText = named ?? context.callerArn;
  const caller = callerText === undefined ? undefined : parseArn(callerText);
  const principal = caller === undefined ? callerText : principalArnFor(caller);
  const who = principal ?? (context.profile === undefined ? 'The identity in use' : `The identity of profile ${context.profile}`);

  draft.operation = OPERATION;
  draft.summary = `${who} may not call sts:DecodeAuthorizationMessage, so it cannot decode the message (AWS checks the permission before it reads the message).`;
  const causes: CauseDraft[] = [];
  setCause(
    causes,
    'decode-permission',
    'high',
    named === undefined ? undefined : `AWS says ${named} is not authorized to perform sts:DecodeAuthorizationMessage.`,
    'Decoding needs its own permission, sts:DecodeAuthorizationMessage, and no policy of this identity allows it.',
  );
  setCause(causes, 'wrong-identity', 'medium', undefined, 'The call ran as another identity or profile than the one that has the permission.');
  setCause(causes, 'explicit-deny', 'low', undefined, 'A service control policy or permissions boundary denies sts:DecodeAuthorizationMessage.');
  draft.causes = causes;
  draft.nextSteps = [
    `Ask an administrator to add this statement to ${principal ?? 'your identity'}’s policy:\n${identityPolicyStatement(['sts:DecodeAuthorizationMessage'], '*')}`,
    'Or have someone who has sts:DecodeAuthorizationMessage in the account where the request was denied decode it: stsctl decode --profile <their-profile> -   (or: aws sts decode-authorization-message --encoded-message <message>)',
    'Or decode it with another of your profiles in that account that has the permission: stsctl decode --profile <profile> -',
    'Check which identity made the call: stsctl whoami',
  ];
}

function refineInvalidMessage(input: RefineInput): void {
  const { draft, context } = input;
  draft.operation = OPERATION;
  draft.summary = 'AWS could not decode this message: it was damaged on the way, or it belongs to another account or partition.';
  const causes: CauseDraft[] = [];
  setCause(causes, 'truncated', 'high', undefined, 'The copy is incomplete: the message was cut short (a scrolled terminal, a log line limit, a chat message).');
  setCause(
    causes,
    'line-breaks',
    'high',
    undefined,
    'Line breaks or characters were added inside the message (a wrapped terminal or web page); stsctl joins wrapped lines it can recognise, but not every mangling.',
  );
  setCause(
    causes,
    'other-account',
    'medium',
    context.profile === undefined ? undefined : `It was decoded with the credentials of profile ${context.profile}.`,
    'The message was issued in another account than the one whose credentials decode it: decode it with credentials of the account where the request was denied.',
  );
  setCause(
    causes,
    'other-partition',
    'low',
    context.region === undefined ? undefined : `The STS region used is ${context.region}.`,
    'The message comes from another partition (AWS China, AWS GovCloud) than the STS endpoint that was asked.',
  );
  draft.causes = causes;
  draft.nextSteps = [
    'Copy the message again in one piece from the original output (a saved log file beats a terminal or chat), then: stsctl decode --file error.txt',
    'Decode it with credentials of the account where the request was denied: stsctl decode --profile <profile-in-that-account> -',
    'For AWS China or GovCloud, use a region of that partition: stsctl decode --region cn-north-1 -   (or us-gov-west-1)',
  ];
}

/** Adjusts the draft for failures of DecodeAuthorizationMessage; does nothing for any other operation. */
export function refineDecodeAuthorization(input: RefineInput): void {
  if (!isDecodeFailure(input)) return;
  const code = input.entry.code;
  if (input.draft.category === 'access-denied' && code === 'AccessDenied') refineDecodeAccessDenied(input);
  else if (code === 'InvalidAuthorizationMessageException') refineInvalidMessage(input);
}
