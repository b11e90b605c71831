// stsctl decode: turn an "Encoded authorization failure message" into who asked for what, on which resource, under
// which conditions, whether an explicit deny or a missing allow refused it, and what to do about it.
// The input is found and validated before anything else, so bad input never loads the SDK or makes a request.
import type { Command } from 'commander';
import { adviseOnDecoded, type DecodeAdvice } from '../decode/advice.js';
import { extractEncodedMessage, type ExtractedMessage } from '../decode/extract-message.js';
import { normaliseDecodedDocument, readDecodedDocument, type DecodedAuthorization } from '../decode/parse-decoded.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { loadResolution } from '../profiles/load-resolution.js';
import type { Runtime } from '../runtime.js';
import { connect } from '../sts/connect.js';

export interface DecodeOptions {
  /** Words of the message or pasted error as given on the command line; ['-'] reads stdin. */
  readonly args: readonly string[];
  readonly file?: string;
}

export interface DecodeResult extends DecodedAuthorization {
  readonly advice: DecodeAdvice;
  /** What was found in the input (the message itself is not repeated). */
  readonly input: {
    readonly foundBy: ExtractedMessage['foundBy'];
    readonly length: number;
    readonly joinedLines: number;
    readonly others: number;
  };
  /** DecodedMessage as AWS returned it, parsed (fields stsctl does not know are kept here). */
  readonly decodedMessage: unknown;
}

async function readAll(stream: Deps['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The raw text to search: the arguments, stdin (`-`, or no argument with piped input) or --file. */
export async function readDecodeInput(options: DecodeOptions, runtime: Runtime): Promise<string> {
  const { deps } = runtime;
  const fromStdin = options.args.length === 1 && options.args[0] === '-';
  if (options.file !== undefined) {
    if (options.args.length > 0) throw new UsageError('Give the message either as an argument or with --file, not both.');
    try {
      return deps.readFile(options.file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      throw new UsageError(`Cannot read ${options.file} (${reason}).`, { hints: ['Check the path, or pipe the text in: stsctl decode - < error.txt'] });
    }
  }
  if (fromStdin || (options.args.length === 0 && deps.stdin.isTTY !== true)) {
    if (deps.stdin.isTTY === true) runtime.output().info('Paste the error text or the encoded message, then press Ctrl-D (Ctrl-Z then Enter on Windows).');
    return readAll(deps.stdin);
  }
  if (options.args.length === 0) {
    throw new UsageError('Give the encoded message, or the error text that contains it.', {
      hints: ["stsctl decode 'AbC…'   ·   pbpaste | stsctl decode -   ·   stsctl decode --file error.txt"],
    });
  }
  // Unquoted pasted text arrives as several words: put them back together.
  return options.args.join(' ');
}

export async function runDecode(runtime: Runtime, text: string): Promise<DecodeResult> {
  const extracted = extractEncodedMessage(text);

  const { config, resolution } = loadResolution(runtime.deps, runtime.globals());
  runtime.remember({
    operation: 'DecodeAuthorizationMessage',
    ...(resolution.profile ? { profile: resolution.profile.value } : {}),
    ...(resolution.region ? { region: resolution.region.value, regionOrigin: resolution.region.origin.detail } : {}),
    endpoint: resolution.endpoint.url,
  });
  const connection = await connect(config, resolution, runtime);
  const credentials = await connection.credentials();
  runtime.remember({ accessKeyId: credentials.accessKeyId, hasSessionToken: Boolean(credentials.sessionToken) });
  const document = readDecodedDocument(await connection.port.decodeAuthorizationMessage(extracted.message));

  const decoded = normaliseDecodedDocument(document);
  return {
    ...decoded,
    advice: adviseOnDecoded(decoded),
    input: { foundBy: extracted.foundBy, length: extracted.message.length, joinedLines: extracted.joinedLines, others: extracted.others },
    decodedMessage: document,
  };
}

function inputNotes(result: DecodeResult): string[] {
  const notes: string[] = [];
  if (result.input.joinedLines > 0) {
    notes.push(`The message was split over ${String(result.input.joinedLines + 1)} lines; stsctl joined them.`);
  }
  if (result.input.others > 0) {
    notes.push(`The text holds ${String(result.input.others)} more encoded message${result.input.others === 1 ? '' : 's'}; only the first was decoded. Decode the others one at a time.`);
  }
  return notes;
}

export function registerDecode(program: Command, runtime: Runtime): void {
  program
    .command('decode')
    .argument('[message...]', 'the encoded message, or the whole error text containing it; - reads stdin')
    .option('-f, --file <path>', 'read the message or error text from a file')
    .description('decode an "Encoded authorization failure message": verdict, principal, action, resource, conditions, and what to do')
    .addHelpText(
      'after',
      `
Accepts the bare message or a whole pasted error (AWS CLI, Terraform, SDK, log line): the part after
"Encoded authorization failure message:" is found and line breaks, quotes and gutters are removed.
Needs sts:DecodeAuthorizationMessage, with credentials of the account where the denial happened.

Examples:
  $ pbpaste | stsctl decode -                        # the whole error text from the clipboard
  $ stsctl decode --file terraform-error.log
  $ stsctl decode 'An error occurred (UnauthorizedOperation) … Encoded authorization failure message: AbC…'
  $ stsctl decode - --json < err.txt | jq .context.action
  $ stsctl decode -- -AbC…                           # a bare message that starts with "-"`,
    )
    .action(async (args: string[], options: { file?: string }) => {
      const text = await readDecodeInput({ args, ...(options.file !== undefined ? { file: options.file } : {}) }, runtime);
      const result = await runDecode(runtime, text);
      const output = runtime.output();
      if (output.json) output.resultJson(result);
      else {
        // Table renderers (cli-table3) load only when printed, keeping the start-up chunk shared by every command small.
        const { renderDecodedText } = await import('../render/decoded-text.js');
        output.result(renderDecodedText(result, { style: output.style }));
      }
      for (const note of inputNotes(result)) output.info(note);
    });
}
