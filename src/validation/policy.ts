// Session policies: inline JSON (from the command line or a file) and managed policy ARNs. Checked locally so a typo
// in a policy is reported with its position instead of as MalformedPolicyDocument from AWS.
import { UsageError } from '../errors.js';
import { characters, showValue } from './describe.js';

/** STS's limit on the Policy parameter, counted on the text sent: stsctl sends the minified form. */
export const maxPolicyLength = 2048;
/** STS accepts at most ten managed session policies (PolicyArns) per request. */
export const maxPolicyArns = 10;

/**
 * Reads --policy: JSON text, or `@path` / `file://path` to read it from a file (the second is the AWS CLI's
 * spelling). Returns the minified document, which is what should be sent: whitespace counts against the 2048 limit.
 */
export function readPolicy(value: string, readFile: (path: string) => string, flag = '--policy'): string {
  const fromFile = value.startsWith('@') ? value.slice(1) : value.startsWith('file://') ? value.slice('file://'.length) : undefined;
  const source = fromFile === undefined ? flag : `${flag} file ${showValue(fromFile)}`;
  let text = value;
  if (fromFile !== undefined) {
    if (fromFile === '') throw new UsageError(`${flag} @ needs a file name after the @, as in ${flag} @policy.json`, { code: 'InvalidPolicy' });
    try {
      text = readFile(fromFile);
    } catch (error) {
      throw new UsageError(`could not read ${source}: ${(error as Error).message}`, { code: 'PolicyFileUnreadable', cause: error });
    }
  }
  // Editors on Windows often save JSON with a byte-order mark, which JSON.parse rejects.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(`${source} is empty: expected a JSON policy document`, { code: 'InvalidPolicy' });

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw describeJsonError(text, source, error);
  }

  if (typeof document !== 'object' || document === null || Array.isArray(document) || !('Statement' in document)) {
    const got = Array.isArray(document) ? 'an array' : document === null ? 'null' : typeof document === 'object' ? 'an object without "Statement"' : `a ${typeof document}`;
    throw new UsageError(
      `${source} is ${got}: a policy document is an object with a "Statement", like {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
      { code: 'InvalidPolicy' },
    );
  }
  const statement = (document as { Statement: unknown }).Statement;
  if (typeof statement !== 'object' || statement === null) {
    throw new UsageError(`${source} has a "Statement" that is not a statement or a list of statements`, { code: 'InvalidPolicy' });
  }

  const minified = minifyPolicy(document);
  if (minified.length > maxPolicyLength) {
    throw new UsageError(
      `${source} is ${characters(minified.length)} long without whitespace: STS accepts policies of at most ${maxPolicyLength} characters`,
      {
        code: 'PolicyTooLong',
        hints: [
          'move statements into a managed policy and pass it with --policy-arn',
          'AWS also limits the packed size of the policy and session tags together (PackedPolicyTooLarge)',
        ],
        details: { length: minified.length, max: maxPolicyLength },
      },
    );
  }
  return minified;
}

// STS's Policy parameter allows only tab, line feed, carriage return and U+0020–U+00FF. JSON.stringify already escapes
// control characters; characters beyond U+00FF are written as \uXXXX escapes, which IAM decodes to the same text.
function minifyPolicy(document: object): string {
  return JSON.stringify(document).replace(/[\u0100-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeJsonError(text: string, source: string, error: unknown): UsageError {
  const offset = locateJsonError(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  // V8's wording says what was wrong; its position (when it gives one) and its copy of the input are dropped because
  // line and column are easier to find in an editor.
  const reason = ((error as Error).message ?? 'invalid JSON')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ of JSON input$/, ' of input');
  const near = `${text.slice(Math.max(0, offset - 30), offset)}⟨here⟩${text.slice(offset, offset + 15)}`.replace(/\s+/g, ' ');
  return new UsageError(`${source} is not valid JSON: ${reason} at line ${line}, column ${column} (character ${offset + 1})`, {
    code: 'InvalidPolicyJson',
    hints: [`near: ${near.trim()}`],
    cause: error,
    details: { line, column, position: offset },
  });
}

/**
 * The offset of the first JSON syntax error in `text` (text.length when the input ends too early), or -1 when it is
 * valid. JSON.parse's messages do not always carry a position, so the grammar of RFC 8259 is walked here instead.
 */
export function locateJsonError(text: string): number {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const fail = (): never => {
    throw new Stop(Math.min(i, text.length));
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const expect = (ch: string): void => {
    if (text[i] !== ch) fail();
    i += 1;
  };
  const parseString = (): void => {
    expect('"');
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail();
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          i += 1;
          fail();
        }
        continue;
      }
      if ((ch as string).charCodeAt(0) < 0x20) fail();
      i += 1;
    }
  };
  const parseValue = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        skipSpace();
        parseString();
        skipSpace();
        expect(':');
        parseValue();
        skipSpace();
        if (text[i] === ',') i += 1;
        else return expect('}');
      }
    }
    if (ch === '[') {
      i += 1;
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        parseValue();
        skipSpace();
        if (text[i] === ',') i += 1;
        else return expect(']');
      }
    }
    if (ch === '"') return parseString();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    const match = number.exec(text);
    if (!match || match[0] === '') fail();
    i += (match as RegExpExecArray)[0].length;
  };
  try {
    parseValue();
    skipSpace();
    if (i < text.length) fail();
    return -1;
  } catch (stop) {
    if (stop instanceof Stop) return stop.at;
    throw stop;
  }
}

const policyArnPattern = /^arn:aws(?:-[a-z]+)*:iam::(?:aws|\d{12}):policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/** A managed policy ARN: `arn:aws:iam::aws:policy/ReadOnlyAccess` or `arn:aws:iam::123456789012:policy/path/Name`. */
export function validatePolicyArn(arn: string, flag = '--policy-arn'): string {
  if (arn.length >= 20 && arn.length <= 2048 && policyArnPattern.test(arn)) return arn;
  const hints = arn.startsWith('arn:')
    ? []
    : [`for an AWS managed policy that is arn:aws:iam::aws:policy/${/^[\w+=,.@-]+$/.test(arn) ? arn : 'ReadOnlyAccess'}`];
  throw new UsageError(
    `${flag} ${showValue(arn)} is not a managed policy ARN: expected arn:aws:iam::aws:policy/Name (AWS managed) or arn:aws:iam::123456789012:policy/path/Name (customer managed)`,
    { code: 'InvalidPolicyArn', hints },
  );
}

/** Every ARN valid, at most ten of them. */
export function validatePolicyArns(arns: readonly string[], flag = '--policy-arn'): string[] {
  if (arns.length > maxPolicyArns) {
    throw new UsageError(`${flag} was given ${arns.length} times: STS accepts at most ${maxPolicyArns} managed session policies`, {
      code: 'TooManyPolicyArns',
    });
  }
  return arns.map((arn) => validatePolicyArn(arn, flag));
}
