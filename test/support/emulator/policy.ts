// Authorization from the demo table: identity policies (which STS actions a principal may call) and role trust
// policies (who may assume which role, under which conditions). Deliberately small and explicit: tests should be
// able to predict every answer by reading demo.ts.
import { listDemoRoles, type DemoRole, type StsAction } from './demo.js';
import type { Caller } from './principals.js';

const rolesByArn = new Map(listDemoRoles().map((role) => [role.arn, role] as const));

export function findRole(arn: string): DemoRole | undefined {
  return rolesByArn.get(arn);
}

/** Whether the caller's identity policy allows the action (trust policies are checked separately). */
export function isActionAllowed(caller: Caller, action: StsAction): boolean {
  // AWS never denies GetCallerIdentity, whatever the policies say.
  if (action === 'GetCallerIdentity') return true;
  const session = caller.session;
  // GetFederationToken credentials may call no STS API except GetCallerIdentity.
  if (session?.source === 'federation') return false;
  // The demo roles all carry a broad permission policy, so role sessions may chain and decode.
  if (session?.source === 'role') return action === 'AssumeRole' || action === 'DecodeAuthorizationMessage';
  return caller.principal.allowedActions.includes(action);
}

/** The ARN a trust policy sees for this caller: the user, or the role behind an assumed-role session. */
export function findTrustedPrincipalArn(caller: Caller): string {
  if (caller.session?.source === 'role' && caller.session.role) return caller.session.role.arn;
  return caller.principal.arn;
}

export interface TrustContext {
  readonly mfaPresent: boolean;
  readonly externalId?: string;
}

export function isTrusted(role: DemoRole, principalArn: string, context: TrustContext): boolean {
  return role.trust.some(
    (statement) =>
      statement.principalArn === principalArn &&
      (!statement.requireMfa || context.mfaPresent) &&
      (statement.externalId === undefined || statement.externalId === context.externalId),
  );
}
