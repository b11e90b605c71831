// Renders a Diagnosis as a compact block for stderr: a headline, the original message, the profile / account /
// region in force, ranked causes with their evidence, numbered next steps (multi-line statements indented under
// their number) and the documentation link. Every piece of text passes through maskSecretsInText, so access keys
// are shown masked and secrets or session tokens never appear, whatever the error text contained.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Category, Diagnosis, Likelihood } from '../diagnostics/types.js';
import { maskAccessKeyId, maskSecretsInText } from '../text/mask.js';

export interface DiagnosisTextOptions {
  readonly color: boolean;
  /** Wrap width for prose; defaults to 100 columns. */
  readonly width?: number;
}

const TITLES: Readonly<Record<Category, string>> = {
  'access-denied': 'Access denied',
  'invalid-credentials': 'Invalid credentials',
  'expired-credentials': 'Expired credentials',
  'clock-skew': 'Clock skew',
  throttling: 'Throttled',
  'resource-not-found': 'Not found',
  validation: 'Rejected request',
  'region-disabled': 'Region disabled',
  mfa: 'MFA failed',
  'policy-document': 'Policy document rejected',
  'web-identity': 'Federation failed',
  'no-credentials': 'No credentials',
  'sso-expired': 'SSO session expired',
  'profile-config': 'Profile configuration',
  network: 'Network error',
  other: 'Error',
};

export function categoryTitle(category: Category): string {
  return TITLES[category];
}

/** Greedy word wrap; words longer than the width (ARNs, URLs) stay whole on their own line. */
export function wrapText(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

function likelihoodLabel(chalk: ChalkInstance, likelihood: Likelihood): string {
  const label = likelihood.padEnd(6);
  if (likelihood === 'high') return chalk.red(label);
  if (likelihood === 'medium') return chalk.yellow(label);
  return chalk.dim(label);
}

function contextLine(d: Diagnosis): string {
  const c = d.context;
  const parts = [
    `profile ${c.profile ?? 'unknown'}`,
    `account ${c.account ?? 'unknown'}`,
    `region ${c.region ?? 'unknown'}${c.regionOrigin === undefined ? '' : ` (from ${c.regionOrigin})`}`,
  ];
  if (c.accessKeyId !== undefined) parts.push(`key ${maskAccessKeyId(c.accessKeyId)}`);
  return parts.join(' · ');
}

/** A step's first line goes after its number; later lines (JSON statements, YAML) are indented beneath it. */
function renderStep(chalk: ChalkInstance, step: string, index: number, width: number): string[] {
  const [first = '', ...rest] = maskSecretsInText(step).split('\n');
  const number = `${index + 1}.`.padEnd(3);
  const head = wrapText(first, width, '        ');
  head[0] = `    ${number} ${(head[0] ?? '').trimStart()}`;
  return [...head, ...rest.map((line) => chalk.cyan(`          ${line}`))];
}

export function renderDiagnosisText(d: Diagnosis, options: DiagnosisTextOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? 100;
  const out: string[] = [];

  const summary = maskSecretsInText(d.summary);
  const title = `✗ ${TITLES[d.category]}`;
  const headline = wrapText(`${title} — ${summary}`, width, '').map((l, i) => (i === 0 ? l.replace(title, chalk.red.bold(title)) : `  ${l}`));
  out.push(...headline);

  const origin = [d.code, d.operation === undefined ? undefined : `from ${d.operation}`].filter((p) => p !== undefined).join(' ');
  const message = maskSecretsInText(d.message.trim());
  if (message !== '' && message !== summary) {
    const text = origin === '' ? message : `${origin}: ${message}`;
    out.push(...wrapText(text, width, '  ').map((l) => chalk.dim(l)));
  } else if (origin !== '') {
    out.push(chalk.dim(`  ${origin}`));
  }
  out.push(`  ${contextLine(d)}`);

  if (d.causes.length > 0) {
    out.push('', chalk.bold('  Likely causes'));
    d.causes.forEach((cause, i) => {
      const lines = wrapText(maskSecretsInText(cause.cause), width, '               ');
      lines[0] = `    ${`${i + 1}.`.padEnd(3)} ${likelihoodLabel(chalk, cause.likelihood)} ${(lines[0] ?? '').trimStart()}`;
      out.push(...lines);
      for (const evidence of cause.evidence) {
        const ev = wrapText(maskSecretsInText(evidence), width, '                 ');
        ev[0] = `               ${chalk.dim('·')} ${(ev[0] ?? '').trimStart()}`;
        out.push(...ev.map((l, j) => (j === 0 ? l : chalk.dim(l))));
      }
    });
  }

  if (d.nextSteps.length > 0) {
    out.push('', chalk.bold('  Next steps'));
    d.nextSteps.forEach((step, i) => out.push(...renderStep(chalk, step, i, width)));
  }

  if (d.docs !== undefined) out.push('', `  Docs: ${chalk.underline(d.docs)}`);
  return `${out.join('\n')}\n`;
}
