// The entry point: build the program, run it, turn any failure into a diagnosis, and set the exit code.
// This is the only module that decides how the process ends.
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { createProcessDeps, type Deps } from './deps.js';
import { classify } from './diagnostics/classify.js';
import type { DiagnosisContext } from './diagnostics/types.js';
import { ExitCode, type ExitCodeValue } from './errors.js';
import { renderDiagnosisText } from './render/diagnosis-text.js';
import { createOutput, type Output } from './render/output.js';
import type { GlobalOptions, Runtime } from './runtime.js';
import { attemptsOf } from './sts/sdk-error-metadata.js';

export function readVersion(): string {
  const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(raw) as { version: string }).version;
}

function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export async function run(argv: readonly string[], deps: Deps): Promise<ExitCodeValue | number> {
  // `stsctl --version` is run in scripts and prompts; answer it before loading anything else.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    deps.stdout.write(`${readVersion()}\n`);
    return ExitCode.ok;
  }

  let globals: GlobalOptions = { json: wantsJson(argv), color: !argv.includes('--no-color'), debug: argv.includes('--debug') };
  let output: Output | undefined;
  const failureContext: Record<string, unknown> = {};
  // A number beyond ExitCode when --exec passes on the status of the command it ran.
  let exitCode: ExitCodeValue | number = ExitCode.ok;
  const runtime: Runtime = {
    deps,
    globals: () => globals,
    output: () => (output ??= createOutput(deps, deps.env, globals)),
    remember: (facts) => void Object.assign(failureContext, facts),
    failureContext: failureContext as DiagnosisContext,
  };
  const program = buildProgram(runtime, {
    version: readVersion,
    onGlobals: (parsed) => {
      globals = parsed;
      output = undefined;
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return handleCommanderError(error, runtime);
    return reportFailure(error, runtime);
  }
}

function handleCommanderError(error: CommanderError, runtime: Runtime): ExitCodeValue {
  // Commander has already printed help, the version, or its own message with a suggestion.
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
    return ExitCode.ok;
  }
  if (runtime.globals().json) {
    runtime.output().resultJson({ error: { code: 'UsageError', message: error.message.replace(/^error: /, ''), exitCode: ExitCode.usage, hints: ['Run stsctl --help for usage.'] } });
  }
  return ExitCode.usage;
}

function reportFailure(error: unknown, runtime: Runtime): ExitCodeValue {
  const out = runtime.output();
  // The SDK's retry strategy records how many attempts it made; a throttling diagnosis reports them.
  const attempts = attemptsOf(error);
  const diagnosis = classify(error, attempts === undefined ? runtime.failureContext : { ...runtime.failureContext, attempts });
  if (out.debugEnabled && error instanceof Error && error.stack) out.debug(error.stack);
  if (out.json) {
    out.resultJson({ error: diagnosis });
  } else {
    runtime.deps.stderr.write(renderDiagnosisText(diagnosis, { color: out.color }));
  }
  if (diagnosis.exitCode === ExitCode.internal) {
    out.info('This looks like a bug in stsctl. Please report it with the output of the same command run with --debug.');
  }
  return diagnosis.exitCode;
}

/** Run with the real process; sets process.exitCode rather than exiting, so pending output is flushed. */
export function runProcess(): void {
  run(process.argv.slice(2), createProcessDeps()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`stsctl: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.internal;
    },
  );
}
