// The entry point: answer `--version` at once, hand everything else to program.ts, and set the exit code.
// (bin/stsctl.js answers `--version` and a cached `assume` before loading this module.)
// This is the only module that decides how the process ends.
import { readFileSync } from 'node:fs';
import { createProcessDeps, type Deps } from './deps.js';

export function readVersion(): string {
  const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(raw) as { version: string }).version;
}

function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}

export async function run(argv: readonly string[], deps: Deps): Promise<number> {
  // `stsctl --version` runs in scripts and shell prompts: answer it before loading commander or anything else.
  if (isVersionRequest(argv)) {
    deps.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv, deps, readVersion);
}

/** Run with the real process; sets process.exitCode rather than exiting, so pending output is flushed. */
export function runProcess(): void {
  // bin/stsctl.js answers `--version` itself before loading this module.
  run(process.argv.slice(2), createProcessDeps()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`stsctl: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
