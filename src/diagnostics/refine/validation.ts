// Validation errors: names each parameter, its value and the accepted range from "Value 'X' at 'Y' failed to
// satisfy constraint: Member must …" (one or several), and handles the two duration limits people hit most:
// the role's MaxSessionDuration and the one-hour limit of role chaining.
import { findArns, roleNameOf } from '../arn.js';
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';

export interface ConstraintViolation {
  readonly parameter: string;
  /** undefined when AWS reports the value as null (not sent). */
  readonly value?: string;
  readonly constraint: string;
}

export function parseConstraintViolations(text: string): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  const pattern = /Value (?:'((?:[^']|'(?! at '))*)'|(null)) at '([^']+)' failed to satisfy constraint: Member must ([^;\n]+?)(?=;|\n|$|\s*\(Service)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[3] === undefined || m[4] === undefined) continue;
    violations.push({ parameter: m[3], value: m[2] === 'null' ? undefined : m[1], constraint: m[4].replace(/[.'"]+$/, '').trim() });
  }
  return violations;
}

function stepForParameter(v: ConstraintViolation): string | undefined {
  const name = v.parameter.toLowerCase();
  if (name === 'durationseconds') return 'Pick a duration AWS accepts (900 to the role’s maximum, at most 43200): stsctl assume {role} --duration 3600';
  if (name === 'rolesessionname') return 'Use a session name of 2–64 characters from letters, digits and =,.@_- : stsctl assume {role} --session-name my-session';
  if (name === 'rolearn') return 'Pass a full role ARN (arn:aws:iam::ACCOUNT_ID:role/NAME): stsctl assume arn:aws:iam::ACCOUNT_ID:role/NAME';
  if (name === 'externalid') return 'Use an external id of 2–1224 characters from letters, digits and =,.@:/- .';
  if (name === 'serialnumber') return 'Pass the MFA device ARN (arn:aws:iam::ACCOUNT_ID:mfa/NAME): stsctl assume {role} --mfa-serial {mfaSerial}';
  if (name === 'tokencode') return 'Pass the six-digit code shown by the MFA device.';
  return undefined;
}

export function refineValidation({ draft, facts, context }: RefineInput): void {
  const text = facts.text;
  const role = findArns(`${context.roleArn ?? ''} ${text}`).find((a) => a.resourceType === 'role');
  if (role !== undefined) {
    draft.vars.role ??= role.text;
    draft.vars.roleName ??= roleNameOf(role);
  }
  const violations = parseConstraintViolations(text);
  if (violations.length > 0) {
    draft.causes = [];
    for (const [i, v] of violations.entries()) {
      const value = v.value === undefined ? 'was not sent' : `is '${v.value}'`;
      setCause(draft.causes, `constraint-${i}`, 'high', `AWS reported: value ${v.value === undefined ? 'null' : `'${v.value}'`} at '${v.parameter}'.`, `${v.parameter} ${value} but must ${v.constraint}.`);
    }
    const first = violations[0];
    draft.summary =
      violations.length === 1 && first !== undefined
        ? `AWS rejected ${first.parameter}: it must ${first.constraint}.`
        : `AWS rejected ${violations.length} parameters: ${violations.map((v) => v.parameter).join(', ')}.`;
    const steps = violations.map(stepForParameter).filter((s): s is string => s !== undefined);
    draft.nextSteps = [...new Set(steps), ...draft.nextSteps];
    return;
  }
  const chained = /role chaining|exceeds the 1 hour session limit/i.test(text) || (context.chained === true && (context.durationSeconds ?? 0) > 3600);
  if (chained) {
    draft.summary = 'Roles assumed with another role’s credentials (role chaining) are limited to one hour.';
    draft.causes = [];
    setCause(
      draft.causes,
      'role-chaining',
      'high',
      context.chained === true ? 'The credentials used came from an earlier AssumeRole.' : 'AWS says the duration exceeds the one-hour role-chaining limit.',
      `The requested duration${context.durationSeconds === undefined ? '' : ` (${context.durationSeconds} s)`} is over 3600 s, the maximum when a role assumes a role.`,
    );
    draft.nextSteps = [
      'Ask for one hour: stsctl assume {role} --duration 3600',
      'Or assume the role from long-term or SSO credentials instead of another role’s session (source_profile pointing at the base profile).',
    ];
    return;
  }
  if (/MaxSessionDuration/i.test(text)) {
    draft.summary = 'The requested session duration is longer than the role allows.';
    draft.causes = [];
    setCause(
      draft.causes,
      'max-session-duration',
      'high',
      context.durationSeconds === undefined ? 'AWS says DurationSeconds exceeds the role’s MaxSessionDuration.' : `${context.durationSeconds} s was requested.`,
      'The duration asked for exceeds the role’s MaxSessionDuration (1 hour unless raised, 12 hours at most).',
    );
    if (context.chained === true) setCause(draft.causes, 'role-chaining', 'medium', 'The credentials came from an earlier AssumeRole, which caps the session at one hour.');
    draft.nextSteps = [
      'Ask for less: stsctl assume {role} --duration 3600',
      'See the role’s maximum: aws iam get-role --role-name {roleName} --query Role.MaxSessionDuration',
      'Or raise the maximum (seconds, up to 43200): aws iam update-role --role-name {roleName} --max-session-duration 43200',
    ];
    return;
  }
  if (/Must specify userName when calling with non-User credential/i.test(text)) {
    draft.summary = 'This IAM call needs a user name because the credentials are not an IAM user’s.';
    draft.causes = [];
    setCause(draft.causes, 'non-user', 'high', 'AWS says the credentials are not an IAM user’s.', 'The call ran with role or federated credentials, so IAM cannot infer which user is meant.');
    draft.nextSteps = ['To see who you are, ask STS instead: stsctl whoami', 'Or name the user: aws iam get-user --user-name <name>'];
  }
}
