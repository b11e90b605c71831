// The shape of a diagnosis: what went wrong, why it probably happened, and what to do next.
import type { ExitCodeValue } from '../errors.js';

export const categories = [
  'access-denied',
  'invalid-credentials',
  'expired-credentials',
  'clock-skew',
  'throttling',
  'resource-not-found',
  'validation',
  'region-disabled',
  'mfa',
  'policy-document',
  'web-identity',
  'no-credentials',
  'sso-expired',
  'profile-config',
  'network',
  'other',
] as const;
export type Category = (typeof categories)[number];

export type Likelihood = 'high' | 'medium' | 'low';

export interface ProbableCause {
  /** One sentence a person can act on. */
  readonly cause: string;
  readonly likelihood: Likelihood;
  /** Facts that raised or lowered this cause ("the key starts with ASIA but no session token was sent"). */
  readonly evidence: readonly string[];
}

/** What the caller knows at the moment of failure; every field is optional and makes the causes more specific. */
export interface DiagnosisContext {
  readonly operation?: string;
  readonly profile?: string;
  readonly account?: string;
  readonly region?: string;
  readonly regionOrigin?: string;
  readonly endpoint?: string;
  readonly callerArn?: string;
  readonly roleArn?: string;
  /** Access key id of the credentials used (never the secret). */
  readonly accessKeyId?: string;
  readonly hasSessionToken?: boolean;
  /** Measured offset of the local clock from AWS, in milliseconds (positive: local clock ahead). */
  readonly clockOffsetMs?: number;
  readonly mfaSerial?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  /** The credentials came from an earlier AssumeRole (role chaining). */
  readonly chained?: boolean;
  /** SDK attempts made before giving up. */
  readonly attempts?: number;
}

export interface Diagnosis {
  readonly category: Category;
  /** The AWS error code when there is one (AccessDenied, ExpiredToken…). */
  readonly code?: string;
  readonly operation?: string;
  /** One line in plain words. */
  readonly summary: string;
  /** The original error message, as AWS or the tool gave it. */
  readonly message: string;
  /** Ranked, most likely first. */
  readonly causes: readonly ProbableCause[];
  /** Concrete commands to run or statements to add, in the order to try them. */
  readonly nextSteps: readonly string[];
  readonly docs?: string;
  readonly exitCode: ExitCodeValue;
  /** Profile, account and region in force when it failed, printed beside the diagnosis. */
  readonly context: DiagnosisContext;
}
