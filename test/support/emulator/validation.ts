// Parameter validation with STS's constraints and its exact message format:
// "2 validation errors detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must …; …".
// Only syntax is checked here; limits that depend on the role or caller (MaxSessionDuration, role chaining, root)
// come later, after authorization, as in AWS.
import type { StsAction } from './demo.js';
import { createValidationError, type StsError } from './sts-errors.js';

interface FieldRule {
  /** Query parameter name, e.g. 'RoleSessionName'. */
  readonly param: string;
  /** Name in the message, e.g. 'roleSessionName'. */
  readonly field: string;
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Java-style pattern as AWS prints it; tested as a whole-string match. */
  readonly pattern?: string;
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

const SESSION_NAME_PATTERN = '[\\w+=,.@-]*';
const POLICY_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';

const policyRule: FieldRule = { param: 'Policy', field: 'policy', minLength: 1, maxLength: 2048, pattern: POLICY_PATTERN };
const serialNumberRule: FieldRule = { param: 'SerialNumber', field: 'serialNumber', minLength: 9, maxLength: 256, pattern: '[\\w+=/:,.@-]*' };
const tokenCodeRule: FieldRule = { param: 'TokenCode', field: 'tokenCode', minLength: 6, maxLength: 6, pattern: '[\\d]*' };

export const DURATION_LIMITS = {
  AssumeRole: { min: 900, max: 43200, default: 3600 },
  GetSessionToken: { min: 900, max: 129600, default: 43200 },
  GetFederationToken: { min: 900, max: 129600, default: 43200 },
  /** Root's GetSessionToken and GetFederationToken sessions are capped (silently) at one hour. */
  rootMax: 3600,
  roleChainingMax: 3600,
} as const;

function durationRule(action: keyof typeof DURATION_LIMITS & StsAction): FieldRule {
  const limits = DURATION_LIMITS[action];
  return { param: 'DurationSeconds', field: 'durationSeconds', integer: true, min: limits.min, max: limits.max };
}

// Rules in the order AWS lists the members of each request, which is the order of its messages.
const RULES: Record<StsAction, readonly FieldRule[]> = {
  GetCallerIdentity: [],
  AssumeRole: [
    { param: 'RoleArn', field: 'roleArn', required: true, minLength: 20, maxLength: 2048 },
    { param: 'RoleSessionName', field: 'roleSessionName', required: true, minLength: 2, maxLength: 64, pattern: SESSION_NAME_PATTERN },
    policyRule,
    durationRule('AssumeRole'),
    { param: 'ExternalId', field: 'externalId', minLength: 2, maxLength: 1224, pattern: '[\\w+=,.@:\\/-]*' },
    serialNumberRule,
    tokenCodeRule,
    { param: 'SourceIdentity', field: 'sourceIdentity', minLength: 2, maxLength: 64, pattern: SESSION_NAME_PATTERN },
  ],
  GetSessionToken: [durationRule('GetSessionToken'), serialNumberRule, tokenCodeRule],
  GetFederationToken: [
    { param: 'Name', field: 'name', required: true, minLength: 2, maxLength: 32, pattern: SESSION_NAME_PATTERN },
    policyRule,
    durationRule('GetFederationToken'),
  ],
  DecodeAuthorizationMessage: [{ param: 'EncodedMessage', field: 'encodedMessage', required: true, minLength: 1, maxLength: 10240 }],
};

function compilePattern(pattern: string): RegExp {
  // AWS prints Java syntax; \uXXXX and \w mean the same in a JavaScript 'u'-less RegExp, and '*'/'+' apply to the whole.
  return new RegExp(`^(?:${pattern})$`);
}

function checkField(rule: FieldRule, value: string | null): string[] {
  if (value === null) return rule.required ? [`Value null at '${rule.field}' failed to satisfy constraint: Member must not be null`] : [];
  const prefix = `Value '${value}' at '${rule.field}' failed to satisfy constraint: Member must`;
  const problems: string[] = [];
  if (rule.integer) {
    if (!/^-?\d+$/.test(value.trim())) return [`${prefix} be a number`];
    const n = Number(value);
    if (rule.min !== undefined && n < rule.min) problems.push(`${prefix} have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && n > rule.max) problems.push(`${prefix} have value less than or equal to ${rule.max}`);
    return problems;
  }
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) problems.push(`${prefix} have length greater than or equal to ${rule.minLength}`);
  if (rule.maxLength !== undefined && length > rule.maxLength) problems.push(`${prefix} have length less than or equal to ${rule.maxLength}`);
  if (rule.pattern !== undefined && !compilePattern(rule.pattern).test(value)) {
    problems.push(`${prefix} satisfy regular expression pattern: ${rule.pattern}`);
  }
  return problems;
}

export function formatValidationMessage(problems: readonly string[]): string {
  const noun = problems.length === 1 ? 'error' : 'errors';
  return `${problems.length} validation ${noun} detected: ${problems.join('; ')}`;
}

/** Returns a ValidationError listing every violated constraint, or undefined when the parameters are well-formed. */
export function validateParameters(action: StsAction, params: URLSearchParams): StsError | undefined {
  const problems = RULES[action].flatMap((rule) => checkField(rule, params.get(rule.param)));
  return problems.length === 0 ? undefined : createValidationError(formatValidationMessage(problems));
}

/** DurationSeconds after validation, or the action's default. */
export function readDuration(params: URLSearchParams, fallback: number): number {
  const raw = params.get('DurationSeconds');
  return raw === null ? fallback : Number(raw);
}
