// Everything a command needs from the outside world, passed in so commands run in unit tests without touching the
// real machine. `createProcessDeps` wires the real process; tests build their own.
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import type { StsPortFactory } from './sts/port.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Deps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** The OS user, for default session names. */
  readonly username: string;
  readonly platform: NodeJS.Platform;
  readonly readFile: (path: string) => string;
  readonly now: () => Date;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Loads the AWS SDK on first use: only commands that call AWS pay for it. */
  readonly createSts: StsPortFactory;
}

export function createProcessDeps(): Deps {
  return {
    env: process.env,
    homedir: homedir(),
    // Getters: building process.stdin costs milliseconds, and only a few commands read it.
    get username() {
      return currentUsername();
    },
    platform: process.platform,
    readFile: (path) => readFileSync(path, 'utf8'),
    now: () => new Date(),
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    createSts: async (credentials, settings) => {
      const { createSdkStsPort } = await import('./sts/sdk-adapter.js');
      return createSdkStsPort(credentials, settings);
    },
  };
}

function currentUsername(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'user';
  }
}
