// The credentials cache holds live session tokens, so its directory must be private (owned by you, 0700) and each
// entry 0600. The cache code refuses to use anything looser; doctor says so before a command silently skips it.
import { join } from 'node:path';
import { ExitCode } from '../errors.js';
import { fail, pass, skip, type DoctorCheck } from './check.js';

export interface FileInfo {
  readonly mode: number;
  readonly uid: number;
  readonly isDirectory: boolean;
}

/** Just enough of the file system for this check, injected so unit tests need no real files. */
export interface FileProbe {
  /** undefined when the path does not exist. */
  stat(path: string): FileInfo | undefined;
  readdir(path: string): readonly string[];
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

export function checkCacheDirectory(dir: string, probe: FileProbe, options: { readonly uid?: number; readonly platform: NodeJS.Platform }): DoctorCheck {
  if (options.platform === 'win32') return skip('cache-permissions', `Skipped on Windows (no POSIX modes): ${dir}.`);
  const info = probe.stat(dir);
  if (!info) return pass('cache-permissions', `${dir} does not exist yet; stsctl creates it with mode 0700 on first use.`);
  if (!info.isDirectory) {
    return fail('cache-permissions', `${dir} is not a directory, so credentials cannot be cached.`, ExitCode.config, { fix: [`Remove or rename it: mv ${dir} ${dir}.bak`] });
  }
  const problems: string[] = [];
  const fixes: string[] = [];
  if (options.uid !== undefined && info.uid !== options.uid) {
    problems.push(`${dir} belongs to uid ${String(info.uid)}, not to you (uid ${String(options.uid)}): whoever owns it can read your cached session tokens.`);
    fixes.push(`Remove it and let stsctl recreate it: rm -rf ${dir}`);
  }
  if ((info.mode & 0o077) !== 0) {
    problems.push(`${dir} has mode ${octal(info.mode)}: other users can list it.`);
    fixes.push(`chmod 700 ${dir}`);
  }
  const loose = probe
    .readdir(dir)
    .filter((name) => name.endsWith('.json'))
    .filter((name) => {
      const entry = probe.stat(join(dir, name));
      return entry !== undefined && ((entry.mode & 0o077) !== 0 || (options.uid !== undefined && entry.uid !== options.uid));
    });
  if (loose.length > 0) {
    problems.push(`${String(loose.length)} cached credential file(s) readable by others or not yours (e.g. ${loose[0] ?? ''}); stsctl ignores them.`);
    fixes.push(`chmod 600 ${join(dir, '*.json')} (or clear the cache: stsctl cache clear)`);
  }
  if (problems.length > 0) {
    return fail('cache-permissions', problems[0] ?? '', ExitCode.config, { details: problems.slice(1), fix: fixes });
  }
  return pass('cache-permissions', `${dir} is private (mode ${octal(info.mode)}, owned by you).`);
}
