// Text rendering of `stsctl whoami`: identity first, then how the credentials were obtained.
import type { ChalkInstance } from 'chalk';
import type { WhoamiResult } from '../commands/whoami.js';
import type { ChainLink, Origin } from '../profiles/types.js';
import { describeLink, formatRemaining } from './chain-text.js';

export interface WhoamiRenderOptions {
  readonly style: ChalkInstance;
  readonly now: Date;
}

function origin(value: Origin): string {
  return `(from ${value.detail})`;
}

export function renderWhoamiText(result: WhoamiResult, options: WhoamiRenderOptions): string {
  const { style } = options;
  const rows: [string, string][] = [
    ['Account', style.bold(result.account)],
    ['ARN', result.arn],
    ['Principal', result.principal.description],
    ['User ID', result.userId],
    ['Access key', `${result.accessKeyId ?? 'unknown'}${result.temporary ? ' (temporary)' : ' (long-term)'}`],
    ['MFA', `${result.mfa.present}${result.mfa.mfaSerial ? `, ${result.mfa.mfaSerial}` : ''} ${style.dim(`(${result.mfa.basis})`)}`],
    ['Profile', result.profile ? `${result.profile.value} ${style.dim(origin(result.profile.origin))}` : style.dim('none')],
    ['Region', result.region ? `${result.region.value} ${style.dim(origin(result.region.origin))}` : style.yellow('not set')],
    ['STS endpoint', `${result.endpoint.url} ${style.dim(`(${result.endpoint.scope}, from ${result.endpoint.origin.detail})`)}`],
  ];
  if (result.expiration) {
    const expires = new Date(result.expiration);
    rows.push(['Expires', `${expires.toLocaleString()} ${style.dim(`(${formatRemaining(expires.getTime() - options.now.getTime())})`)}`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${style.dim(label.padEnd(width))}  ${value}`);
  lines.push(result.chain.length === 0 ? `${style.dim('Credential chain'.padEnd(width))}  none` : style.dim('Credential chain'));
  result.chain.forEach((link: ChainLink, index: number) => {
    lines.push(`  ${String(index + 1)}. ${describeLink(link)} ${style.dim(origin(link.origin))}`);
  });
  return `${lines.join('\n')}\n`;
}
