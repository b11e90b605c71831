// Region disabled: STS deactivated for the region in this account, or an opt-in region the account never enabled.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';
import { findRegionsInText, isOptInRegion, parseEndpointHost } from '../regions.js';

export function refineRegionDisabled({ draft, facts, context, entry }: RefineInput): void {
  const hostRegion = facts.hostname === undefined ? undefined : parseEndpointHost(facts.hostname)?.regionLabel;
  const region = context.region ?? (hostRegion === 'global' ? undefined : hostRegion) ?? findRegionsInText(facts.text)[0];
  if (region !== undefined) {
    draft.vars.region = region;
    draft.summary = `${draft.summary.replace(/\.$/, '')} (${region}).`;
  }
  const account = /for account:? ?(\w+)/.exec(facts.text)?.[1] ?? context.account;
  if (account !== undefined) setCause(draft.causes, entry.causes[0]?.id ?? 'sts-deactivated', 'high', `AWS names account ${account}.`);
  if (entry.code === 'RegionDisabledException' && region !== undefined && isOptInRegion(region)) {
    setCause(draft.causes, 'opt-in', 'medium', `${region} is an opt-in region.`, `${region} is an opt-in region that must be enabled for the account before STS works there.`);
    draft.nextSteps.push(`Enable the region: aws account enable-region --region-name ${region}`);
  }
}
