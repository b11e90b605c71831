// ARNs: the generic six-part form, role ARNs in particular, and the partition a region belongs to (a role ARN built
// for a China or GovCloud account needs that partition, not `aws`).
import { UsageError } from '../errors.js';
import { showValue } from './describe.js';

export const knownPartitions = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
/** A partition stsctl knows by name, or any other `aws-…` partition AWS may add. */
export type Partition = (typeof knownPartitions)[number] | (string & {});

export interface Arn {
  readonly arn: string;
  readonly partition: Partition;
  readonly service: string;
  /** Empty for global services such as IAM. */
  readonly region: string;
  /** Empty for some resources; `aws` for AWS-managed policies. */
  readonly account: string;
  /** Everything after the fifth colon; may itself contain colons and slashes. */
  readonly resource: string;
}

export interface RoleArn {
  readonly arn: string;
  readonly partition: Partition;
  readonly account: string;
  /** IAM path with leading and trailing slash: `/` or `/team/dev/`. */
  readonly path: string;
  readonly name: string;
}

const partitionPattern = /^aws(?:-[a-z]+)*$/;
const arnExample = 'arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (e.g. arn:aws:iam::123456789012:role/Name)';
export const roleArnExample = 'arn:aws:iam::123456789012:role/Name';
/** One path segment or a role name: IAM's `[\w+=,.@-]`. */
export const roleNamePattern = /^[\w+=,.@-]{1,64}$/;
const pathSegmentPattern = /^[\w+=,.@-]{1,512}$/;

/** Splits any ARN into its parts; throws a UsageError saying what an ARN looks like. */
export function parseArn(text: string, label = 'ARN'): Arn {
  const result = splitArn(text);
  if (typeof result === 'string') {
    throw new UsageError(`${label} ${showValue(text)} is not an ARN: ${result}; ARNs look like ${arnExample}`, {
      code: 'InvalidArn',
    });
  }
  return result;
}

/** The ARN's parts, or what is wrong with it. */
function splitArn(text: string): Arn | string {
  const parts = text.split(':');
  const [prefix, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (prefix !== 'arn' || parts.length < 6) return 'it does not have the six colon-separated parts of an ARN';
  if (!partitionPattern.test(partition)) return `${showValue(partition)} is not an AWS partition (aws, aws-cn, aws-us-gov, …)`;
  if (!/^[a-z0-9-]+$/.test(service)) return 'the service part is empty or not lower-case letters, digits and -';
  if (resource === '') return 'the resource part is empty';
  return { arn: text, partition, service, region, account, resource };
}

/** Parses `arn:<partition>:iam::<12 digits>:role/<path/>Name`, explaining the usual mix-ups (user, session ARNs). */
export function parseRoleArn(text: string, label = 'role'): RoleArn {
  const fail = (problem: string, hints: string[] = []): never => {
    throw new UsageError(`${label} ${showValue(text)} is not a role ARN: ${problem}; a role ARN looks like ${roleArnExample} (or …:role/path/Name)`, {
      code: 'InvalidRoleArn',
      hints,
    });
  };
  const arn = splitArn(text);
  if (typeof arn === 'string') return fail(arn);
  const assumed = /^assumed-role\/([^/]+)\/[^/]+$/.exec(arn.resource);
  if (arn.service === 'sts' && assumed) {
    return fail('it is the ARN of an assumed-role session', [
      `the role itself is arn:${arn.partition}:iam::${arn.account}:role/${assumed[1]} (plus its path, if it has one)`,
    ]);
  }
  if (arn.service !== 'iam') fail(`the service is ${showValue(arn.service)}, not iam`);
  if (arn.region !== '') fail(`IAM ARNs have no region, but this one has ${showValue(arn.region)}`);
  if (!/^\d{12}$/.test(arn.account)) fail(`the account id must be 12 digits, not ${showValue(arn.account)}`);
  if (!arn.resource.startsWith('role/')) {
    const type = arn.resource.split('/')[0] ?? '';
    fail(`its resource type is ${showValue(type)}, not role`);
  }
  const segments = arn.resource.slice('role/'.length).split('/');
  const name = segments.pop() ?? '';
  if (!roleNamePattern.test(name)) {
    fail(`the role name ${showValue(name)} must be 1–64 letters, digits and + = , . @ _ -`);
  }
  const path = checkPathSegments(segments, fail);
  return { arn: text, partition: arn.partition, account: arn.account, path, name };
}

/** Turns `['team', 'dev']` into IAM's `/team/dev/`; calls `reject` with the problem for an invalid segment. */
export function checkPathSegments(segments: readonly string[], reject: (problem: string) => never): string {
  for (const segment of segments) {
    if (!pathSegmentPattern.test(segment)) {
      reject(
        segment === ''
          ? 'the role path has an empty segment (two slashes in a row?)'
          : `the path segment ${showValue(segment)} must be letters, digits and + = , . @ _ -`,
      );
    }
  }
  const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  if (path.length > 512) reject(`the role path is ${path.length} characters; IAM allows at most 512`);
  return path;
}

/** Builds `arn:<partition>:iam::<account>:role<path><name>` from IAM's path convention (`/` or `/a/b/`). */
export function formatRoleArn(role: { readonly partition: string; readonly account: string; readonly path: string; readonly name: string }): string {
  return `arn:${role.partition}:iam::${role.account}:role${role.path}${role.name}`;
}

/**
 * The partition a region belongs to. Regions outside the commercial partition carry its marker in their name
 * (cn-north-1, us-gov-west-1, us-iso-east-1…); everything else is `aws`.
 */
export function partitionOfRegion(region: string): Partition {
  const r = region.trim().toLowerCase();
  if (r.startsWith('cn-')) return 'aws-cn';
  if (r.startsWith('us-gov-')) return 'aws-us-gov';
  if (r.startsWith('us-isob-')) return 'aws-iso-b';
  if (r.startsWith('us-isof-') || r.startsWith('eu-isof-')) return 'aws-iso-f';
  if (r.startsWith('us-iso-')) return 'aws-iso';
  if (r.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (r.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}
