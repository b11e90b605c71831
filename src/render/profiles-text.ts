// Text rendering of `stsctl profiles`: one row per profile, then the lint findings with where to look and what to do.
import type { ChalkInstance } from 'chalk';
import type { ProfileKind, ProfilesResult } from '../commands/profiles.js';
import type { LintFinding } from '../profiles/lint.js';
import type { ChainLink } from '../profiles/types.js';
import { renderPlainTable } from './plain-table.js';

export interface ProfilesRenderOptions {
  readonly style: ChalkInstance;
}

const kindWords: Record<ProfileKind, string> = {
  'static-keys': 'static keys',
  role: 'role',
  sso: 'SSO',
  process: 'process',
  'web-identity': 'web identity',
  login: 'login',
  none: 'no credentials',
};

function roleName(arn: string): string {
  const match = /:(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? `${match[2] ?? ''} (${match[1] ?? ''})` : arn;
}

/** A link in a few words, for one table cell: `alice: keys AKIA…0001`, `x: role Deploy (222222222222)`. */
export function describeLinkShort(link: ChainLink): string {
  switch (link.kind) {
    case 'env-keys':
      return `environment keys ${link.accessKeyId}`;
    case 'static-keys':
      return `${link.profile}: keys ${link.accessKeyId}`;
    case 'assume-role':
      return `${link.profile}: role ${roleName(link.roleArn)}${'credentialSource' in link.via ? ` via ${link.via.credentialSource}` : ''}${link.mfaSerial ? ' +MFA' : ''}`;
    case 'web-identity':
      return `${link.profile}: web identity → role ${roleName(link.roleArn)}`;
    case 'sso':
      return `${link.profile}: SSO ${link.accountId}/${link.roleName}`;
    case 'credential-process':
      return `${link.profile}: credential_process`;
    case 'login-session':
      return `${link.profile}: console login ${link.session}`;
    case 'container':
      return 'container credentials';
    case 'instance-metadata':
      return 'instance metadata';
  }
}

function renderFinding(finding: LintFinding, style: ChalkInstance): string {
  const label = finding.severity === 'error' ? style.red('error  ') : style.yellow('warning');
  const lines = [`${label}  ${finding.message} ${style.dim(`[${finding.rule}]`)}`];
  if (finding.location) lines.push(`         ${style.dim('at:')} ${finding.location}`);
  if (finding.fix) lines.push(`         ${style.dim('fix:')} ${finding.fix}`);
  return lines.join('\n');
}

export function renderProfilesText(result: ProfilesResult, options: ProfilesRenderOptions): string {
  const { style } = options;
  const sections: string[] = [];
  if (result.profiles.length === 0) {
    sections.push(
      `No profiles in ${result.configFile.path}${result.configFile.exists ? '' : ' (missing)'} or ${result.credentialsFile.path}${result.credentialsFile.exists ? '' : ' (missing)'}.`,
    );
  } else {
    const rows = result.profiles.map((profile) => [
      `${profile.active ? '*' : ' '} ${profile.name}`,
      kindWords[profile.kind],
      profile.region ?? style.dim('-'),
      profile.mfaSerial ?? style.dim('-'),
      profile.chainError
        ? style.red(
            result.findings.some((finding) => finding.profile === profile.name && finding.severity === 'error')
              ? 'does not resolve (see lint below)'
              : `does not resolve: ${profile.chainError}`,
          )
        : profile.chain.map(describeLinkShort).join(' → ') || style.dim('-'),
    ]);
    sections.push(renderPlainTable(['  PROFILE', 'KIND', 'REGION', 'MFA', 'CHAIN'], rows));
    sections.push(style.dim('* the profile in use now (AWS_DEFAULT_PROFILE, AWS_PROFILE or default)'));
  }
  if (result.findings.length === 0) {
    sections.push(style.green('Lint: no problems found.'));
  } else {
    const counts = [
      result.errors > 0 ? `${String(result.errors)} error${result.errors === 1 ? '' : 's'}` : undefined,
      result.warnings > 0 ? `${String(result.warnings)} warning${result.warnings === 1 ? '' : 's'}` : undefined,
    ].filter(Boolean);
    sections.push([`Lint: ${counts.join(', ')}`, ...result.findings.map((finding) => renderFinding(finding, style))].join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}
