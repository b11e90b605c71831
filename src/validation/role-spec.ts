// The ROLE argument of `stsctl assume`: a profile, a full role ARN, a role in a given account, or a role name in the
// caller's own account. Parsing is pure; resolving a name to an ARN needs the source identity's account and
// partition, which the caller learns later (from the profile chain or GetCallerIdentity).
import { UsageError } from '../errors.js';
import { type Partition, checkPathSegments, formatRoleArn, parseRoleArn, roleNamePattern } from './arn.js';
import { showValue } from './describe.js';

export type RoleSpec =
  | { readonly kind: 'profile'; readonly name: string }
  | {
      readonly kind: 'arn';
      readonly roleArn: string;
      readonly partition: Partition;
      readonly account: string;
      readonly path: string;
      readonly name: string;
    }
  | { readonly kind: 'account-role'; readonly account: string; readonly path: string; readonly name: string }
  | { readonly kind: 'role-name'; readonly path: string; readonly name: string };

/** Every RoleSpec that names a role rather than a profile. */
export type RoleReference = Exclude<RoleSpec, { readonly kind: 'profile' }>;

const acceptedForms =
  'a profile name, a role ARN (arn:aws:iam::123456789012:role/Name), a role in another account ' +
  '(123456789012:Name or 123456789012:role/path/Name), or a role in your own account (Name or role/path/Name)';

/**
 * Reads ROLE. A known profile name wins over every other reading, so a profile called `Admin` is never mistaken for
 * a role; the role forms are tried only for names that are not profiles.
 */
export function parseRoleSpec(spec: string, knownProfiles: ReadonlySet<string>, label = 'ROLE'): RoleSpec {
  if (knownProfiles.has(spec)) return { kind: 'profile', name: spec };

  if (spec.startsWith('arn:')) {
    const role = parseRoleArn(spec, label);
    return { kind: 'arn', roleArn: role.arn, partition: role.partition, account: role.account, path: role.path, name: role.name };
  }

  const fail = (problem: string): never => {
    const suggestions = suggestProfiles(spec, knownProfiles);
    const hints = suggestions.length > 0 ? [`did you mean the profile ${suggestions.map((s) => showValue(s)).join(' or ')}?`] : [];
    throw new UsageError(`${label} ${showValue(spec)} is neither a known profile nor a role (${problem}); ${label} can be ${acceptedForms}`, {
      code: 'InvalidRoleSpec',
      hints,
    });
  };

  const accountForm = /^(\d+):(.*)$/.exec(spec);
  if (accountForm) {
    const account = accountForm[1] as string;
    if (account.length !== 12) fail(`account ids have 12 digits, ${showValue(account)} has ${account.length}`);
    const role = parseRolePath(accountForm[2] as string, fail);
    return { kind: 'account-role', account, ...role };
  }
  if (spec.includes(':')) fail('only an ARN or a 12-digit account id may come before a colon');
  return { kind: 'role-name', ...parseRolePath(spec, fail) };
}

// `Name` or `role/path/Name`. A slash without the `role/` prefix is refused rather than guessed: `dev/Admin` could
// be a path, or a profile name with a typo.
function parseRolePath(text: string, fail: (problem: string) => never): { path: string; name: string } {
  if (text === '') return fail('the role name is missing');
  if (!text.includes('/')) {
    if (!roleNamePattern.test(text)) fail('role names are 1–64 letters, digits and + = , . @ _ -');
    return { path: '/', name: text };
  }
  if (!text.startsWith('role/')) return fail(`a role with a path is written role/${text}`);
  const segments = text.slice('role/'.length).split('/');
  const name = segments.pop() ?? '';
  if (!roleNamePattern.test(name)) fail('role names are 1–64 letters, digits and + = , . @ _ -');
  return { path: checkPathSegments(segments, fail), name };
}

/** The role's ARN: as given, or built in the given account (for role names) and partition. */
export function resolveRoleArn(spec: RoleReference, source: { readonly account: string; readonly partition: Partition }): string {
  switch (spec.kind) {
    case 'arn':
      return spec.roleArn;
    case 'account-role':
      return formatRoleArn({ partition: source.partition, account: spec.account, path: spec.path, name: spec.name });
    case 'role-name':
      return formatRoleArn({ partition: source.partition, account: source.account, path: spec.path, name: spec.name });
  }
}

/** Profiles whose names are close to `text` (case-insensitive, at most two edits away), closest first. */
export function suggestProfiles(text: string, knownProfiles: ReadonlySet<string>, limit = 3): string[] {
  const wanted = text.toLowerCase();
  const maxDistance = Math.min(2, Math.floor(wanted.length / 3));
  return [...knownProfiles]
    .map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }))
    .filter(({ distance }) => distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
