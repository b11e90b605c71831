// End-to-end runner: spawns the built CLI (`node bin/stsctl.js …`) in a sealed environment — its own temporary
// HOME and ~/.aws files, no inherited AWS_* variables, STS pointed at the local emulator — and checks on every run
// that no secret reached stderr, so the no-leak rule is enforced by every e2e test without being asked for.
import { AssertionError } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: this module runs from dist/test/support/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = join(REPO_ROOT, 'bin', 'stsctl.js');
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The part of the emulator the runner needs; a started Emulator fits. */
export interface EmulatorHandle {
  readonly url: string;
  secrets(): readonly string[];
}

export interface TempHome {
  readonly path: string;
  cleanup(): Promise<void>;
}

export interface RunOptions {
  readonly emulator?: EmulatorHandle;
  /** Text for ~/.aws/config (written before the run, replacing any earlier one). */
  readonly config?: string;
  /** Text for ~/.aws/credentials (written before the run, replacing any earlier one). */
  readonly credentials?: string;
  /** Environment overrides applied last; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdin?: string;
  /** Working directory; default the HOME of the run. */
  readonly cwd?: string;
  /** Kill the CLI and fail after this long; default 20 s. */
  readonly timeoutMs?: number;
  /** Reuse a HOME (path or TempHome) across runs, e.g. to hit the credentials cache on the second run. */
  readonly home?: string | TempHome;
  /** More strings that must never appear on stderr. */
  readonly secrets?: readonly string[];
  /** Script to run instead of bin/stsctl.js; meant for the runner's own tests. */
  readonly cliPath?: string;
}

export interface RunResult {
  /** Exit code; null only if the process died from a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** The HOME used, for a follow-up run with `home`. */
  readonly home: string;
}

const autoHomes = new Set<string>();
let exitHookInstalled = false;

function removeAutoHomesOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Homes created implicitly by runCli have no owner to clean them; remove them when the test process ends.
  process.once('exit', () => {
    for (const home of autoHomes) rmSync(home, { recursive: true, force: true });
  });
}

/** Creates an empty temporary HOME; call cleanup() when done (it is idempotent). */
export async function createTempHome(): Promise<TempHome> {
  const path = await mkdtemp(join(tmpdir(), 'stsctl-e2e-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Writes ~/.aws/config and/or ~/.aws/credentials into a HOME. */
export async function writeAwsFiles(home: string, files: { readonly config?: string; readonly credentials?: string }): Promise<void> {
  const awsDir = join(home, '.aws');
  await mkdir(awsDir, { recursive: true, mode: 0o700 });
  if (files.config !== undefined) await writeFile(join(awsDir, 'config'), files.config, { mode: 0o600 });
  if (files.credentials !== undefined) await writeFile(join(awsDir, 'credentials'), files.credentials, { mode: 0o600 });
}

/** Secret values in ini text: aws_secret_access_key, aws_session_token and the legacy aws_security_token. */
export function extractIniSecrets(text: string): string[] {
  const secrets: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(aws_secret_access_key|aws_session_token|aws_security_token)\s*=\s*(.*?)\s*$/i.exec(line);
    if (m?.[2]) secrets.push(m[2]);
  }
  return secrets;
}

/** The environment a run starts from: the parent's, minus anything that would let the machine leak in. */
export function buildCleanEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^AWS_/i.test(key)) continue;
    // The parent's colour forcing would make output depend on where the tests run.
    if (key === 'FORCE_COLOR' || key === 'NO_COLOR') continue;
    if (key.startsWith('XDG_')) continue;
    env[key] = value;
  }
  env.HOME = home;
  env.USERPROFILE = home;
  env.XDG_CACHE_HOME = join(home, '.cache');
  env.AWS_EC2_METADATA_DISABLED = 'true';
  env.NO_COLOR = '1';
  return env;
}

function maskSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

/** Throws an AssertionError if any secret (8 characters or more) occurs in `text`. The secret itself is not printed. */
export function assertNoSecrets(text: string, secrets: Iterable<string>, where = 'stderr'): void {
  const leaked = [...new Set(secrets)].filter((s) => s.length >= 8 && text.includes(s));
  if (leaked.length > 0) {
    throw new AssertionError({
      message: `secret leaked on ${where}: ${leaked.map(maskSecret).join(', ')}\n--- ${where} ---\n${redact(text, leaked)}`,
    });
  }
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('<SECRET>');
  return out;
}

export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  let home: string;
  if (typeof options.home === 'string') home = options.home;
  else if (options.home) home = options.home.path;
  else {
    home = await mkdtemp(join(tmpdir(), 'stsctl-e2e-'));
    autoHomes.add(home);
    removeAutoHomesOnExit();
  }
  await writeAwsFiles(home, { config: options.config, credentials: options.credentials });
  await mkdir(join(home, '.cache'), { recursive: true, mode: 0o700 });

  const env = buildCleanEnv(home);
  if (options.emulator) env.AWS_ENDPOINT_URL_STS = options.emulator.url;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const child = spawn(process.execPath, [options.cliPath ?? CLI_PATH, ...args], {
    cwd: options.cwd ?? home,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A session of its own has no controlling terminal: an MFA prompt (which goes to /dev/tty) then fails at once
    // instead of waiting on the terminal of whoever runs the tests.
    detached: true,
  });
  const { code, signal, stdout, stderr, timedOut } = await collectChild(child, options.stdin ?? '', timeoutMs);
  const durationMs = performance.now() - started;

  // Secrets are gathered after the run so credentials the emulator issued during it are covered too.
  const secrets = [
    ...(options.emulator?.secrets() ?? []),
    ...extractIniSecrets(options.config ?? ''),
    ...extractIniSecrets(options.credentials ?? ''),
    ...[options.env?.AWS_SECRET_ACCESS_KEY, options.env?.AWS_SESSION_TOKEN].filter((v): v is string => v !== undefined),
    ...(options.secrets ?? []),
  ];
  assertNoSecrets(stderr, secrets);

  if (timedOut) {
    throw new AssertionError({
      message: `stsctl ${args.join(' ')} did not finish within ${timeoutMs} ms and was killed\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
    });
  }
  return { code, signal, stdout, stderr, durationMs, home };
}

export interface CollectedChild {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Feeds stdin, collects stdout and stderr, and kills the child if it outlives the timeout. */
export async function collectChild(child: ChildProcessWithoutNullStreams, stdin: string, timeoutMs: number): Promise<CollectedChild> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A program that exits before reading stdin makes the write fail with EPIPE; that is its business, not the test's.
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  }).finally(() => clearTimeout(timer));
  return { code, signal, stdout, stderr, timedOut };
}
