// Policy documents: points at the principal IAM rejected, or at the packed size AWS reports.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';

export function refinePolicyDocument({ draft, facts, entry }: RefineInput): void {
  const principal = /Invalid principal in policy: ([^\n]+)/.exec(facts.text)?.[1];
  if (principal !== undefined) {
    draft.summary = `IAM rejected the principal ${principal.trim()}.`;
    setCause(draft.causes, 'invalid-principal', 'high', `AWS says the principal ${principal.trim()} is invalid.`, 'The principal does not exist (yet), is misspelt, or was deleted and recreated.');
    setCause(draft.causes, 'syntax', 'low');
    draft.nextSteps.unshift('Check the principal exists: aws iam get-role --role-name <name>   (create it before the policy that trusts it)');
  }
  const percent = /(\d+)\s*%/.exec(facts.text)?.[1];
  if (entry.code === 'PackedPolicyTooLarge' && percent !== undefined) {
    draft.summary = `The session policies and tags use ${percent}% of the space AWS allows.`;
  }
}
