// Run the command line: build the commander program, run it, and turn any failure into a diagnosis and an exit
// code. Loaded by main.ts only when the command is more than `--version`.
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import type { Deps } from './deps.js';
import type { DiagnosisContext } from './diagnostics/types.js';
import { ExitCode, type ExitCodeValue } from './errors.js';
import { createOutput, type Output } from './render/output.js';
import type { GlobalOptions, Runtime } from './runtime.js';
import { attemptsOf } from './sts/sdk-error-metadata.js';

function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export async function runProgram(argv: readonly string[], deps: Deps, readVersion: () => string): Promise<ExitCodeValue | number> {
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

async function reportFailure(error: unknown, runtime: Runtime): Promise<ExitCodeValue> {
  // The catalogue is large and needed only when something failed.
  const [{ classify }, { renderDiagnosisText }] = await Promise.all([import('./diagnostics/classify.js'), import('./render/diagnosis-text.js')]);
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
