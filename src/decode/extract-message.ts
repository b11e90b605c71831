// Find the encoded authorization failure message in whatever the user pasted: the bare message, or a whole error
// as the AWS CLI, Terraform, an SDK or a log line printed it. Terminals and log viewers wrap long lines, and a line
// break inside the message is the commonest reason AWS refuses to decode it, so wrapped pieces are joined back.
// Pure: no I/O, so the validation happens before the SDK is loaded or any request is made.
import { UsageError } from '../errors.js';

/** AWS's own bounds for DecodeAuthorizationMessage's EncodedMessage parameter. */
export const maxEncodedMessageLength = 10240;

/** AWS emits URL-safe base64; standard base64 characters are accepted too, in case a tool re-encoded it. */
const messageChar = /[A-Za-z0-9_\-+/=]/;
const messageRun = /^[A-Za-z0-9_\-+/=]+/;

/**
 * "Encoded authorization failure message:", in any case, also when a terminal wrapped the line in the middle of a
 * word (a line break, then any gutter, may sit between any two characters).
 */
const markerPattern = new RegExp(
  `${'Encoded authorization failure message'
    .split('')
    .map((ch) => (ch === ' ' ? '\\s+' : ch))
    .join('(?:[ \\t]*\\r?\\n[\\s│┃|>]*)?')}\\s*:`,
  'gi',
);

/** Characters that may close a message on the same line: quotes, brackets, separators, the end of a sentence. */
const closers = new Set(['"', "'", '`', ')', ']', '}', ',', ';', '.', '\\', '<', '>', '|']);

/** Gutters in front of a wrapped line: indentation, Terraform's box (│), table borders, quoted-reply marks. */
const gutter = /^[\s│┃|>]*/;

export interface ExtractedMessage {
  /** The cleaned message, ready to send. */
  readonly message: string;
  /** 'marker': found after "Encoded authorization failure message:"; 'bare': the input was the message itself. */
  readonly foundBy: 'marker' | 'bare';
  /** How many line breaks were removed from inside the message (they are the usual cause of a failed decode). */
  readonly joinedLines: number;
  /** Further, different messages in the same input (only the first is decoded). */
  readonly others: number;
}

/** Errors that already say who was denied and why, without an encoded message (newer AWS services). */
const plainDenial = /not authorized to perform|AccessDenied|UnauthorizedOperation/i;

/** A line that is one ordinary word ("Error", "Traceback", "DONE") ends the message rather than continuing it. */
const word = /^(?:[A-Z]?[a-z]+|[A-Z]+)$/;

/**
 * Reads a message that starts at `text[start]`, following it across line breaks when the next line continues it:
 * the piece before the break ran to the end of its line, and the next line (after any gutter) starts with message
 * characters that fill the line or are closed by punctuation (a quote, a bracket) rather than followed by more words,
 * and are not an ordinary word. "\tstatus code: 403" or "│   with aws_instance.web," after a message do not continue it.
 */
function readMessageAt(text: string, start: number): { message: string; joinedLines: number } {
  let message = '';
  let joinedLines = 0;
  let rest = text.slice(start);
  for (;;) {
    const run = messageRun.exec(rest)?.[0] ?? '';
    message += run;
    rest = rest.slice(run.length);
    const lineEnd = /^[ \t]*\r?\n/.exec(rest);
    if (!lineEnd || run.length === 0) break;
    const nextLine = rest.slice(lineEnd[0].length).split(/\r?\n/, 1)[0] ?? '';
    const indent = gutter.exec(nextLine)?.[0] ?? '';
    const content = nextLine.slice(indent.length);
    const nextRun = messageRun.exec(content)?.[0] ?? '';
    if (nextRun.length === 0 || word.test(nextRun)) break;
    const after = content.slice(nextRun.length);
    if (after.trim() !== '' && !closers.has(after[0] ?? '')) break;
    joinedLines += 1;
    rest = rest.slice(lineEnd[0].length + indent.length);
  }
  return { message, joinedLines };
}

function stripQuotes(text: string): string {
  let value = text.trim();
  for (;;) {
    const first = value[0];
    const last = value[value.length - 1];
    if (value.length >= 2 && first === last && (first === '"' || first === "'" || first === '`')) {
      value = value.slice(1, -1).trim();
    } else {
      return value;
    }
  }
}

function describeBadCharacters(value: string): string {
  const bad: string[] = [];
  for (const ch of value) {
    if (messageChar.test(ch)) continue;
    const name = ch === ' ' ? 'a space' : ch === '\t' ? 'a tab' : JSON.stringify(ch);
    if (!bad.includes(name)) bad.push(name);
    if (bad.length === 5) break;
  }
  return bad.join(', ');
}

const howToGive = [
  'Give the encoded message, or the whole error text that contains "Encoded authorization failure message: …".',
  "Quote it for the shell (stsctl decode '…'), or pipe it in (pbpaste | stsctl decode -), or use --file error.txt.",
];

function isMessageText(value: string): boolean {
  return messageRun.exec(value)?.[0].length === value.length;
}

/** Checks AWS's length bound and the message alphabet; throws a UsageError (exit 2) saying what is wrong. */
export function validateEncodedMessage(message: string, foundBy: ExtractedMessage['foundBy'] = 'bare'): void {
  if (message.length === 0) {
    throw new UsageError(
      foundBy === 'marker'
        ? 'The text says "Encoded authorization failure message:" but no message follows it; the copy was probably cut short.'
        : 'No encoded message was given.',
      { code: 'NotAnEncodedMessage', hints: howToGive },
    );
  }
  if (!isMessageText(message)) {
    const where = foundBy === 'bare' ? ', and the text has no "Encoded authorization failure message:" either' : '';
    throw new UsageError(`This is not an encoded authorization message (it contains ${describeBadCharacters(message)})${where}.`, {
      code: 'NotAnEncodedMessage',
      hints: howToGive,
    });
  }
  if (message.length > maxEncodedMessageLength) {
    throw new UsageError(
      `The encoded message is ${String(message.length)} characters long; AWS accepts at most ${String(maxEncodedMessageLength)}. Two messages may have been pasted together.`,
      { code: 'NotAnEncodedMessage', hints: howToGive },
    );
  }
}

/**
 * Finds and cleans the encoded message in `input`; throws a UsageError (exit 2) when there is none. Only the first
 * message is returned; `others` counts further, different ones.
 */
export function extractEncodedMessage(input: string): ExtractedMessage {
  const found: { message: string; joinedLines: number }[] = [];
  for (const match of input.matchAll(markerPattern)) {
    let start = (match.index ?? 0) + match[0].length;
    // The message may be quoted or follow on the next line: skip blanks, quotes and gutters before it.
    while (start < input.length && /[\s"'`│┃|>]/.test(input[start] ?? '')) start += 1;
    found.push(readMessageAt(input, start));
  }
  const first = found[0];
  if (first) {
    validateEncodedMessage(first.message, 'marker');
    const others = new Set(found.slice(1).map((entry) => entry.message).filter((m) => m !== '' && m !== first.message)).size;
    return { message: first.message, foundBy: 'marker', joinedLines: first.joinedLines, others };
  }

  // No marker: the input should be the message itself, perhaps quoted and wrapped over several lines.
  const lines = stripQuotes(input)
    .split(/\r?\n/)
    .map((line) => line.replace(gutter, '').trim())
    .filter((line) => line !== '');
  const message = lines.join('');
  if (message !== '' && !isMessageText(message) && plainDenial.test(input)) {
    throw new UsageError('This error has no "Encoded authorization failure message:"; there is nothing to decode.', {
      code: 'NotAnEncodedMessage',
      hints: [
        'Errors like "User: … is not authorized to perform: s3:GetObject on resource: … because no identity-based policy allows the s3:GetObject action" already name the principal, the action, the resource and the kind of policy involved.',
        'Only some services (EC2 and a few others) attach an encoded message; stsctl decode is for those.',
      ],
    });
  }
  validateEncodedMessage(message, 'bare');
  return { message, foundBy: 'bare', joinedLines: Math.max(0, lines.length - 1), others: 0 };
}
