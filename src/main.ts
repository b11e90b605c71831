// The entry point: answer `--version` at once, hand everything else to program.ts, and set the exit code.
// This is the only module that decides how the process ends.
import { readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  // A cached `stsctl assume` (every new shell, every credential_process call) is answered without commander, chalk
  // or the AWS SDK; the fast path steps aside for anything else, printing nothing.
  if (argv[0] === 'assume') {
    const served = (await loadAssumeFastPath()).serveCachedAssume(argv, deps);
    if (served !== undefined) return served;
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv, deps, readVersion);
}

type AssumeFastPath = typeof import('./assume/cached-fast-path.js');
type CommonJsWrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * The bundle ships the fast path as one self-contained CommonJS file with V8's code cache for it beside it
 * (scripts/bundle.mjs): compiled from the cache and loaded synchronously, it starts several milliseconds sooner than
 * the ESM chunks a static import would be split into. V8 checks the cache against its own version and flags and
 * ignores it when they differ, so a stale cache costs time, never correctness. Unbundled (dist/src, for tests) the
 * fast path is the plain module next to this one. The paths are computed so the bundler leaves them alone.
 */
async function loadAssumeFastPath(): Promise<AssumeFastPath> {
  const file = fileURLToPath(new URL('./assume/cached-fast-path.cjs', import.meta.url));
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return (await import(new URL('./assume/cached-fast-path.js', import.meta.url).href)) as AssumeFastPath;
  }
  const require = createRequire(file);
  const { Script } = require('node:vm') as typeof import('node:vm');
  const { wrap } = require('node:module') as { wrap: (code: string) => string };
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No code cache (a build without it): compile from source.
  }
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  (script.runInThisContext() as CommonJsWrapper).call(module.exports, module.exports, require, module, file, dirname(file));
  return module.exports as AssumeFastPath;
}

/** Run with the real process; sets process.exitCode rather than exiting, so pending output is flushed. */
export function runProcess(): void {
  const argv = process.argv.slice(2);
  if (isVersionRequest(argv)) {
    // Six bytes do not need the cost of building process.stdout.
    writeSync(1, `${readVersion()}\n`);
    return;
  }
  run(argv, createProcessDeps()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`stsctl: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
