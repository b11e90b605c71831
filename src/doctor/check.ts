// What one doctor check reports: pass, warn, fail (or skip when an earlier failure makes it meaningless), one line
// saying what was found, and the fix. A failing check carries the exit code of its category (DESIGN.md), so the
// exit status of `stsctl doctor` tells a script what kind of problem came first.
import type { Diagnosis } from '../diagnostics/types.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type CheckId =
  | 'config-files'
  | 'profile-chain'
  | 'environment'
  | 'credentials'
  | 'expiry'
  | 'clock'
  | 'region-endpoint'
  | 'cache-permissions';

export const checkTitles: Readonly<Record<CheckId, string>> = {
  'config-files': 'Config files',
  'profile-chain': 'Profile chain',
  environment: 'Environment',
  credentials: 'Credentials',
  expiry: 'Expiry',
  clock: 'Clock',
  'region-endpoint': 'Region and endpoint',
  'cache-permissions': 'Cache directory',
};

export interface DoctorCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly summary: string;
  /** Supporting facts, one per line. */
  readonly details: readonly string[];
  /** What to do about it, in order; empty on pass. */
  readonly fix: readonly string[];
  /** On fail: the exit code of the check's category. */
  readonly exitCode?: ExitCodeValue;
  /** On a failed AWS call: the full diagnosis. */
  readonly diagnosis?: Diagnosis;
}

interface CheckParts {
  readonly details?: readonly string[];
  readonly fix?: readonly string[];
}

export function pass(id: CheckId, summary: string, parts: CheckParts = {}): DoctorCheck {
  return { id, status: 'pass', summary, details: parts.details ?? [], fix: [] };
}

export function warn(id: CheckId, summary: string, parts: CheckParts = {}): DoctorCheck {
  return { id, status: 'warn', summary, details: parts.details ?? [], fix: parts.fix ?? [] };
}

export function fail(id: CheckId, summary: string, exitCode: ExitCodeValue, parts: CheckParts & { readonly diagnosis?: Diagnosis } = {}): DoctorCheck {
  return {
    id,
    status: 'fail',
    summary,
    details: parts.details ?? [],
    fix: parts.fix ?? [],
    exitCode,
    ...(parts.diagnosis ? { diagnosis: parts.diagnosis } : {}),
  };
}

export function skip(id: CheckId, summary: string): DoctorCheck {
  return { id, status: 'skip', summary, details: [], fix: [] };
}

/** 0 when nothing failed; otherwise the exit code of the first failing check, in the order the checks ran. */
export function doctorExitCode(checks: readonly DoctorCheck[]): ExitCodeValue {
  const first = checks.find((check) => check.status === 'fail');
  return first ? (first.exitCode ?? ExitCode.internal) : ExitCode.ok;
}
