// Resource not found: AWS resources live in one region of one account. Compares the region and account in use
// (context) with those the message or its ARNs name, and says so plainly when they differ.
import { accountOf, findArns } from '../arn.js';
import { setCause } from '../cause.js';
import { prependStep, type RefineInput } from '../draft.js';
import { findRegionsInText } from '../regions.js';

export function refineResourceNotFound({ draft, facts, context }: RefineInput): void {
  const arns = findArns(facts.text);
  const namedRegions = [...new Set([...arns.map((a) => a.region).filter((r) => r !== ''), ...findRegionsInText(facts.message)])];
  const namedAccounts = [...new Set(arns.map(accountOf).filter((a): a is string => a !== undefined))];
  const usedRegion = context.region;
  const usedAccount = context.account;
  const parts: string[] = [];
  parts.push(`in use: account ${usedAccount ?? 'unknown'}, region ${usedRegion ?? 'unknown'}`);
  if (namedRegions.length > 0 || namedAccounts.length > 0) {
    parts.push(`named by the error: ${namedAccounts.length > 0 ? `account ${namedAccounts.join(', ')}` : ''}${namedAccounts.length > 0 && namedRegions.length > 0 ? ', ' : ''}${namedRegions.length > 0 ? `region ${namedRegions.join(', ')}` : ''}`);
  }
  const overview = parts.join('; ');
  const otherRegion = usedRegion === undefined ? undefined : namedRegions.find((r) => r !== usedRegion);
  const otherAccount = usedAccount === undefined ? undefined : namedAccounts.find((a) => a !== usedAccount);

  if (otherRegion !== undefined) {
    setCause(draft.causes, 'wrong-region', 'high', `The resource is in ${otherRegion} but the request went to ${usedRegion}.`);
    draft.summary = `The resource is in region ${otherRegion}, but the request went to ${usedRegion}.`;
    prependStep(draft, `Retry in the resource’s region: --region ${otherRegion}   (or export AWS_REGION=${otherRegion})`);
  } else if (usedRegion !== undefined && namedRegions.includes(usedRegion)) {
    setCause(draft.causes, 'wrong-region', 'low', `The request went to ${usedRegion}, the region the error names.`);
    setCause(draft.causes, 'typo', 'high');
  } else if (namedRegions.length > 0) {
    setCause(draft.causes, 'wrong-region', 'high', `The error names region ${namedRegions.join(', ')}; check it is the region in use (unknown here).`);
    prependStep(draft, `Retry in that region: --region ${namedRegions[0]}`);
  }
  if (otherAccount !== undefined) {
    setCause(draft.causes, 'wrong-account', 'high', `The resource belongs to account ${otherAccount} but the credentials are for ${usedAccount}.`);
    if (otherRegion === undefined) draft.summary = `The resource belongs to account ${otherAccount}, but the credentials are for ${usedAccount}.`;
    prependStep(draft, `Use credentials for account ${otherAccount} (a profile or a role there): stsctl assume arn:aws:iam::${otherAccount}:role/ROLE_NAME`);
  }
  if (otherRegion === undefined && otherAccount === undefined) {
    draft.summary =
      usedRegion === undefined && namedRegions.length > 0
        ? `The resource was not found; the error names region ${namedRegions.join(', ')}, so check the request went there.`
        : usedRegion === undefined && usedAccount === undefined
          ? 'The resource was not found in the region and account the request used.'
          : `The resource was not found (${overview}).`;
  }
  setCause(draft.causes, 'wrong-account', draft.causes.find((c) => c.id === 'wrong-account')?.likelihood ?? 'medium', overview);
}
