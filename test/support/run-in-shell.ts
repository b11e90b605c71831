// Runs a real shell (bash, fish…) with `stsctl` on its PATH, in the same sealed environment as runCli: a temporary
// HOME, no inherited AWS_* variables, STS at the emulator. This is how a new user meets stsctl:
// `eval "$(stsctl assume X)"` typed into their shell. Every run checks that no secret reached stderr.
import { AssertionError } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoSecrets, buildCleanEnv, CLI_PATH, collectChild, type EmulatorHandle } from './cli-runner.js';

export interface ShellRunOptions {
  /** A HOME prepared by runCli or createTempHome (with ~/.aws files written). */
  readonly home: string;
  readonly emulator?: EmulatorHandle;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  readonly stdin?: string;
  readonly secrets?: readonly string[];
}

export interface ShellRunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** True when `name` can be started (e.g. fish, pwsh, aws). */
export function hasCommand(name: string, versionArgs: readonly string[] = ['--version']): boolean {
  const probe = spawnSync(name, [...versionArgs], { stdio: 'ignore', timeout: 10_000 });
  return !probe.error && probe.status === 0;
}

/** Writes `<home>/bin/stsctl` (a wrapper around bin/stsctl.js) and returns the directory. */
export function installWrapper(home: string): string {
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  const wrapper = join(bin, 'stsctl');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return bin;
}

/** The environment runCli would use, with `stsctl` first on PATH. */
export function shellEnvironment(options: ShellRunOptions): Record<string, string> {
  const env = buildCleanEnv(options.home);
  env.PATH = `${installWrapper(options.home)}:${env.PATH ?? '/usr/bin:/bin'}`;
  if (options.emulator) env.AWS_ENDPOINT_URL_STS = options.emulator.url;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Runs `command args…` (a shell with its script) and waits. The child gets a session of its own (no controlling
 * terminal), so an MFA prompt can never stop a test on the developer's terminal.
 */
export async function runInShell(command: string, args: readonly string[], options: ShellRunOptions): Promise<ShellRunResult> {
  const child = spawn(command, [...args], { cwd: options.home, env: shellEnvironment(options), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const timeoutMs = options.timeoutMs ?? 20_000;
  const { code, signal, stdout, stderr, timedOut } = await collectChild(child, options.stdin ?? '', timeoutMs);
  assertNoSecrets(stderr, [...(options.emulator?.secrets() ?? []), ...(options.secrets ?? [])]);
  if (timedOut) {
    throw new AssertionError({ message: `${command} ${args.join(' ')} did not finish within ${timeoutMs} ms\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}` });
  }
  return { code, signal, stdout, stderr };
}
