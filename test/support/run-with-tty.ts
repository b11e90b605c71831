// Runs the CLI with a pseudo-terminal as its controlling terminal while stdout and stderr stay pipes — the situation
// of `eval "$(stsctl assume admin)"` typed in a terminal, where the MFA prompt must reach the person on /dev/tty.
// Node has no pty support of its own; Python's standard library does, so the tests use it when python3 is present.
import { spawn } from 'node:child_process';
import { CLI_PATH, assertNoSecrets, type EmulatorHandle } from './cli-runner.js';
import { hasCommand, shellEnvironment } from './run-in-shell.js';

export interface TtyRunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Everything written to the terminal (the prompt, the echoed answer). */
  readonly terminal: string;
}

// Waits for `expect` on the terminal, types `answer` and a newline, then collects everything.
const driver = `
import fcntl, json, os, select, subprocess, sys, termios, time
args, expect, answer, timeout = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
master, slave = os.openpty()
def become_terminal_owner():
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        preexec_fn=become_terminal_owner, pass_fds=[slave])
os.close(slave)
terminal, answered, deadline = b'', False, time.time() + timeout
while time.time() < deadline and proc.poll() is None:
    ready, _, _ = select.select([master], [], [], 0.05)
    if ready:
        try:
            terminal += os.read(master, 4096)
        except OSError:
            break
    if not answered and expect.encode() in terminal:
        os.write(master, (answer + '\\n').encode())
        answered = True
if proc.poll() is None:
    proc.kill()
out, err = proc.communicate()
print(json.dumps({'code': proc.returncode, 'stdout': out.decode(), 'stderr': err.decode(), 'terminal': terminal.decode(errors='replace')}))
`;

export function hasPty(): boolean {
  return process.platform !== 'win32' && hasCommand('python3');
}

export async function runCliWithTty(
  args: readonly string[],
  options: { readonly home: string; readonly emulator: EmulatorHandle; readonly expect: string; readonly answer: string; readonly timeoutMs?: number },
): Promise<TtyRunResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const child = spawn(
    'python3',
    ['-c', driver, JSON.stringify([process.execPath, CLI_PATH, ...args]), options.expect, options.answer, String(timeoutMs / 1000)],
    { env: shellEnvironment({ home: options.home, emulator: options.emulator }), cwd: options.home, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`pty driver failed (${String(code)}): ${stderr}`);
  const result = JSON.parse(stdout) as TtyRunResult;
  assertNoSecrets(result.stderr, options.emulator.secrets());
  assertNoSecrets(result.terminal, options.emulator.secrets(), 'the terminal');
  return result;
}
