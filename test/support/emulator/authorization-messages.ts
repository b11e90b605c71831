// Encoded authorization failure messages, as EC2 and others attach to UnauthorizedOperation. The emulator
// encrypts the decoded document with a key of its own (AES-256-GCM), so only messages it issued decode, and the
// text looks like AWS's: long, opaque, URL-safe base64.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { listDemoPrincipals, listDemoRoles } from './demo.js';

export interface EncodedMessageOptions {
  /** Who was denied: an IAM user, root, assumed-role or federated-user ARN. */
  readonly principalArn: string;
  /** e.g. 'ec2:RunInstances'. */
  readonly action: string;
  /** e.g. 'arn:aws:ec2:us-east-1:111111111111:instance/*'. */
  readonly resource: string;
  /** True: denied by an explicit Deny statement (listed in matchedStatements); false: no Allow matched. */
  readonly explicitDeny?: boolean;
  /** Condition keys and values of the request context; default a region key for the action's service. */
  readonly conditions?: Readonly<Record<string, string | readonly string[]>>;
}

interface ValueList {
  readonly items: ReadonlyArray<{ readonly value: string }>;
}

function toValueList(values: readonly string[]): ValueList {
  return { items: values.map((value) => ({ value })) };
}

interface PrincipalDescription {
  readonly id: string;
  readonly name?: string;
  readonly arn: string;
}

/** The principal block AWS puts in a decoded message: unique id, and the name for IAM users. */
export function describePrincipalArn(arn: string): PrincipalDescription {
  const user = listDemoPrincipals().find((p) => p.arn === arn);
  if (user) return user.kind === 'user' ? { id: user.userId, name: user.name, arn } : { id: user.userId, arn };
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (assumed) {
    const [, partition, account, roleName, session] = assumed;
    const role = listDemoRoles().find((r) => r.partition === partition && r.accountId === account && r.name === roleName);
    return { id: `${role?.roleId ?? 'AROAUNKNOWNEXAMPLE000'}:${session ?? ''}`, arn };
  }
  const federated = /^arn:[^:]+:sts::(\d{12}):federated-user\/(.+)$/.exec(arn);
  if (federated) return { id: `${federated[1] ?? ''}:${federated[2] ?? ''}`, name: federated[2] ?? '', arn };
  return { id: '', arn };
}

function defaultConditions(action: string, resource: string): Record<string, string> {
  const region = /^arn:[^:]+:[^:]+:([^:]*):/.exec(resource)?.[1] || 'us-east-1';
  const service = action.split(':')[0] ?? 'aws';
  return service === 'ec2' ? { 'ec2:Region': region } : { 'aws:RequestedRegion': region };
}

/** The decoded document, field order and booleans as AWS returns them today. */
export function buildDecodedMessage(options: EncodedMessageOptions): string {
  const principal = describePrincipalArn(options.principalArn);
  const explicitDeny = options.explicitDeny ?? false;
  const conditions = Object.entries(options.conditions ?? defaultConditions(options.action, options.resource)).map(
    ([key, value]) => ({ key, values: toValueList(typeof value === 'string' ? [value] : [...value]) }),
  );
  const matched = explicitDeny
    ? [
        {
          statementId: 'DenyByPolicy',
          effect: 'DENY',
          principals: toValueList([principal.id]),
          principalGroups: { items: [] },
          actions: toValueList([options.action]),
          resources: toValueList([options.resource]),
          conditions: { items: [] },
        },
      ]
    : [];
  return JSON.stringify({
    allowed: false,
    explicitDeny,
    matchedStatements: { items: matched },
    failures: { items: [] },
    context: {
      principal,
      action: options.action,
      resource: options.resource,
      conditions: { items: conditions },
    },
  });
}

export class AuthorizationMessages {
  private readonly key = randomBytes(32);

  /** Returns an opaque message only this instance can decode. */
  encode(options: EncodedMessageOptions): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(buildDecodedMessage(options), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The decoded JSON document, or undefined when the message is not one of ours (or was altered). */
  decode(message: string): string | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(message)) return undefined;
    const raw = Buffer.from(message, 'base64url');
    if (raw.length <= 28) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
