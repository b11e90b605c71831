// SSO sessions: the cached IAM Identity Center token has expired or could not be refreshed; signing in again is
// almost always the answer.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';

export function refineSsoExpired({ draft, facts, context }: RefineInput): void {
  if (/refresh failed|InvalidGrantException|invalid_grant/i.test(facts.text)) {
    setCause(draft.causes, 'refresh-rejected', 'high', 'The tool tried to refresh the token and was refused.');
  }
  if (/Session token not found or invalid/i.test(facts.text)) {
    setCause(draft.causes, 'session-expired', 'high', 'The SSO portal no longer accepts the cached access token.');
  }
  draft.summary =
    context.profile === undefined
      ? 'The IAM Identity Center (SSO) session has expired; sign in again.'
      : `The IAM Identity Center (SSO) session for profile ${context.profile} has expired; sign in again.`;
}
