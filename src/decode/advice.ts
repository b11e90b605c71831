// What to do about a decoded authorization failure. For "no statement allowed it" that is the Allow statement to
// add (action and resource filled in) and where to add it; for an explicit deny it is where denies can live and how
// to find the one that matched, since no Allow can override it. Pure: the text is built from the decoded message.
import { describePrincipal, type Principal } from '../sts/principal.js';
import type { ConditionEntry, DecodedAuthorization, MatchedStatement } from './parse-decoded.js';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string;
  readonly Resource: string;
}

export interface DenyLocation {
  /** Where such a deny can be written. */
  readonly where: string;
  /** How to look there: commands with the principal's names filled in. */
  readonly howToFind: readonly string[];
}

export interface DecodeAdvice {
  /** One line saying what the verdict means for the user. */
  readonly summary: string;
  /** Implicit deny: the statement that would allow the request. */
  readonly allowStatement?: PolicyStatement;
  /** Implicit deny: where to add the statement. */
  readonly whereToAllow?: readonly string[];
  /** Explicit deny: the statements the message names, described in one line each. */
  readonly matchedDenies?: readonly string[];
  /** Explicit deny: every place a deny can live, with how to look there. */
  readonly denyLocations?: readonly DenyLocation[];
  /** Further steps, in the order to try them. */
  readonly nextSteps: readonly string[];
}

function sidFor(action: string): string {
  const words = action.split(/[^A-Za-z0-9]+/).filter((part) => part !== '');
  const sid = `Allow${words.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
  return sid.length > 1 && sid !== 'Allow' ? sid : 'AllowRequest';
}

/** The Allow statement that covers exactly the denied request. */
export function buildAllowStatement(action: string, resource: string | undefined): PolicyStatement {
  return { Sid: sidFor(action), Effect: 'Allow', Action: action, Resource: resource && resource !== '' ? resource : '*' };
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function policyName(action: string): string {
  return `stsctl-${action.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`.slice(0, 128);
}

/** The ARN simulate-principal-policy wants: users as they are, role sessions as their role (whose path we cannot know). */
function simulationSource(principal: Principal, arn: string | undefined): string {
  if ((principal.type === 'assumed-role' || principal.type === 'sso-permission-set') && principal.name) {
    return `"$(aws iam get-role --role-name ${shellQuote(principal.name)} --query Role.Arn --output text)"`;
  }
  return arn ? shellQuote(arn) : '<principal-arn>';
}

function contextEntries(conditions: readonly ConditionEntry[]): string {
  // Only plain request keys: the simulator fills in aws:* keys such as aws:username itself.
  const entries = conditions
    .filter((entry) => entry.values.length > 0)
    .slice(0, 8)
    .map((entry) => `ContextKeyName=${entry.key},ContextKeyValues=${entry.values.join(',')},ContextKeyType=${entry.values.length > 1 ? 'stringList' : 'string'}`);
  return entries.length === 0 ? '' : ` --context-entries ${entries.map(shellQuote).join(' ')}`;
}

function simulateCommand(principal: Principal, decoded: DecodedAuthorization, action: string): string {
  const resource = decoded.context.resource;
  return (
    `aws iam simulate-principal-policy --policy-source-arn ${simulationSource(principal, decoded.context.principal.arn)}` +
    ` --action-names ${shellQuote(action)}` +
    (resource ? ` --resource-arns ${shellQuote(resource)}` : '') +
    contextEntries(decoded.context.conditions)
  );
}

function whereToAllow(principal: Principal, statement: PolicyStatement): string[] {
  const document = `--policy-document ${shellQuote(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }))}`;
  const name = principal.name ? shellQuote(principal.name) : '';
  const policy = policyName(statement.Action);
  switch (principal.type) {
    case 'iam-user':
      return [
        `Add it to a policy of IAM user ${principal.name ?? ''} (or of one of its groups), for example as an inline policy:`,
        `aws iam put-user-policy --user-name ${name} --policy-name ${policy} ${document}`,
      ];
    case 'assumed-role':
      return [
        `Add it to a permission policy of the role ${principal.name ?? ''}, for example as an inline policy (the role's sessions get it at once):`,
        `aws iam put-role-policy --role-name ${name} --policy-name ${policy} ${document}`,
      ];
    case 'sso-permission-set':
      return [
        `The role belongs to the IAM Identity Center permission set ${principal.permissionSet ?? ''}: edit the permission set, not the role (IAM Identity Center overwrites the role).`,
        'Add the statement to its inline policy (IAM Identity Center console → Permission sets, or aws sso-admin put-inline-policy-to-permission-set), then re-provision it to the account.',
      ];
    case 'federated-user':
      return [
        'A federated user gets only what both the IAM user that called GetFederationToken and the session policy passed with it allow: add the statement to both.',
      ];
    case 'root':
      return ['The root user is not limited by IAM policies: a missing Allow for root comes from a service control policy or a resource policy. Check those instead.'];
    default:
      return ['Add it to a permission policy attached to the principal above.'];
  }
}

function describeStatement(statement: MatchedStatement): string {
  const parts = [`${statement.effect ?? 'Deny'} statement ${statement.statementId ? `"${statement.statementId}"` : '(no Sid)'}`];
  const policy = statement.policy;
  if (policy) {
    const label = policy.arn ?? policy.name ?? policy.id;
    parts.push(`in ${policy.type ? `${policy.type} ` : ''}policy ${label ?? ''}`.trim());
  }
  if (statement.actions.length > 0) parts.push(`on ${statement.actions.join(', ')}`);
  if (statement.resources.length > 0) parts.push(`for ${statement.resources.join(', ')}`);
  if (statement.conditions.length > 0) {
    parts.push(`when ${statement.conditions.map((c) => `${c.key} = ${c.values.join(' | ')}`).join(' and ')}`);
  }
  return parts.join(' ');
}

function denyLocations(principal: Principal, account: string | undefined): DenyLocation[] {
  const name = principal.name ? shellQuote(principal.name) : '<name>';
  const isRole = principal.type === 'assumed-role' || principal.type === 'sso-permission-set';
  const identity: string[] =
    principal.type === 'iam-user'
      ? [
          `aws iam list-user-policies --user-name ${name}; aws iam list-attached-user-policies --user-name ${name}`,
          `aws iam list-groups-for-user --user-name ${name}   (then list-group-policies / list-attached-group-policies for each group)`,
        ]
      : isRole
        ? [`aws iam list-role-policies --role-name ${name}; aws iam list-attached-role-policies --role-name ${name}`]
        : ['List the policies attached to the principal in the IAM console.'];
  const boundary =
    principal.type === 'iam-user'
      ? `aws iam get-user --user-name ${name} --query User.PermissionsBoundary`
      : isRole
        ? `aws iam get-role --role-name ${name} --query Role.PermissionsBoundary`
        : 'Check the principal for a permissions boundary in the IAM console.';
  const target = account ?? '<account-id>';
  return [
    { where: 'An identity-based policy of the principal (inline or managed)', howToFind: [...identity, 'Then read each one: aws iam get-policy-version / get-role-policy / get-user-policy'] },
    { where: 'A permissions boundary on the principal', howToFind: [boundary] },
    {
      where: 'A service control policy (or resource control policy) of AWS Organizations, on the account, an OU above it or the root',
      howToFind: [
        `From the management account: aws organizations list-policies-for-target --target-id ${target} --filter SERVICE_CONTROL_POLICY`,
        `Repeat for each parent (aws organizations list-parents --child-id ${target}), then: aws organizations describe-policy --policy-id <p-…>`,
      ],
    },
    {
      where: 'A session policy passed when the session was created (AssumeRole or GetFederationToken with --policy / --policy-arns)',
      howToFind: ['Look at the tool or profile that created the session, or the AssumeRole event in CloudTrail (requestParameters.policy / policyArns).'],
    },
    {
      where: 'A resource-based policy on the resource itself (bucket policy, KMS key policy…) or a VPC endpoint policy',
      howToFind: ['Read the resource\'s policy (e.g. aws s3api get-bucket-policy, aws kms get-key-policy) and the VPC endpoint\'s policy if the call went through one.'],
    },
  ];
}

function accountOf(decoded: DecodedAuthorization, principal: Principal): string | undefined {
  return principal.account ?? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(decoded.context.resource ?? '')?.[1];
}

export function adviseOnDecoded(decoded: DecodedAuthorization): DecodeAdvice {
  const action = decoded.context.action ?? '<action>';
  const resource = decoded.context.resource;
  const principal = describePrincipal(decoded.context.principal.arn ?? '');
  const onWhat = `${action}${resource ? ` on ${resource}` : ''}`;

  if (decoded.verdict === 'allowed') {
    return {
      summary: `The message says ${onWhat} was allowed.`,
      nextSteps: [
        'If the call still failed, it was denied for another action or resource of the same call: decode the message of that failure.',
        'A check after IAM (a KMS key policy, a resource in another account, a service-specific rule) may also have refused it.',
      ],
    };
  }

  if (decoded.verdict === 'implicit-deny') {
    const allowStatement = buildAllowStatement(action, resource);
    return {
      summary: `No policy statement allowed ${onWhat}, and none denied it: an Allow is missing.`,
      allowStatement,
      whereToAllow: whereToAllow(principal, allowStatement),
      nextSteps: [
        'Every layer must allow the request: if the identity policy already does, the missing Allow is in a permissions boundary, a session policy, or a service control policy; across accounts the resource policy must allow it too.',
        `Check before retrying: ${simulateCommand(principal, decoded, action)}`,
        'One API call may need several actions or resources; if the retry is denied again, decode the new message.',
      ],
    };
  }

  const denies = decoded.matchedStatements.filter((statement) => (statement.effect ?? 'Deny').toLowerCase() === 'deny');
  return {
    summary: `An explicit Deny matched ${onWhat}. No Allow can override it: the Deny must change, or the request must fall outside its conditions.`,
    matchedDenies: denies.map(describeStatement),
    denyLocations: denyLocations(principal, accountOf(decoded, principal)),
    nextSteps: [
      `Find the statement: ${simulateCommand(principal, decoded, action)}`,
      'The simulator names the matching statement of identity policies and boundaries (MatchedStatements, SourcePolicyId) and reports service control policies under OrganizationsDecisionDetail; if it allows the request, the deny is in a session policy or a resource policy.',
      ...(denies.some((s) => s.statementId)
        ? [`Search the policies above for the Sid: ${denies.flatMap((s) => (s.statementId ? [`"${s.statementId}"`] : [])).join(', ')}`]
        : []),
    ],
  };
}
