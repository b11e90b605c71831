// Region set, and a regional STS endpoint in use: the global endpoint (sts.amazonaws.com) adds latency, shares one
// throttling bucket per account, and issues v1 tokens that opt-in regions reject.
import type { Resolution } from '../profiles/types.js';
import { pass, skip, warn, type DoctorCheck } from './check.js';

export function checkRegionAndEndpoint(resolution: Resolution | undefined): DoctorCheck {
  if (!resolution) return skip('region-endpoint', 'Skipped: the profile does not resolve.');
  const { region, endpoint } = resolution;
  const regionText = region ? `region ${region.value} (from ${region.origin.detail})` : 'no region';
  const endpointText = `${endpoint.url} (${endpoint.scope}, from ${endpoint.origin.detail})`;
  const details = [`STS endpoint ${endpointText}`];
  if (!region) {
    return warn('region-endpoint', 'No region is set, so STS calls go to the global endpoint and most other AWS commands fail or guess.', {
      details,
      fix: ['Set one: export AWS_REGION=eu-west-1 (or region = … in the profile, or --region).'],
    });
  }
  if (endpoint.scope === 'global') {
    return warn('region-endpoint', `With ${regionText}, STS calls still go to the global endpoint.`, {
      details,
      fix: ['Use the regional endpoint: unset AWS_STS_REGIONAL_ENDPOINTS, or set sts_regional_endpoints = regional in the profile.'],
    });
  }
  if (endpoint.scope === 'custom') return pass('region-endpoint', `${regionText}; custom STS endpoint ${endpoint.url} (from ${endpoint.origin.detail}).`);
  return pass('region-endpoint', `${regionText}; regional STS endpoint ${endpoint.url}.`);
}
