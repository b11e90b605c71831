// Expired credentials: the session ran out, or variables exported earlier still hold an old session. A long-term
// key sent with a session token points straight at the second.
import { setCause } from '../cause.js';
import { prependStep, type RefineInput } from '../draft.js';
import { maskAccessKeyId } from '../../text/mask.js';
import { describeOffset } from './clock-skew.js';

export function refineExpiredCredentials({ draft, context }: RefineInput): void {
  const keyId = context.accessKeyId;
  if (keyId !== undefined && keyId.startsWith('AKIA') && context.hasSessionToken === true) {
    setCause(draft.causes, 'stale-env', 'high', `The key ${maskAccessKeyId(keyId)} is long-term, yet a session token was sent with it: an old AWS_SESSION_TOKEN is still set.`);
    setCause(draft.causes, 'session-expired', 'low');
    prependStep(draft, 'Remove the leftover token: unset AWS_SESSION_TOKEN');
  }
  const offset = context.clockOffsetMs;
  if (offset !== undefined && offset > 5 * 60_000) {
    setCause(draft.causes, 'clock-ahead', 'medium', `The clock is ${describeOffset(offset)} AWS time.`, 'This computer’s clock is ahead, so credentials look expired to software that checks expiry locally.');
  }
  if (context.profile !== undefined) draft.summary = `The temporary credentials for profile ${context.profile} have expired.`;
}
