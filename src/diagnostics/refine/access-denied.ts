// Access denied: reads "User: X is not authorized to perform: A on resource: R [with an explicit deny in …]
// [because no … policy allows …]" and, for AssumeRole, ranks the usual suspects (trust policy, identity policy,
// explicit deny, MFA, external id, root caller, wrong ARN) and writes the statements to add with the real ARNs.
import { accountOf, findArns, isRootArn, parseArn, principalArnFor, roleNameOf, type Arn } from '../arn.js';
import { setCause, type CauseDraft } from '../cause.js';
import { appendStep, type RefineInput } from '../draft.js';
import { identityPolicyStatement, trustPolicyStatement } from '../policy-statements.js';

export interface DenialMessage {
  readonly caller?: string;
  readonly action?: string;
  readonly resource?: string;
  /** "a service control policy", "an identity-based policy", "a permissions boundary"… */
  readonly explicitDenyIn?: string;
  /** "identity-based", "resource-based", "session", "permissions boundary"… */
  readonly noAllowIn?: string;
  readonly encodedMessage?: string;
}

function trimToken(value: string): string {
  return value.split('\\')[0]?.replace(/^['"`(]+/, '').replace(/[.,;'"`)\]]+$/, '') ?? value;
}

export function parseDenialMessage(text: string): DenialMessage {
  const who = /User: (\S+) is not authorized to perform:? ([\w*:-]+)/.exec(text);
  const action = who?.[2] ?? /[Nn]ot authorized to perform:? ([\w*-]+:[\w*-]+)/.exec(text)?.[1];
  const resource = /on resource: (\S+)/.exec(text)?.[1];
  const explicit = /with an explicit deny in (an? [\w -]*?(?:policy|boundary))/i.exec(text)?.[1];
  const noAllow = /because no ([\w -]+?) (?:policy )?allows/i.exec(text)?.[1];
  const encoded = /Encoded authorization failure message: ([\w-]+)/.exec(text)?.[1];
  return {
    caller: who?.[1] === undefined ? undefined : trimToken(who[1]),
    action: action === undefined ? undefined : trimToken(action),
    resource: resource === undefined ? undefined : trimToken(resource),
    explicitDenyIn: explicit,
    noAllowIn: noAllow,
    encodedMessage: encoded,
  };
}

const ASSUME_ACTIONS = /^sts:(?:AssumeRole|TagSession|SetSourceIdentity|SetContext)$/;

function explicitDenyStep(kind: string, account: string | undefined): string {
  if (/service control/i.test(kind)) {
    return `Ask your AWS Organizations administrator which service control policy denies it: aws organizations list-policies-for-target --target-id ${account ?? 'ACCOUNT_ID'} --filter SERVICE_CONTROL_POLICY`;
  }
  if (/boundary/i.test(kind)) return 'Show the permissions boundary on your user or role: aws iam get-role --role-name <your-role> --query Role.PermissionsBoundary';
  if (/session/i.test(kind)) return 'Assume the role again without the restrictive session policy (--policy / --policy-arn).';
  if (/resource control/i.test(kind)) return 'Ask your AWS Organizations administrator which resource control policy denies it.';
  if (/resource-based/i.test(kind)) return 'Remove the Deny from the resource’s policy (for a role: its trust policy).';
  return 'Find the Deny statement in the policies attached to your identity: aws iam list-attached-role-policies / list-attached-user-policies';
}

function refineAssumeRole(input: RefineInput, denial: DenialMessage, caller: Arn | undefined, role: Arn | undefined): void {
  const { draft, context, facts } = input;
  const causes: CauseDraft[] = [];
  const action = denial.action !== undefined && ASSUME_ACTIONS.test(denial.action) ? denial.action : 'sts:AssumeRole';
  const roleText = role?.text ?? denial.resource ?? context.roleArn ?? 'the role';
  const principal = caller === undefined ? (denial.caller ?? context.callerArn) : principalArnFor(caller);
  const callerAccount = caller === undefined ? context.account : accountOf(caller);
  const roleAccount = role === undefined ? undefined : accountOf(role);
  const crossAccount = callerAccount !== undefined && roleAccount !== undefined && callerAccount !== roleAccount;
  const rootCaller = (caller !== undefined && isRootArn(caller)) || /Roles may not be assumed by root/i.test(facts.text);
  const notARole = role !== undefined && role.resourceType !== 'role';
  const named = principal !== undefined && role !== undefined ? `AWS names the caller ${principal} and the role ${role.text}.` : undefined;

  setCause(causes, 'trust-policy', 'high', named, `The role’s trust policy does not allow ${principal ?? 'your identity'} to assume it.`);
  setCause(causes, 'identity-policy', crossAccount ? 'high' : 'medium', undefined, `Your identity’s policy does not allow ${action} on ${roleText}.`);
  if (crossAccount) {
    setCause(causes, 'identity-policy', 'high', `The caller is in account ${callerAccount} and the role in ${roleAccount}: across accounts both the trust policy and your own policy must allow it.`);
    setCause(causes, 'trust-policy', 'high', `The caller is in account ${callerAccount} and the role in ${roleAccount}.`);
  }
  if (caller?.resourceType === 'assumed-role') {
    setCause(causes, 'trust-policy', 'high', `You are a role session; the trust policy must name the role ${principal}, not the session.`);
  }
  if (denial.noAllowIn !== undefined) {
    if (/identity/i.test(denial.noAllowIn)) {
      setCause(causes, 'identity-policy', 'high', `AWS says no identity-based policy allows ${action}.`);
      setCause(causes, 'trust-policy', 'medium');
    } else if (/resource/i.test(denial.noAllowIn)) {
      setCause(causes, 'trust-policy', 'high', 'AWS says no resource-based policy (the trust policy) allows it.');
      setCause(causes, 'identity-policy', 'low');
    } else {
      setCause(causes, 'session-or-boundary', 'high', `AWS says no ${denial.noAllowIn} allows it.`, `A ${denial.noAllowIn} limits what this identity may do and does not include ${action}.`);
    }
  }
  if (denial.explicitDenyIn !== undefined) {
    setCause(causes, 'explicit-deny', 'high', `The message says: explicit deny in ${denial.explicitDenyIn}.`, `An explicit deny in ${denial.explicitDenyIn} blocks ${action}; no Allow can override it.`);
    setCause(causes, 'trust-policy', 'low');
    setCause(causes, 'identity-policy', 'low');
  } else {
    setCause(causes, 'explicit-deny', 'low', undefined, 'An explicit deny (service control policy, permissions boundary) blocks it.');
  }
  if (action !== 'sts:AssumeRole') {
    setCause(causes, 'extra-action', 'high', `The denied action is ${action}, not sts:AssumeRole.`, `The trust policy (and your policy) must also allow ${action}, which this call needs in addition to sts:AssumeRole.`);
  }
  // Only a call stsctl made itself (context.operation set) tells whether an MFA code was sent; pasted text does not.
  const ownCall = context.operation !== undefined;
  if (context.mfaSerial === undefined && ownCall) {
    setCause(causes, 'mfa', denial.explicitDenyIn === undefined ? 'medium' : 'low', 'No MFA serial was sent; roles whose trust policy requires aws:MultiFactorAuthPresent refuse such calls.', 'The trust policy requires MFA and none was provided.');
  } else if (context.mfaSerial === undefined) {
    setCause(causes, 'mfa', 'low', undefined, 'The trust policy requires MFA (aws:MultiFactorAuthPresent) and the call was made without it.');
  } else {
    setCause(causes, 'mfa', 'low', `An MFA serial (${context.mfaSerial}) was sent.`, 'The trust policy requires MFA and it was not accepted.');
  }
  if (context.externalId === undefined) {
    setCause(causes, 'external-id', 'low', 'No external id was sent; roles for third parties usually require sts:ExternalId.', 'The trust policy requires an external id and none was sent.');
  } else {
    setCause(causes, 'external-id', 'medium', 'An external id was sent; it must equal the sts:ExternalId in the trust policy exactly.', 'The external id sent does not match the one the trust policy requires.');
  }
  setCause(causes, 'role-missing', 'low', 'AWS reports a missing role as access denied, not as not found.', 'The role ARN is misspelt or the role no longer exists.');
  if (notARole) {
    setCause(causes, 'not-a-role', 'high', `The resource ${role.text} is an IAM ${role.resourceType}.`, 'The ARN passed as the role is not a role ARN; roles look like arn:aws:iam::ACCOUNT:role/NAME.');
    setCause(causes, 'trust-policy', 'low');
  }
  if (rootCaller) {
    setCause(causes, 'root', 'high', 'The caller is the account root user.', 'The account root user cannot assume roles; use an IAM user or role.');
    for (const c of causes) if (c.id !== 'root') c.likelihood = 'low';
  }
  draft.causes = causes;

  const roleName = role === undefined ? undefined : roleNameOf(role);
  if (role !== undefined && role.resourceType === 'role') draft.vars.role ??= role.text;
  if (roleName !== undefined) draft.vars.roleName ??= roleName;
  draft.summary = rootCaller
    ? 'The account root user may not assume roles.'
    : notARole
      ? `${roleText} is not a role, so it cannot be assumed.`
      : `${principal ?? 'Your identity'} is not allowed to assume ${roleText}.`;

  const steps: string[] = ['Confirm who is calling: stsctl whoami'];
  if (rootCaller) steps.push('Use an IAM user or role instead of the root user: aws configure --profile <iam-user>');
  if (notARole) steps.push('Pass the role’s ARN (arn:aws:iam::ACCOUNT_ID:role/NAME): aws iam list-roles --query "Roles[].Arn"');
  if (denial.explicitDenyIn !== undefined) steps.push(explicitDenyStep(denial.explicitDenyIn, callerAccount));
  if (!rootCaller && !notARole) {
    const actions = action === 'sts:AssumeRole' ? ['sts:AssumeRole'] : ['sts:AssumeRole', action];
    steps.push(`Show the role’s trust policy: aws iam get-role --role-name {roleName} --query Role.AssumeRolePolicyDocument`);
    steps.push(`Add to the role’s trust policy${roleAccount === undefined ? '' : ` (account ${roleAccount})`}:\n${trustPolicyStatement(principal ?? 'CALLER_ARN', actions)}`);
    steps.push(`Add to your identity’s policy${callerAccount === undefined ? '' : ` (account ${callerAccount})`}:\n${identityPolicyStatement(actions, role?.text ?? context.roleArn ?? 'ROLE_ARN')}`);
    steps.push(`If the trust policy requires MFA: stsctl assume {role} --mfa-serial {mfaSerial}`);
    steps.push(`If it requires an external id: stsctl assume {role} --external-id ${context.externalId ?? 'EXTERNAL_ID'}`);
  }
  if (denial.encodedMessage !== undefined) steps.push('Decode the authorization message for the exact policy: stsctl decode -   (paste the encoded message)');
  draft.nextSteps = steps;
}

function refineSessionCredentials(input: RefineInput, operation: string): void {
  const { draft } = input;
  draft.summary = `${operation} cannot be called with temporary (session) credentials.`;
  const causes: CauseDraft[] = [];
  setCause(
    causes,
    'session-credentials',
    'high',
    'AWS says the call was made with session credentials.',
    `${operation} needs an IAM user’s long-term access keys; the credentials in use are temporary (from a role, SSO, an instance profile or an earlier session).`,
  );
  setCause(causes, 'wrong-profile', 'medium', undefined, 'A different profile or exported variables took precedence over the IAM user’s keys.');
  draft.causes = causes;
  draft.nextSteps = [
    'See which credentials are in use and where they came from: stsctl whoami --debug',
    'Clear temporary credentials exported earlier: eval "$(stsctl assume --unset)"',
    'Use a profile with the IAM user’s access keys: aws sts get-session-token --profile <iam-user-profile>',
    'Or get role credentials instead: stsctl assume {role}',
  ];
}

function refineOther(input: RefineInput, denial: DenialMessage): void {
  const { draft, context } = input;
  const causes = draft.causes;
  if (denial.action !== undefined) {
    draft.summary = `${denial.caller ?? 'Your identity'} may not perform ${denial.action}${denial.resource === undefined ? '' : ` on ${denial.resource}`}.`;
    setCause(causes, 'identity-policy', 'high', `AWS names the denied action ${denial.action}.`);
  }
  if (denial.noAllowIn !== undefined) {
    const id = /identity/i.test(denial.noAllowIn) ? 'identity-policy' : /resource/i.test(denial.noAllowIn) ? 'resource-policy' : 'explicit-deny';
    setCause(causes, id, 'high', `AWS says no ${denial.noAllowIn} policy allows it.`);
  }
  if (denial.explicitDenyIn !== undefined) {
    setCause(causes, 'explicit-deny', 'high', `The message says: explicit deny in ${denial.explicitDenyIn}.`);
    setCause(causes, 'identity-policy', 'low');
    appendStep(draft, explicitDenyStep(denial.explicitDenyIn, context.account));
  }
  if (denial.caller !== undefined && context.callerArn !== undefined && denial.caller !== context.callerArn) {
    setCause(causes, 'wrong-identity', 'high', `AWS names ${denial.caller}, but the expected caller is ${context.callerArn}.`);
  }
  if (denial.action !== undefined && denial.explicitDenyIn === undefined) {
    appendStep(draft, `Add to your identity’s policy:\n${identityPolicyStatement([denial.action], denial.resource ?? '*')}`);
  }
  if (denial.encodedMessage !== undefined) {
    draft.nextSteps = draft.nextSteps.filter((s) => !s.startsWith('If the error carries'));
    draft.nextSteps.splice(1, 0, 'Decode the authorization message for the exact policy: stsctl decode -   (paste the encoded message)');
  }
}

export function refineAccessDenied(input: RefineInput): void {
  const { draft, facts, context } = input;
  const denial = parseDenialMessage(`${facts.message}\n${facts.text}`);
  const sessionOnly = /Cannot call (Get(?:SessionToken|FederationToken)) with session credentials/.exec(facts.text);
  if (sessionOnly?.[1] !== undefined) {
    refineSessionCredentials(input, sessionOnly[1]);
    return;
  }
  const operation = draft.operation ?? '';
  const isAssume = operation === 'AssumeRole' || (denial.action !== undefined && ASSUME_ACTIONS.test(denial.action)) || /Roles may not be assumed by root/i.test(facts.text);
  if (!isAssume) {
    refineOther(input, denial);
    return;
  }
  draft.operation ??= 'AssumeRole';
  const caller = (denial.caller === undefined ? undefined : parseArn(denial.caller)) ?? (context.callerArn === undefined ? undefined : parseArn(context.callerArn));
  const role =
    (denial.resource === undefined ? undefined : parseArn(denial.resource)) ??
    (context.roleArn === undefined ? undefined : parseArn(context.roleArn)) ??
    findArns(facts.text).find((arn) => arn.resourceType === 'role');
  refineAssumeRole(input, denial, caller, role);
}
