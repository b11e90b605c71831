// Well-known phrases that identify a failure when no error code survived (a tool printed only the message, or a
// credential provider failed before any request was made). Order matters: the first match wins, so the more
// specific conditions (an SSO session, an MFA code, a clock) come before the generic ones they often contain
// ("failed to retrieve credentials", "timed out").

export interface PhraseSignal {
  /** Catalogue code the phrase stands for. */
  readonly code: string;
  readonly pattern: RegExp;
  /** The AWS error code behind the phrase, reported when the input carried none. */
  readonly awsCode?: string;
}

const METADATA_HOST = String.raw`(?:169\.254\.169\.254|169\.254\.170\.2|fd00:ec2::254)`;

export const phraseSignals: readonly PhraseSignal[] = [
  // IAM Identity Center (SSO)
  {
    code: 'SsoTokenExpired',
    pattern:
      /SSO session associated with this profile|Token has expired and refresh failed|Error when retrieving token from sso|To refresh this SSO session|SSO login is expired|Session token not found or invalid|UnauthorizedSSOTokenError|SSOTokenLoadError|sso[\w ]{0,30}(?:token|session|login)[\w ]{0,20}(?:expired|invalid)/i,
  },
  // Profiles
  {
    code: 'ProfileNotFound',
    pattern: /config profile \([^)]*\) could not be found|Profile [`'"]?[^\s`'"]+[`'"]? could not be found|ProfileNotFound|profile [`'"][^`'"]+[`'"] (?:does not exist|not found)/i,
  },
  // MFA
  {
    code: 'MultiFactorAuthenticationFailed',
    pattern: /MultiFactorAuthentication failed|MFA one time pass code|unable to validate MFA code|invalid MFA (?:token|code)/i,
    awsCode: 'AccessDenied',
  },
  // Clock
  {
    code: 'SignatureExpired',
    pattern:
      /Signature expired: |Signature not yet current|RequestTimeTooSkewed|Request signature is too far in the (?:past|future)|difference between the request time and the current time is too large|Request has expired|clock skew/i,
  },
  // Federation (OIDC, SAML)
  {
    code: 'WebIdentityAccessDenied',
    pattern: /Could not assume role with OIDC|not authorized to perform:? sts:AssumeRoleWith(?:WebIdentity|SAML)/i,
    awsCode: 'AccessDenied',
  },
  {
    code: 'InvalidIdentityToken',
    pattern: /couldn't retrieve verification key from your identity provider|No OpenIDConnect provider found|Incorrect token audience/i,
    awsCode: 'InvalidIdentityToken',
  },
  // Credential providers
  {
    code: 'CredentialProcessFailed',
    pattern: /Error when retrieving credentials from custom-process|credential_process (?:failed|returned|exited|error)|process credentials? (?:provider )?(?:failed|error)/i,
  },
  {
    code: 'InstanceMetadataUnreachable',
    pattern: new RegExp(
      String.raw`(?:connect|dial tcp|Failed to connect to|timed out|EHOSTUNREACH|ENETUNREACH|ECONNREFUSED|host is down)[^\n]{0,80}${METADATA_HOST}|${METADATA_HOST}[^\n]{0,40}(?:timed out|Connection refused|host is down|unreachable)|Error retrieving credentials from the instance profile metadata|no EC2 IMDS role found`,
      'i',
    ),
  },
  {
    code: 'NoCredentials',
    pattern:
      /Could not load credentials from any providers|Unable to locate credentials|Unable to load (?:AWS )?credentials from any (?:of the )?providers?(?: in the chain)?|NoCredentialProviders|no valid credential sources|Missing credentials in config|Credentials could not be loaded|failed to retrieve credentials|could not find (?:any )?(?:AWS )?credentials|Partial credentials found|NoCredentialsError/i,
  },
  // AWS conditions, by their usual messages
  { code: 'RegionDisabledException', pattern: /STS is not activated in this region|not (?:been )?opted in to (?:this|the) region/i, awsCode: 'RegionDisabledException' },
  {
    code: 'Throttling',
    pattern: /Rate exceeded|Too Many Requests|\bThrottl(?:ing|ed)\b|TooManyRequests|RequestLimitExceeded|\bSlowDown\b|Request rate is too high/i,
    awsCode: 'Throttling',
  },
  {
    code: 'ExpiredToken',
    pattern: /security token included in the request is expired|provided token has expired|security token [\w ]{0,20}has expired|\bExpiredToken/i,
    awsCode: 'ExpiredToken',
  },
  {
    code: 'InvalidClientTokenId',
    pattern:
      /security token included in the request is invalid|AWS Access Key Id you provided does not exist|provided token is malformed or otherwise invalid|not able to validate the provided access credentials|InvalidClientTokenId/i,
    awsCode: 'InvalidClientTokenId',
  },
  {
    code: 'SignatureDoesNotMatch',
    pattern: /request signature we calculated does not match|SignatureDoesNotMatch/i,
    awsCode: 'SignatureDoesNotMatch',
  },
  {
    code: 'AccessDenied',
    pattern:
      /Cannot call Get(?:SessionToken|FederationToken) with session credentials|is not authorized to perform|Not authorized to perform|Roles may not be assumed by root|\bAccessDenied\b|Access Denied/i,
    awsCode: 'AccessDenied',
  },
  {
    code: 'ValidationError',
    pattern: /exceeds the MaxSessionDuration|exceeds the 1 hour session limit|failed to satisfy constraint|validation errors? detected/i,
    awsCode: 'ValidationError',
  },
  { code: 'MalformedPolicyDocument', pattern: /Invalid principal in policy|Syntax errors? in policy|MalformedPolicyDocument/i, awsCode: 'MalformedPolicyDocument' },
  { code: 'PackedPolicyTooLarge', pattern: /PackedPolicyTooLarge|Packed policy (?:consumes|size)/i, awsCode: 'PackedPolicyTooLarge' },
  // Network, most specific first
  {
    code: 'TlsFailure',
    pattern:
      /CERT_HAS_EXPIRED|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT|ERR_TLS_CERT_ALTNAME_INVALID|unable to verify the first certificate|self[- ]signed certificate|CERTIFICATE_VERIFY_FAILED|SSL validation failed|certificate has expired|unable to get local issuer certificate|PKIX path|SSLHandshakeException|certificate verify failed/i,
  },
  {
    code: 'ProxyFailure',
    pattern: /tunneling socket could not be established|ProxyConnectionError|Proxy Authentication Required|Failed to connect to proxy|Unable to connect to proxy|proxy (?:error|connection (?:failed|refused))/i,
  },
  {
    code: 'DnsLookupFailed',
    pattern: /ENOTFOUND|EAI_AGAIN|getaddrinfo|nodename nor servname|Unknown ?Host|no such host|Name or service not known|Temporary failure in name resolution|could not be resolved|Could not resolve host/i,
  },
  { code: 'ConnectionRefused', pattern: /ECONNREFUSED|Connection refused/i },
  { code: 'Timeout', pattern: /ETIMEDOUT|ESOCKETTIMEDOUT|TimeoutError|timed out|Connect timeout|Read timeout|RequestTimeout|Connection timed out/i },
  { code: 'ConnectionReset', pattern: /ECONNRESET|socket hang up|\bEPIPE\b|Connection reset|connection was closed/i },
  {
    code: 'EndpointUnreachable',
    pattern:
      /Could not connect to the endpoint URL|EndpointConnectionError|UnknownEndpoint|Inaccessible host|Unable to connect to endpoint|EHOSTUNREACH|ENETUNREACH|host is down|network is unreachable|No route to host|NetworkingError|Unable to execute HTTP request/i,
  },
  // Weak signals last
  { code: 'ResourceNotFound', pattern: /ResourceNotFound|Requested resource not found|\bdoes not exist\b/i, awsCode: 'ResourceNotFoundException' },
  { code: 'NoCredentials', pattern: /CredentialsProviderError|CredentialsError/ },
  { code: 'InternalFailure', pattern: /InternalFailure|Internal Server Error|\bInternalError\b/i },
  { code: 'ServiceUnavailable', pattern: /Service Unavailable|ServiceUnavailable/i },
];

export interface PhraseMatch {
  readonly signal: PhraseSignal;
  /** The line of text the phrase was found on: a better "message" than a whole stack trace. */
  readonly line: string;
}

export function findPhraseSignal(text: string): PhraseMatch | undefined {
  for (const signal of phraseSignals) {
    const match = signal.pattern.exec(text);
    if (match !== null) {
      const start = text.lastIndexOf('\n', match.index) + 1;
      const end = text.indexOf('\n', match.index);
      let line = text.slice(start, end === -1 ? undefined : end).trim();
      // Long log lines: keep the part from the phrase on, which is the message itself.
      if (line.length > 300) line = text.slice(match.index, end === -1 ? undefined : end).trim().slice(0, 400);
      return { signal, line };
    }
  }
  return undefined;
}

export function mentionsMetadataHost(text: string): boolean {
  return new RegExp(METADATA_HOST).test(text);
}
