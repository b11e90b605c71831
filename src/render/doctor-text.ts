// Text rendering of `stsctl doctor`: one line per check with its status, the facts under it, and the fix; and the
// --all-profiles table with its progress line.
import type { ChalkInstance } from 'chalk';
import type { OutputStream } from '../deps.js';
import { checkTitles, type CheckStatus, type DoctorCheck } from '../doctor/check.js';
import type { DoctorReport } from '../doctor/run-doctor.js';
import type { SweepReport, SweepRow, SweepStatus } from '../doctor/sweep.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { renderPlainTable } from './plain-table.js';

export interface DoctorRenderOptions {
  readonly style: ChalkInstance;
}

const exitCodeWords: Readonly<Record<ExitCodeValue, string>> = {
  [ExitCode.ok]: 'success',
  [ExitCode.internal]: 'internal error',
  [ExitCode.usage]: 'usage',
  [ExitCode.config]: 'configuration',
  [ExitCode.credentials]: 'credentials',
  [ExitCode.accessDenied]: 'access denied',
  [ExitCode.throttled]: 'throttled',
  [ExitCode.network]: 'network',
  [ExitCode.validation]: 'validation',
};

function statusLabel(status: CheckStatus, style: ChalkInstance): string {
  switch (status) {
    case 'pass':
      return style.green('PASS');
    case 'warn':
      return style.yellow('WARN');
    case 'fail':
      return style.red('FAIL');
    case 'skip':
      return style.dim('SKIP');
  }
}

function renderCheck(check: DoctorCheck, width: number, style: ChalkInstance): string {
  const indent = ' '.repeat(width + 10);
  const lines = [`  ${statusLabel(check.status, style)}  ${checkTitles[check.id].padEnd(width)}  ${check.summary}`];
  for (const detail of check.details) lines.push(`${indent}${style.dim(detail)}`);
  for (const fix of check.fix) lines.push(`${indent}${style.cyan('fix:')} ${fix}`);
  return lines.join('\n');
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

export function renderDoctorText(report: DoctorReport, options: DoctorRenderOptions): string {
  const { style } = options;
  const context = [
    report.profile ? `profile ${style.bold(report.profile)}` : 'no profile',
    report.account ? `account ${style.bold(report.account)}` : undefined,
    report.region ? `region ${style.bold(report.region)}` : 'no region',
  ].filter(Boolean);
  const width = Math.max(...report.checks.map((check) => checkTitles[check.id].length));
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  const warned = report.checks.filter((check) => check.status === 'warn').length;
  const verdict =
    failed > 0
      ? style.red(`${plural(failed, 'check')} failed${warned > 0 ? `, ${plural(warned, 'warning')}` : ''}: exit code ${String(report.exitCode)} (${exitCodeWords[report.exitCode]}, from the first failing check).`)
      : warned > 0
        ? style.yellow(`All checks pass, with ${plural(warned, 'warning')}.`)
        : style.green('All checks pass.');
  return `stsctl doctor: ${context.join(', ')}\n\n${report.checks.map((check) => renderCheck(check, width, style)).join('\n')}\n\n${verdict}\n`;
}

function sweepStatus(status: SweepStatus, style: ChalkInstance): string {
  switch (status) {
    case 'ok':
      return style.green('ok');
    case 'warn':
      return style.yellow('warn');
    case 'fail':
      return style.red('fail');
    case 'skipped':
      return style.dim('skipped');
  }
}

function diagnosisCell(row: SweepRow): string {
  if (row.diagnosis) return `${row.diagnosis.category}: ${row.diagnosis.summary}`;
  return row.note ?? '';
}

export function renderSweepText(report: SweepReport, options: DoctorRenderOptions): string {
  const { style } = options;
  const table = renderPlainTable(
    ['PROFILE', 'STATUS', 'ACCOUNT', 'PRINCIPAL', 'DIAGNOSIS'],
    report.rows.map((row) => [row.profile, sweepStatus(row.status, style), row.account ?? '-', row.principal ?? '-', diagnosisCell(row)]),
  );
  const { counts } = report;
  const summary = [
    `${plural(report.rows.length, 'profile')} in ${(report.durationMs / 1000).toFixed(1)} s: ${String(counts.ok)} ok, ${String(counts.warn)} warn, ${String(counts.fail)} failed, ${String(counts.skipped)} skipped.`,
    `${plural(report.stsRequests, 'STS request')} at most ${String(report.rate)}/s, ${String(report.concurrency)} at a time${report.throttled > 0 ? style.red(`; ${String(report.throttled)} throttled despite the limit: lower --rate`) : ''}.`,
  ];
  return `${table}\n\n${summary.join('\n')}\n`;
}

/** Progress on stderr: one line rewritten in place on a terminal, a line per tenth of the way otherwise. */
export function createSweepProgress(stream: OutputStream): { update(done: number, total: number, row: SweepRow): void; finish(): void } {
  const tty = stream.isTTY === true;
  let failed = 0;
  let lastTenth = -1;
  let wrote = false;
  return {
    update(done, total, row) {
      if (row.status === 'fail') failed += 1;
      const text = `checked ${String(done)}/${String(total)} profiles${failed > 0 ? ` (${String(failed)} failed)` : ''}`;
      if (tty) {
        stream.write(`\r${text} ${row.profile}`.slice(0, 100).padEnd(100));
        wrote = true;
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    finish() {
      if (tty && wrote) stream.write(`\r${' '.repeat(100)}\r`);
    },
  };
}
