// One error type for everything the emulator refuses, carrying what the wire needs: HTTP status, AWS error code
// and AWS's own wording. The wording matters because stsctl's diagnostics match on it the way they would on AWS.

export class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StsError';
  }

  /** AWS reports server-side failures as Receiver and everything the caller did wrong as Sender. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** AWS's wording for the errors the emulator produces, collected so tests can import rather than retype them. */
export const stsMessages = {
  missingAuthenticationToken: 'Request is missing Authentication Token',
  invalidClientTokenId: 'The security token included in the request is invalid.',
  signatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expiredToken: 'The security token included in the request is expired',
  throttling: 'Rate exceeded',
  internalFailure: 'An internal error has occurred.',
  serviceUnavailable: 'Service Unavailable. Please try again later.',
  rootAssumeRole: 'Roles may not be assumed by root accounts.',
  mfaInvalidCode: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  mfaUnknownDevice:
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  mfaIncomplete: 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
  getSessionTokenWithSession: 'Cannot call GetSessionToken with session credentials',
  getFederationTokenWithSession: 'Cannot call GetFederationToken with session credentials',
  maxSessionDuration: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  roleChaining: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  malformedPolicy: 'Syntax errors in policy.',
  invalidAuthorizationMessage: 'The encoded authorization message is invalid or was not issued by this service.',
  ec2Unauthorized: 'You are not authorized to perform this operation. Encoded authorization failure message: ',
} as const;

export function formatNotAuthorized(principalArn: string, action: string, resource?: string): string {
  const onResource = resource === undefined ? '' : ` on resource: ${resource}`;
  return `User: ${principalArn} is not authorized to perform: ${action}${onResource}`;
}

export function formatRegionDisabled(accountId: string): string {
  return `STS is not activated in this region for account:${accountId}. Your account administrator can activate STS in this region using the IAM Console.`;
}

export function formatPackedPolicyTooLarge(percent: number): string {
  return `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`;
}

export function createAccessDenied(message: string): StsError {
  return new StsError(403, 'AccessDenied', message);
}

export function createValidationError(message: string): StsError {
  return new StsError(400, 'ValidationError', message);
}
