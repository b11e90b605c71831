// Asking for an MFA code on the controlling terminal, never on stdin/stdout: stdout is the eval'd result and is
// captured by `$(…)` or by the AWS CLI running us as a credential_process, and stdin may be a pipe. When the process
// has no terminal at all (CI, a credential_process under an IDE), the prompt fails at once with a message instead
// of hanging.
import { openSync, closeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream, WriteStream } from 'node:tty';
import { CredentialsError, UsageError } from '../errors.js';
import { validateTokenCode } from '../validation/names.js';

/** Asks one question on the terminal and resolves with the line typed (without the newline). */
export type AskOnTerminal = (question: string) => Promise<string>;

/** Resolves with a validated six-digit code for the MFA device `serial`. */
export type MfaPrompt = (serial: string) => Promise<string>;

/** Thrown (as a CredentialsError, exit 4) when there is no terminal to ask on. */
export const noTerminalCode = 'MfaCodeRequired';

function terminalPaths(platform: NodeJS.Platform): { readonly input: string; readonly output: string } {
  // Windows has no /dev/tty; CONIN$/CONOUT$ are the console of the process even when stdio is redirected.
  return platform === 'win32' ? { input: 'CONIN$', output: 'CONOUT$' } : { input: '/dev/tty', output: '/dev/tty' };
}

class NoTerminal extends Error {}

/**
 * The real terminal: opens it for this one question and closes it again, so nothing keeps the process alive
 * afterwards. Opening fails with ENXIO (no controlling terminal) or ENOENT, which becomes NoTerminal.
 */
export function createTerminalAsker(platform: NodeJS.Platform): AskOnTerminal {
  return async (question) => {
    const paths = terminalPaths(platform);
    let inputFd: number | undefined;
    let outputFd: number | undefined;
    try {
      inputFd = openSync(paths.input, 'r');
      outputFd = openSync(paths.output, 'w');
    } catch (error) {
      for (const fd of [inputFd, outputFd]) if (fd !== undefined) closeSync(fd);
      throw new NoTerminal((error as Error).message);
    }
    const input = new ReadStream(inputFd);
    const output = new WriteStream(outputFd);
    // Cooked mode: the terminal echoes and edits the line, and Ctrl-C interrupts the process as usual.
    const reader = createInterface({ input, output, terminal: false });
    try {
      output.write(question);
      return await new Promise<string>((resolve, reject) => {
        reader.once('line', resolve);
        reader.once('close', () => reject(new CredentialsError('MfaCodeNotEntered', 'No MFA code was entered (the terminal closed its input).')));
      });
    } finally {
      reader.close();
      input.destroy();
      output.destroy();
    }
  };
}

export interface MfaPromptOptions {
  readonly ask: AskOnTerminal;
  /** How many answers to accept before giving up on a code that is not six digits. */
  readonly attempts?: number;
  /** The command to suggest when there is no terminal, e.g. `stsctl assume admin`. */
  readonly retryCommand?: string;
}

/** `Enter MFA code for <serial>: `, asked again (up to `attempts` times) until the answer is six digits. */
export function createMfaPrompt(options: MfaPromptOptions): MfaPrompt {
  const attempts = options.attempts ?? 3;
  return async (serial) => {
    let problem = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      let answer: string;
      try {
        answer = await options.ask(`${problem}Enter MFA code for ${serial}: `);
      } catch (error) {
        if (error instanceof NoTerminal) throw noTerminalError(serial, options.retryCommand);
        throw error;
      }
      try {
        return validateTokenCode(answer, 'The code');
      } catch (error) {
        if (!(error instanceof UsageError) || attempt === attempts) throw error;
        problem = `${error.message}.\n`;
      }
    }
    // Unreachable: the last attempt either returns or throws.
    throw new CredentialsError('MfaCodeNotEntered', 'No MFA code was entered.');
  };
}

function noTerminalError(serial: string, retryCommand: string | undefined): CredentialsError {
  const command = retryCommand ?? 'stsctl assume ROLE';
  return new CredentialsError(
    noTerminalCode,
    `An MFA code is needed for ${serial}, and there is no terminal to ask on.`,
    {
      hints: [
        `Pass the code instead: ${command} --token-code 123456`,
        'Or run the command once in a terminal: the credentials are cached, and later runs (credential_process included) reuse them without asking.',
      ],
      details: { mfaSerial: serial },
    },
  );
}

/** The prompt stsctl uses: the controlling terminal of this process. */
export function createTerminalMfaPrompt(platform: NodeJS.Platform, retryCommand?: string): MfaPrompt {
  return createMfaPrompt({ ask: createTerminalAsker(platform), ...(retryCommand ? { retryCommand } : {}) });
}
