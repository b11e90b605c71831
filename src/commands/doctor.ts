// stsctl doctor: live checks of everything between this shell and working AWS credentials, each pass/warn/fail with
// its fix; `--all-profiles` checks every profile under a client-side rate limit.
import { readdirSync, statSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { FileProbe } from '../doctor/cache-check.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { defaultSweepConcurrency, defaultSweepRate, sweepProfiles } from '../doctor/sweep.js';
import type { ExitCodeValue } from '../errors.js';
import type { Runtime } from '../runtime.js';

export const nodeFileProbe: FileProbe = {
  stat: (path) => {
    try {
      const info = statSync(path);
      return { mode: info.mode, uid: info.uid, isDirectory: info.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readdir: (path) => {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
};

function parseRate(value: string): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000) throw new InvalidArgumentError('expected requests per second, a number above 0 and at most 1000.');
  return rate;
}

function parseConcurrency(value: string): number {
  const concurrency = Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64.');
  return concurrency;
}

interface DoctorOptions {
  readonly allProfiles?: boolean;
  readonly rate?: number;
  readonly concurrency?: number;
}

export function registerDoctor(program: Command, runtime: Runtime, hooks: { readonly setExitCode: (code: ExitCodeValue) => void }): void {
  program
    .command('doctor')
    .description('check config files, the profile chain, conflicting variables, credentials, expiry, clock, region and cache (live)')
    .option('--all-profiles', 'check every profile (GetCallerIdentity each) and print a table')
    .option('--rate <n>', `with --all-profiles: at most this many STS requests per second (default ${String(defaultSweepRate)})`, parseRate)
    .option('--concurrency <n>', `with --all-profiles: profiles checked at once (default ${String(defaultSweepConcurrency)})`, parseConcurrency)
    .addHelpText(
      'after',
      `
Each check prints PASS, WARN or FAIL with its fix. The exit code is 0 when nothing failed, else the code of the
first failing check's category: 3 configuration (files, chain, conflicting variables, cache permissions),
4 credentials (invalid, expired, clock skew), or the code of the diagnosed AWS error (5 denied, 6 throttled, 7 network…).
With --all-profiles, the exit code is that of the first failing profile.

Examples:
  $ stsctl doctor                                   # the active profile
  $ stsctl doctor --profile prod --json             # one JSON document
  $ stsctl doctor --all-profiles --rate 10          # every profile, at most 10 STS requests/s`,
    )
    .action(async (options: DoctorOptions) => {
      const output = runtime.output();
      // Table renderers (cli-table3) load only when printed, keeping the start-up chunk shared by every command small.
      const { createSweepProgress, renderDoctorText, renderSweepText } = await import('../render/doctor-text.js');
      if (options.allProfiles) {
        const progress = createSweepProgress(runtime.deps.stderr);
        const report = await sweepProfiles(runtime, {
          ...(options.rate !== undefined ? { rate: options.rate } : {}),
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          onProgress: (done, total, row) => progress.update(done, total, row),
        });
        progress.finish();
        if (output.json) output.resultJson(report);
        else output.result(renderSweepText(report, { style: output.style }));
        hooks.setExitCode(report.exitCode);
        return;
      }
      const uid = process.getuid?.();
      const report = await runDoctor(runtime, { probe: nodeFileProbe, ...(uid !== undefined ? { uid } : {}) });
      if (output.json) output.resultJson(report);
      else output.result(renderDoctorText(report, { style: output.style }));
      hooks.setExitCode(report.exitCode);
    });
}
