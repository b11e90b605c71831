// ARN parsing for the identities and resources named in AWS error messages. Messages are often redacted by the
// people who post them ("arn:aws:iam::xxx:role/R", "aws:iam::*:role/R"), so parsing is lenient about the account.

export interface Arn {
  readonly text: string;
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account, e.g. "role/Admin" or "assumed-role/Admin/session". */
  readonly resource: string;
  /** "role", "user", "assumed-role", "root"… */
  readonly resourceType: string;
}

const ARN_IN_TEXT = /(?:arn:)?aws(?:-[a-z-]+)?:[a-z0-9-]+:[a-z0-9-]*:[^:\s'"`]*:[^\s'"`,;\\)\]]+/g;

export function parseArn(value: string): Arn | undefined {
  const text = value.trim().replace(/[.'"`)\]]+$/, '');
  const match = /^(?:arn:)?(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):([^:]*):(.+)$/.exec(text);
  if (match === null) return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = match;
  const resourceType = resource.split(/[/:]/)[0] ?? '';
  return { text: text.startsWith('arn:') ? text : `arn:${text}`, partition, service, region, account, resource, resourceType };
}

export function findArns(text: string): Arn[] {
  const arns: Arn[] = [];
  for (const match of text.matchAll(ARN_IN_TEXT)) {
    const arn = parseArn(match[0]);
    if (arn !== undefined) arns.push(arn);
  }
  return arns;
}

export function isRootArn(arn: Arn): boolean {
  return arn.service === 'iam' && arn.resource === 'root';
}

/**
 * Trust policies name roles, not sessions: the principal for "arn:aws:sts::1:assumed-role/R/s" is
 * "arn:aws:iam::1:role/R" (the session name changes on every call, so it cannot be trusted directly).
 */
export function principalArnFor(arn: Arn): string {
  if (arn.service === 'sts' && arn.resourceType === 'assumed-role') {
    const roleName = arn.resource.split('/')[1] ?? '';
    return `arn:${arn.partition}:iam::${arn.account}:role/${roleName}`;
  }
  return arn.text;
}

export function roleNameOf(arn: Arn): string | undefined {
  if (arn.resourceType !== 'role') return undefined;
  // Role ARNs may carry a path (role/team/Name); the name is the last segment.
  const parts = arn.resource.split('/');
  return parts[parts.length - 1];
}

/** A twelve-digit account id, or undefined when the account was redacted. */
export function accountOf(arn: Arn): string | undefined {
  return /^\d{12}$/.test(arn.account) ? arn.account : undefined;
}
