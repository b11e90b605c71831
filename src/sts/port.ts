// The STS port: one method per operation, plain data in and out. Commands depend on this interface, never on the
// SDK, so they run in unit tests with a fake and the SDK is loaded only when a command really calls AWS.

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  readonly serialNumber?: string;
  readonly tokenCode?: string;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly tags?: readonly Tag[];
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
}

export interface AssumeRoleResult {
  readonly credentials: AwsCredentials & { readonly expiration: Date };
  readonly assumedRoleUser: { readonly arn: string; readonly assumedRoleId: string };
  readonly packedPolicySize?: number;
  readonly sourceIdentity?: string;
}

export interface GetSessionTokenRequest {
  readonly durationSeconds?: number;
  readonly serialNumber?: string;
  readonly tokenCode?: string;
}

export interface GetSessionTokenResult {
  readonly credentials: AwsCredentials & { readonly expiration: Date };
}

export interface GetFederationTokenRequest {
  readonly name: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly tags?: readonly Tag[];
}

export interface GetFederationTokenResult {
  readonly credentials: AwsCredentials & { readonly expiration: Date };
  readonly federatedUser: { readonly arn: string; readonly federatedUserId: string };
  readonly packedPolicySize?: number;
}

export interface StsPort {
  getCallerIdentity(): Promise<CallerIdentity>;
  assumeRole(request: AssumeRoleRequest): Promise<AssumeRoleResult>;
  getSessionToken(request: GetSessionTokenRequest): Promise<GetSessionTokenResult>;
  getFederationToken(request: GetFederationTokenRequest): Promise<GetFederationTokenResult>;
  /** Returns the DecodedMessage string as AWS sent it. */
  decodeAuthorizationMessage(encodedMessage: string): Promise<string>;
  /** Local clock minus the server's Date header on the last response, in ms (positive: local clock ahead). */
  observedClockOffsetMs?(): number | undefined;
}

/** Where and how to reach STS. Retry settings are the SDK's own; stsctl never loops on top of them. */
export interface StsClientSettings {
  readonly region: string;
  /** Full URL; undefined lets the SDK pick the regional endpoint for `region`. */
  readonly endpoint?: string;
  readonly maxAttempts?: number;
  readonly retryMode?: 'standard' | 'adaptive' | 'legacy';
  /** Called with one line per SDK event worth showing under --debug (retries and their delays). Never secrets. */
  readonly debug?: (line: string) => void;
}

/** Something that yields credentials when asked; may call STS, SSO, a process or metadata on the way. */
export type CredentialSource = () => Promise<AwsCredentials>;

export type StsPortFactory = (credentials: CredentialSource, settings: StsClientSettings) => Promise<StsPort>;
