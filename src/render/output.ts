// Output routing: stdout gets the result and nothing else (safe to eval or pipe to jq); stderr gets everything
// meant for a person. Colour only on a TTY with NO_COLOR unset, unless FORCE_COLOR says otherwise.
import { Chalk, type ChalkInstance } from 'chalk';
import type { OutputStream } from '../deps.js';
import { maskSecretsInText } from '../text/mask.js';

export interface OutputOptions {
  readonly json: boolean;
  /** false when --no-color was given. */
  readonly color: boolean;
  readonly debug: boolean;
}

export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly style: ChalkInstance;
  /** The result: eval-able text or one JSON document. */
  result(text: string): void;
  resultJson(document: unknown): void;
  /** Human lines on stderr. */
  info(text: string): void;
  warn(text: string): void;
  debug(text: string): void;
  readonly debugEnabled: boolean;
}

export function decideColor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>, allowed: boolean): boolean {
  if (!allowed) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

export function createOutput(
  streams: { readonly stdout: OutputStream; readonly stderr: OutputStream },
  env: Readonly<Record<string, string | undefined>>,
  options: OutputOptions,
): Output {
  const color = decideColor(streams.stderr, env, options.color);
  const style = new Chalk({ level: color ? 1 : 0 });
  const line = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    json: options.json,
    color,
    style,
    debugEnabled: options.debug,
    result: (text) => void streams.stdout.write(line(text)),
    resultJson: (document) => void streams.stdout.write(`${JSON.stringify(document, null, 2)}\n`),
    info: (text) => void streams.stderr.write(line(text)),
    warn: (text) => void streams.stderr.write(line(`${style.yellow('warning:')} ${text}`)),
    // Debug lines pass through the masker as a last line of defence: they never carry secrets by design.
    debug: (text) => {
      if (options.debug) streams.stderr.write(line(style.dim(`debug: ${maskSecretsInText(text)}`)));
    },
  };
}
