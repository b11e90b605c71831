// Which syntax to print credentials in, and how to guess it from the environment stsctl was started in.
import { UsageError } from '../errors.js';

export const credentialFormats = ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'] as const;
export type CredentialFormat = (typeof credentialFormats)[number];

/** Formats whose output is code that a shell runs; only these can clear variables. */
export const shellFormats = ['sh', 'fish', 'powershell', 'cmd'] as const satisfies readonly CredentialFormat[];
export type ShellFormat = (typeof shellFormats)[number];

export function isShellFormat(format: CredentialFormat): format is ShellFormat {
  return (shellFormats as readonly string[]).includes(format);
}

// Shell executable names (without directory or .exe) mapped to the syntax they read. POSIX-family shells all read
// `unset`/`export` with single quotes, so they share one format.
const shellNames: Readonly<Record<string, CredentialFormat>> = {
  sh: 'sh',
  bash: 'sh',
  zsh: 'sh',
  dash: 'sh',
  ksh: 'sh',
  mksh: 'sh',
  ksh93: 'sh',
  yash: 'sh',
  ash: 'sh',
  busybox: 'sh',
  fish: 'fish',
  pwsh: 'powershell',
  powershell: 'powershell',
  'pwsh-preview': 'powershell',
};

/** Parses a --format value, listing the accepted names when it is not one. */
export function parseCredentialFormat(text: string, flag = '--format'): CredentialFormat {
  const normalised = text.trim().toLowerCase();
  const aliases: Readonly<Record<string, CredentialFormat>> = {
    bash: 'sh',
    zsh: 'sh',
    posix: 'sh',
    pwsh: 'powershell',
    ps: 'powershell',
    env: 'dotenv',
    'credential-process': 'json',
    credential_process: 'json',
  };
  const format = aliases[normalised] ?? normalised;
  if ((credentialFormats as readonly string[]).includes(format)) return format as CredentialFormat;
  throw new UsageError(`${flag} ${JSON.stringify(text)} is not a known format: use one of ${credentialFormats.join(', ')}`, {
    code: 'UnknownFormat',
    hints: ['sh covers bash, zsh, dash and ksh; json is the credential_process shape'],
  });
}

/**
 * Guesses the output syntax for `eval`. $SHELL names the user's login shell rather than the shell actually running
 * us, but it is the only portable signal; users of a different interactive shell pass --format.
 */
export function detectFormat(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): CredentialFormat {
  const shell = env['SHELL']?.trim();
  if (shell) {
    // Git Bash and MSYS set SHELL on Windows too, with either separator and sometimes an .exe suffix.
    const base = shell.split(/[\\/]/).pop() ?? '';
    const name = base.replace(/\.exe$/i, '').replace(/^-/, '').toLowerCase();
    const known = shellNames[name];
    if (known) return known;
    if (platform !== 'win32') return 'sh';
  }
  if (platform === 'win32') return looksLikePowerShell(env['PSModulePath']) ? 'powershell' : 'cmd';
  return 'sh';
}

// Windows defines PSModulePath machine-wide, so cmd.exe sees it too; but a running PowerShell prepends the per-user
// module folder (…\Documents\PowerShell\Modules or …\WindowsPowerShell\Modules, possibly under a redirected or
// localised Documents), which the machine-wide value never contains: its own entries live under Program Files or
// system32. A user-level module folder is the best hint available without inspecting the parent process.
function looksLikePowerShell(psModulePath: string | undefined): boolean {
  if (!psModulePath) return false;
  return psModulePath
    .split(';')
    .some(
      (entry) =>
        /[\\/](?:Windows)?PowerShell[\\/]Modules[\\/]?$/i.test(entry) &&
        !/[\\/]Program Files(?: \(x86\))?[\\/]/i.test(entry) &&
        !/[\\/]system32[\\/]/i.test(entry),
    );
}
