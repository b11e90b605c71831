// Invalid credentials (InvalidClientTokenId and friends, SignatureDoesNotMatch): uses what the context knows about
// the key (ASIA without a session token, AKIA with a leftover token), the region (other partition, opt-in region
// reached through the global endpoint) and the operation (IAM called with GetSessionToken credentials).
import { findArns } from '../arn.js';
import { setCause } from '../cause.js';
import { appendStep, prependStep, type RefineInput } from '../draft.js';
import { findRegionsInText, isGlobalStsEndpoint, isOptInRegion, parseEndpointHost, partitionOfRegion } from '../regions.js';
import { maskAccessKeyId } from '../../text/mask.js';

const IAM_OPERATIONS = /^(?:List|Get|Create|Delete|Update|Put|Attach|Detach|Tag|Untag)(?:Users?|Roles?|Groups?|Polic(?:y|ies)|AccessKeys?|MFADevices?|Account\w*|InstanceProfiles?|RolePolic\w*|UserPolic\w*|LoginProfile|ServerCertificates?)$/;

function regionInUse(input: RefineInput): string | undefined {
  const { context, facts } = input;
  if (context.region !== undefined) return context.region;
  const host = facts.hostname === undefined ? undefined : parseEndpointHost(facts.hostname);
  if (host !== undefined && host.regionLabel !== 'global') return host.regionLabel;
  return findRegionsInText(facts.text)[0];
}

function refineSignature({ draft, context }: RefineInput): void {
  const offset = context.clockOffsetMs;
  if (offset !== undefined) {
    setCause(draft.causes, 'clock', 'low', `The clock was measured ${Math.round(Math.abs(offset) / 1000)} s off AWS time, too little to explain this.`);
  }
  if (context.endpoint !== undefined && parseEndpointHost(context.endpoint) === undefined) {
    setCause(draft.causes, 'altered-request', 'medium', `An endpoint override is in use (${context.endpoint}); a proxy in front of it may change the signed host.`);
  }
}

export function refineInvalidCredentials(input: RefineInput): void {
  const { draft, context, entry } = input;
  if (entry.code === 'SignatureDoesNotMatch') {
    refineSignature(input);
    return;
  }
  if (entry.code === 'IncompleteSignature') return;
  const keyId = context.accessKeyId;
  const masked = keyId === undefined ? undefined : maskAccessKeyId(keyId);
  if (keyId !== undefined && keyId.startsWith('ASIA') && context.hasSessionToken === false) {
    setCause(
      draft.causes,
      'temp-without-token',
      'high',
      `The key ${masked} starts with ASIA (temporary) but no session token was sent.`,
      'Temporary credentials were used without their session token (AWS_SESSION_TOKEN / aws_session_token is missing).',
    );
    setCause(draft.causes, 'key-deleted', 'low');
    prependStep(draft, 'Also export the session token that was issued with this key (AWS_SESSION_TOKEN), or get a fresh set: eval "$(stsctl assume {role})"');
  }
  if (keyId !== undefined && keyId.startsWith('AKIA') && context.hasSessionToken === true) {
    setCause(
      draft.causes,
      'stale-token',
      'high',
      `The key ${masked} is a long-term key (AKIA) but a session token was sent with it.`,
      'A leftover session token (AWS_SESSION_TOKEN) is being sent with long-term keys, which makes AWS reject them.',
    );
    prependStep(draft, 'Remove the leftover token: unset AWS_SESSION_TOKEN   (or: eval "$(stsctl assume --unset)")');
  }
  if (keyId !== undefined && keyId.startsWith('ASIA') && context.hasSessionToken === true) {
    setCause(draft.causes, 'key-deleted', 'medium', `The key ${masked} is temporary; its session may have been revoked or issued for another region.`, 'The temporary credentials were revoked, expired early or belong to another partition.');
  }
  const region = regionInUse(input);
  if (region !== undefined) {
    const partition = partitionOfRegion(region);
    const callerPartition = context.callerArn === undefined ? undefined : findArns(context.callerArn)[0]?.partition;
    if (partition !== 'aws' || (callerPartition !== undefined && callerPartition !== partition)) {
      setCause(
        draft.causes,
        'other-partition',
        'high',
        `The region ${region} is in partition ${partition}${callerPartition === undefined ? '' : ` and the caller in ${callerPartition}`}; keys never work across partitions.`,
      );
    }
    if (isOptInRegion(region)) {
      const global = isGlobalStsEndpoint(context.endpoint);
      setCause(
        draft.causes,
        'opt-in-region-token',
        global ? 'high' : 'medium',
        global
          ? `${region} is an opt-in region and the credentials came from the global endpoint ${context.endpoint}, which issues tokens that opt-in regions reject.`
          : `${region} is an opt-in region; session tokens from the global STS endpoint are only valid there once the account issues version-2 tokens.`,
      );
      appendStep(draft, `Get the session from the regional endpoint instead: export AWS_STS_REGIONAL_ENDPOINTS=regional AWS_REGION=${region}`);
      appendStep(draft, 'Or make the global endpoint issue tokens valid in all regions: aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token');
      appendStep(draft, `Make sure ${region} is enabled in the account the credentials belong to: aws account get-region-opt-status --region-name ${region}`);
    }
  }
  const operation = draft.operation ?? '';
  if (IAM_OPERATIONS.test(operation) && (keyId === undefined || keyId.startsWith('ASIA'))) {
    setCause(
      draft.causes,
      'session-token-for-iam',
      keyId === undefined ? 'medium' : 'high',
      `The failing call is the IAM operation ${operation}.`,
      'Credentials from GetSessionToken cannot call IAM unless the session was created with MFA.',
    );
    appendStep(draft, 'Get the session with MFA (aws sts get-session-token --serial-number {mfaSerial} --token-code CODE), or assume a role instead: stsctl assume {role}');
  }
}
