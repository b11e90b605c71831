// Throttling: STS limits calls per account and per endpoint with a token bucket. The advice, in order: reuse
// credentials, spread load over regional endpoints, let the SDK back off with jitter (no loop on top), smooth bursts.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';
import { isGlobalStsEndpoint, parseEndpointHost } from '../regions.js';

export function refineThrottling({ draft, facts, context }: RefineInput): void {
  const attempts = facts.attempts ?? context.attempts;
  const service = facts.hostname === undefined ? undefined : parseEndpointHost(facts.hostname)?.service;
  const isSts = service === 'sts' || /^(?:AssumeRole\w*|GetCallerIdentity|GetSessionToken|GetFederationToken|DecodeAuthorizationMessage|GetAccessKeyInfo)$/.test(draft.operation ?? '');
  const what = isSts ? 'STS' : service === undefined ? 'AWS' : `AWS (${service.toUpperCase()})`;
  draft.summary =
    `${what} throttled the calls: too many requests for this account and endpoint` +
    (attempts === undefined ? '.' : `; gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}.`);
  if (attempts !== undefined) {
    const retries = attempts - 1;
    setCause(
      draft.causes,
      'burst',
      'high',
      retries > 0
        ? `The SDK made ${attempts} attempts (${retries} ${retries === 1 ? 'retry' : 'retries'} with backoff) and the bucket was still empty.`
        : 'The call was made once, with no retries allowed, while the bucket was empty.',
    );
  }
  if (isGlobalStsEndpoint(context.endpoint ?? facts.hostname)) {
    setCause(draft.causes, 'single-endpoint', 'high', 'The calls went to the global endpoint sts.amazonaws.com, shared by every caller in the account that does not use a regional one.');
  }
  if (/AssumeRole/.test(draft.operation ?? '')) {
    setCause(draft.causes, 'no-reuse', 'high', 'The throttled call is AssumeRole: role credentials last up to the role’s session duration and can be reused for every call until then.');
  }
  if (!isSts && service !== undefined) {
    // Outside STS only the retry advice carries over; per-service quotas differ.
    draft.nextSteps = draft.nextSteps.filter((step) => !/STS|stsctl/.test(step) || /retry|back off/i.test(step));
    draft.nextSteps.push(`Check the service quotas: aws service-quotas list-service-quotas --service-code ${service}`);
  }
}
