// `stsctl … --exec -- CMD ARGS…`: run one command with temporary credentials in its environment, without touching the
// calling shell. Node cannot exec(2) over itself, so stsctl stays as the parent: it passes signals on and exits with
// the child's status, so `stsctl assume X --exec -- make deploy && echo ok` behaves as `make deploy && echo ok`.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';
import { UsageError } from '../errors.js';
import { staleCredentialVariables } from '../credentials/index.js';

/** Set in the child's environment; its presence means "we are inside an stsctl exec". Value: what was assumed. */
export const execMarkerVariable = 'STSCTL_EXEC';

/** Signals a parent passes on. SIGINT is special-cased below; SIGKILL and SIGSTOP cannot be caught. */
const forwardedSignals = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGINT'] as const satisfies readonly NodeJS.Signals[];

export interface ExecRequest {
  readonly command: string;
  readonly args: readonly string[];
  /** The environment stsctl runs in; copied, never modified. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  /** Variables to set: credentials, expiration, region, markers (formatExports' assignments). */
  readonly assignments: readonly (readonly [string, string])[];
  /** More variables to drop from the caller's environment, like formatExports' `clear` (other commands' markers). */
  readonly clear?: readonly string[];
  /** What the child runs as, recorded in STSCTL_EXEC (a role ARN, `session`, a federated user). */
  readonly label: string;
  /** True when stsctl's stdin is a terminal: Ctrl-C then reaches the child directly (same process group). */
  readonly interactive: boolean;
  readonly platform: NodeJS.Platform;
}

export interface ExecDeps {
  readonly spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  /** Where to listen for signals; the real process by default. */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Says why the command could not start (stderr). */
  readonly report: (line: string) => void;
}

/**
 * Refuses to start inside another stsctl exec unless the user asked for chaining: the inner command would run with
 * a role assumed from the outer role's credentials (limited to one hour by AWS) when people usually expect their
 * own identity, which the outer exec has hidden.
 */
export function assertNotNested(env: Readonly<Record<string, string | undefined>>, chain: boolean): void {
  const outer = env[execMarkerVariable];
  if (outer === undefined || outer === '' || chain) return;
  throw new UsageError(`Already inside "stsctl --exec" for ${outer}: refusing to start another one from its credentials.`, {
    code: 'NestedExec',
    hints: [
      'Leave the outer command first, or pass --chain to assume from the outer credentials on purpose (AWS limits chained role sessions to 1 hour).',
    ],
    details: { outer },
  });
}

/** The child's environment: the caller's, minus every stale credential variable, plus the new assignments. */
export function buildExecEnvironment(request: Pick<ExecRequest, 'baseEnv' | 'assignments' | 'label' | 'clear'>): Record<string, string> {
  const env: Record<string, string> = {};
  const stale = new Set<string>([...staleCredentialVariables, ...(request.clear ?? [])]);
  for (const [name, value] of Object.entries(request.baseEnv)) {
    if (value !== undefined && !stale.has(name)) env[name] = value;
  }
  for (const [name, value] of request.assignments) env[name] = value;
  env[execMarkerVariable] = request.label;
  return env;
}

/** 128 + the signal number, as shells report a command killed by a signal. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** Runs the command to completion and resolves with the exit status to pass on. */
export function runWithCredentials(request: ExecRequest, deps: ExecDeps): Promise<number> {
  const spawn = deps.spawn ?? nodeSpawn;
  const signals = deps.signals ?? process;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(request.command, [...request.args], {
        stdio: 'inherit',
        env: buildExecEnvironment(request),
        // Never through a shell: the arguments reach the command exactly as given, with nothing re-parsed. (On
        // Windows a .cmd/.bat script then needs `cmd /c`, which the error below suggests.)
        shell: false,
      });
    } catch (error) {
      deps.report(`stsctl: cannot run ${request.command}: ${(error as Error).message}`);
      resolve(126);
      return;
    }
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of forwardedSignals) {
      const handler = (): void => {
        // A Ctrl-C typed in the terminal already went to the whole foreground process group, child included;
        // sending it again would make many programs treat it as a second, "force quit" interrupt.
        if (signal === 'SIGINT' && request.interactive) return;
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      signals.on(signal, handler);
    }
    let finished = false;
    const finish = (code: number): void => {
      // A failed spawn may report both 'error' and 'exit'; the first one decides.
      if (finished) return;
      finished = true;
      for (const [signal, handler] of handlers) signals.off(signal, handler);
      resolve(code);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Shell conventions: 127 when the command is not found, 126 when it cannot be executed.
      const notFound = error.code === 'ENOENT';
      const batch =
        request.platform === 'win32' && (notFound || /\.(cmd|bat)$/i.test(request.command))
          ? ` (a .cmd or .bat script runs as: --exec -- cmd /c ${request.command})`
          : '';
      deps.report(`stsctl: ${notFound ? 'command not found' : 'cannot run'}: ${request.command}${notFound ? '' : ` (${error.message})`}${batch}`);
      finish(notFound ? 127 : 126);
    });
    child.once('exit', (code, signal) => finish(signal ? exitCodeForSignal(signal) : (code ?? 1)));
  });
}
