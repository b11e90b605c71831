// Network failures: looks at the host the request went to. A host built from something that is not a region
// (sts.eu.amazonaws.com, sts.us-east-1a.amazonaws.com) cannot resolve; a local endpoint override that refuses the
// connection is a stopped emulator; TLS failures behind corporate proxies need the proxy's CA.
import { setCause } from '../cause.js';
import { prependStep, type RefineInput } from '../draft.js';
import { isRegionName, parseEndpointHost } from '../regions.js';
import { describeOffset } from './clock-skew.js';

function hostOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');
}

export function refineNetwork({ draft, facts, context, entry }: RefineInput): void {
  const host = facts.hostname ?? hostOf(context.endpoint);
  const endpoint = host === undefined ? undefined : parseEndpointHost(host);
  if (host !== undefined) draft.summary = `${draft.summary.replace(/\.$/, '')} (${host}).`;
  if (endpoint !== undefined && endpoint.regionLabel !== 'global' && !isRegionName(endpoint.regionLabel)) {
    const label = endpoint.regionLabel;
    setCause(
      draft.causes,
      'bad-region',
      'high',
      `The host ${endpoint.host} contains "${label}", which is not an AWS region name.`,
      `The region is set to "${label}", which is not a region, so the endpoint host does not exist.`,
    );
    draft.summary = `The region "${label}" is not an AWS region, so ${endpoint.host} does not exist.`;
    const hint = /^[a-z]{2}-[a-z]+-\d[a-z]$/.test(label) ? ` ("${label}" is an availability zone; the region is "${label.slice(0, -1)}")` : '';
    prependStep(draft, `Set a full region name${hint}: export AWS_REGION=${hint === '' ? 'eu-west-1' : label.slice(0, -1)}   (see: aws ec2 describe-regions --query "Regions[].RegionName")`);
  } else if (endpoint !== undefined) {
    setCause(draft.causes, 'bad-region', 'low', `${endpoint.host} is a well-formed endpoint.`);
  }
  const local = host !== undefined && /^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0)$/.test(host);
  if (entry.code === 'ConnectionRefused' && local) {
    setCause(draft.causes, 'local-endpoint', 'high', `The connection to ${host} was refused: nothing listens there.`);
    prependStep(draft, 'Start the local endpoint, or remove the override: unset AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL');
  }
  if (context.endpoint !== undefined && parseEndpointHost(context.endpoint) === undefined) {
    setCause(draft.causes, 'override', 'high', `An endpoint override is in use: ${context.endpoint}.`, 'An endpoint override (AWS_ENDPOINT_URL_STS) points somewhere unreachable.');
  }
  if (entry.code === 'TlsFailure') {
    if (/self[- ]signed|SELF_SIGNED|local issuer|UNABLE_TO_VERIFY_LEAF_SIGNATURE|first certificate|PKIX/i.test(facts.text)) {
      setCause(draft.causes, 'inspection', 'high', 'The certificate chain ends in a certificate authority this machine does not trust, the mark of TLS inspection.');
    }
    if (/CERT_HAS_EXPIRED|certificate has expired|CERT_NOT_YET_VALID/i.test(facts.text) && context.clockOffsetMs !== undefined && Math.abs(context.clockOffsetMs) > 24 * 3_600_000) {
      setCause(draft.causes, 'clock', 'high', `The clock is ${describeOffset(context.clockOffsetMs)} AWS time.`);
    }
  }
  if (entry.code === 'Timeout' && endpoint?.regionLabel === 'global') {
    setCause(draft.causes, 'no-route', 'high', 'The request went to the global endpoint sts.amazonaws.com; from a private subnet only a regional STS VPC endpoint is reachable.');
    prependStep(draft, 'Use the regional endpoint: export AWS_STS_REGIONAL_ENDPOINTS=regional AWS_REGION={region}');
  }
  if (facts.attempts !== undefined && facts.attempts > 1) {
    setCause(draft.causes, entry.causes[0]?.id ?? 'no-route', draft.causes[0]?.likelihood ?? 'medium', `It failed on all ${facts.attempts} attempts.`);
  }
}
