// `--open`: hand the console sign-in URL to the browser. $BROWSER wins (the usual convention, and how tests and
// headless setups swap the browser for something else); otherwise the platform's opener: xdg-open, open, or
// `start` through cmd. The URL is passed as an argument, never through a shell, and never printed.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { StsctlError, ExitCode } from '../errors.js';

export interface OpenUrlDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
}

/** The command and arguments that open `url` on this platform. */
export function openerFor(url: string, deps: Pick<OpenUrlDeps, 'env' | 'platform'>): { readonly command: string; readonly args: readonly string[]; readonly verbatim?: boolean } {
  const browser = deps.env['BROWSER'];
  // $BROWSER may list several commands separated by ':'; the first is tried, as most tools do.
  const first = browser?.split(':')[0]?.trim();
  if (first) return { command: first, args: [url] };
  switch (deps.platform) {
    case 'darwin':
      return { command: 'open', args: [url] };
    case 'win32':
      // `start` is a cmd built-in; the empty title stops it from taking the quoted URL as the window title, and
      // verbatim quoting keeps cmd from reading the URL's & as a command separator.
      return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`], verbatim: true };
    default:
      return { command: 'xdg-open', args: [url] };
  }
}

/** Starts the opener and resolves once it has started; rejects (exit 3, this machine's setup) when it cannot start. */
export function openUrl(url: string, deps: OpenUrlDeps): Promise<void> {
  const spawn = deps.spawn ?? nodeSpawn;
  const opener = openerFor(url, deps);
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(opener.command, [...opener.args], {
        stdio: 'ignore',
        detached: true,
        ...(opener.verbatim ? { windowsVerbatimArguments: true } : {}),
      });
    } catch (error) {
      reject(cannotOpen(opener.command, error));
      return;
    }
    child.once('error', (error) => reject(cannotOpen(opener.command, error)));
    child.once('spawn', () => {
      // The browser outlives stsctl: do not wait for it.
      child.unref();
      resolve();
    });
  });
}

function cannotOpen(command: string, error: unknown): StsctlError {
  const code = (error as NodeJS.ErrnoException).code;
  return new StsctlError('CannotOpenBrowser', ExitCode.config, `Could not start ${command} to open the console${code ? ` (${code})` : ''}.`, {
    hints: ['Print the link instead and open it yourself: use --console without --open', 'Or set BROWSER to the program that opens URLs.'],
  });
}
