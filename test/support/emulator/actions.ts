// The five STS actions. Each takes the authenticated caller and the request parameters, applies STS's rules in a
// fixed order (syntax, session-credential restrictions, identity policy, MFA, trust, policy document, duration
// limits) and returns the Result elements.
import type { AuthorizationMessages } from './authorization-messages.js';
import { demo, type StsAction } from './demo.js';
import { findRole, findTrustedPrincipalArn, isActionAllowed, isTrusted } from './policy.js';
import { formatAssumedRoleArn, formatFederatedUserArn, type Caller, type CredentialStore, type IssuedSession } from './principals.js';
import {
  StsError,
  createAccessDenied,
  createValidationError,
  formatNotAuthorized,
  formatPackedPolicyTooLarge,
  stsMessages,
} from './sts-errors.js';
import { DURATION_LIMITS, readDuration, validateParameters } from './validation.js';
import type { XmlElements } from './xml.js';

export interface ActionContext {
  readonly caller: Caller;
  readonly params: URLSearchParams;
  /** Emulator-clock milliseconds. */
  readonly now: number;
  readonly region: string;
  readonly store: CredentialStore;
  readonly messages: AuthorizationMessages;
}

export type ActionHandler = (context: ActionContext) => XmlElements;

/**
 * The packed-policy budget of this emulator, in characters of minified policy JSON. AWS compresses the policy
 * into a binary form with an undisclosed limit; a fixed, documented budget keeps PackedPolicySize predictable:
 * percent = ceil(minified length × 100 / PACKED_POLICY_LIMIT), rejected above 100.
 */
export const PACKED_POLICY_LIMIT = 1600;

/** AWS writes Expiration as ISO 8601 UTC without milliseconds. */
export function formatExpiration(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderCredentials(session: IssuedSession): XmlElements {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: formatExpiration(session.expiration),
  };
}

function assertValid(action: StsAction, params: URLSearchParams): void {
  const error = validateParameters(action, params);
  if (error) throw error;
}

/** Parses the optional session policy; returns its PackedPolicySize, or undefined when none was passed. */
function measurePolicy(params: URLSearchParams): number | undefined {
  const policy = params.get('Policy');
  if (policy === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new StsError(400, 'MalformedPolicyDocument', stsMessages.malformedPolicy);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StsError(400, 'MalformedPolicyDocument', stsMessages.malformedPolicy);
  }
  const percent = Math.ceil((JSON.stringify(parsed).length * 100) / PACKED_POLICY_LIMIT);
  if (percent > 100) throw new StsError(400, 'PackedPolicyTooLarge', formatPackedPolicyTooLarge(percent));
  return percent;
}

/**
 * Checks SerialNumber/TokenCode when given. Returns true when a valid MFA code was presented in this request.
 * The only device is alice's; the only valid code is demo.mfaCode.
 */
function checkMfa(caller: Caller, params: URLSearchParams): boolean {
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if (serial === null && code === null) return false;
  if (serial === null || code === null) throw createAccessDenied(stsMessages.mfaIncomplete);
  // Role and federated sessions own no MFA device.
  const ownsDevice = caller.session?.source !== 'role' && caller.session?.source !== 'federation';
  if (!ownsDevice || caller.principal.mfaSerial !== serial) throw createAccessDenied(stsMessages.mfaUnknownDevice);
  if (code !== demo.mfaCode) throw createAccessDenied(stsMessages.mfaInvalidCode);
  return true;
}

function getCallerIdentity({ caller }: ActionContext): XmlElements {
  return { Arn: caller.identity.arn, UserId: caller.identity.userId, Account: caller.identity.accountId };
}

function assumeRole({ caller, params, now, store }: ActionContext): XmlElements {
  assertValid('AssumeRole', params);
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  if (caller.principal.kind === 'root' && caller.session?.source !== 'role') throw createAccessDenied(stsMessages.rootAssumeRole);
  const denied = createAccessDenied(formatNotAuthorized(caller.identity.arn, 'sts:AssumeRole', roleArn));
  if (!isActionAllowed(caller, 'AssumeRole')) throw denied;
  const mfaPresent = checkMfa(caller, params) || (caller.session?.mfaAuthenticated ?? false);
  const role = findRole(roleArn);
  const externalId = params.get('ExternalId') ?? undefined;
  const trusted =
    role !== undefined &&
    role.partition === caller.principal.partition &&
    isTrusted(role, findTrustedPrincipalArn(caller), { mfaPresent, ...(externalId === undefined ? {} : { externalId }) });
  if (!role || !trusted) throw denied;
  const packedPolicySize = measurePolicy(params);
  const chained = caller.session?.source === 'role';
  const duration = readDuration(params, DURATION_LIMITS.AssumeRole.default);
  if (chained && duration > DURATION_LIMITS.roleChainingMax) throw createValidationError(stsMessages.roleChaining);
  if (duration > role.maxSessionDuration) throw createValidationError(stsMessages.maxSessionDuration);
  // Once set, a source identity sticks to every chained session and cannot be changed.
  const inherited = caller.session?.sourceIdentity;
  const requested = params.get('SourceIdentity') ?? undefined;
  if (inherited !== undefined && requested !== undefined && requested !== inherited) {
    throw createAccessDenied(formatNotAuthorized(caller.identity.arn, 'sts:SetSourceIdentity', roleArn));
  }
  const sourceIdentity = requested ?? inherited;
  const policy = params.get('Policy') ?? undefined;
  const session = store.mint({
    issuedAt: now,
    expiration: now + duration * 1000,
    source: 'role',
    principal: caller.principal,
    role,
    roleSessionName: sessionName,
    mfaAuthenticated: mfaPresent,
    chained,
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    ...(policy === undefined ? {} : { policy }),
  });
  return {
    Credentials: renderCredentials(session),
    AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: formatAssumedRoleArn(role, sessionName) },
    PackedPolicySize: packedPolicySize,
    SourceIdentity: sourceIdentity,
  };
}

function getSessionToken({ caller, params, now, store }: ActionContext): XmlElements {
  assertValid('GetSessionToken', params);
  if (caller.session) throw createAccessDenied(stsMessages.getSessionTokenWithSession);
  if (!isActionAllowed(caller, 'GetSessionToken')) {
    throw createAccessDenied(formatNotAuthorized(caller.identity.arn, 'sts:GetSessionToken'));
  }
  const mfaAuthenticated = checkMfa(caller, params);
  const isRoot = caller.principal.kind === 'root';
  const requested = readDuration(params, isRoot ? DURATION_LIMITS.rootMax : DURATION_LIMITS.GetSessionToken.default);
  // Root sessions are silently shortened to one hour rather than refused.
  const duration = isRoot ? Math.min(requested, DURATION_LIMITS.rootMax) : requested;
  const session = store.mint({
    issuedAt: now,
    expiration: now + duration * 1000,
    source: 'session-token',
    principal: caller.principal,
    mfaAuthenticated,
    chained: false,
  });
  return { Credentials: renderCredentials(session) };
}

function getFederationToken({ caller, params, now, store }: ActionContext): XmlElements {
  assertValid('GetFederationToken', params);
  if (caller.session) throw createAccessDenied(stsMessages.getFederationTokenWithSession);
  const name = params.get('Name') ?? '';
  if (!isActionAllowed(caller, 'GetFederationToken')) {
    throw createAccessDenied(
      formatNotAuthorized(caller.identity.arn, 'sts:GetFederationToken', formatFederatedUserArn(caller.principal, name)),
    );
  }
  const packedPolicySize = measurePolicy(params);
  const isRoot = caller.principal.kind === 'root';
  const requested = readDuration(params, DURATION_LIMITS.GetFederationToken.default);
  const duration = isRoot ? Math.min(requested, DURATION_LIMITS.rootMax) : requested;
  const policy = params.get('Policy') ?? undefined;
  const session = store.mint({
    issuedAt: now,
    expiration: now + duration * 1000,
    source: 'federation',
    principal: caller.principal,
    federatedName: name,
    mfaAuthenticated: false,
    chained: false,
    ...(policy === undefined ? {} : { policy }),
  });
  return {
    Credentials: renderCredentials(session),
    FederatedUser: {
      FederatedUserId: `${caller.principal.accountId}:${name}`,
      Arn: formatFederatedUserArn(caller.principal, name),
    },
    PackedPolicySize: packedPolicySize,
  };
}

function decodeAuthorizationMessage({ caller, params, messages }: ActionContext): XmlElements {
  assertValid('DecodeAuthorizationMessage', params);
  if (!isActionAllowed(caller, 'DecodeAuthorizationMessage')) {
    throw createAccessDenied(formatNotAuthorized(caller.identity.arn, 'sts:DecodeAuthorizationMessage'));
  }
  const decoded = messages.decode(params.get('EncodedMessage') ?? '');
  if (decoded === undefined) {
    throw new StsError(400, 'InvalidAuthorizationMessageException', stsMessages.invalidAuthorizationMessage);
  }
  return { DecodedMessage: decoded };
}

const handlers: Record<StsAction, ActionHandler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetFederationToken: getFederationToken,
  DecodeAuthorizationMessage: decodeAuthorizationMessage,
};

export function findActionHandler(action: string): ActionHandler | undefined {
  return Object.hasOwn(handlers, action) ? handlers[action as StsAction] : undefined;
}

export function createInvalidAction(action: string, version: string): StsError {
  return new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
}
