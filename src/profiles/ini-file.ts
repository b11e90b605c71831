// Parse an AWS shared config/credentials file. `ini` does the value parsing (quotes, escapes, comments); this
// module adds what the AWS CLI's parser has and `ini` lacks: line numbers for errors, syntax errors instead of
// silent guesses, dotted section names kept whole, and indented sub-sections (`sts =` / `  endpoint_url = …`).
import ini from 'ini';
import { ConfigError } from '../errors.js';

export interface IniSection {
  /** The header as written between the brackets, trimmed. */
  readonly header: string;
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
  /** Indented sub-sections: `sts =` followed by indented `endpoint_url = …` lines. */
  readonly nested: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** 1-based line of each key, for error messages and lint. */
  readonly keyLines: Readonly<Record<string, number>>;
}

interface RawSection {
  header: string;
  line: number;
  keyLines: Record<string, number>;
  nested: Record<string, Record<string, string>>;
}

const sectionPattern = /^\[([^\]]*)\]\s*(?:[;#].*)?$/;
const keyValuePattern = /^([^=\s][^=]*?)\s*=\s*(.*)$/;

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';');
}

function failAt(path: string, lineNumber: number, problem: string, line: string): never {
  throw new ConfigError('ConfigParseError', `${path}:${lineNumber}: ${problem}: ${JSON.stringify(line.trim())}`, {
    hints: [
      'Each line must be a [section] header, a "key = value" pair, an indented sub-key, or a comment (# or ;).',
      `Fix or remove line ${lineNumber} of ${path}.`,
    ],
    details: { file: path, line: lineNumber },
  });
}

/** Parse one file's text; `path` only names the file in errors. */
export function parseIniFile(text: string, path: string): IniSection[] {
  const lines = text.split(/\r?\n/);
  const raw: RawSection[] = [];
  // The text handed to `ini`: one flat block per section in order, with dots in headers escaped so `ini` does not
  // turn `[profile a.b]` into nested objects, and sub-section lines left out (they are collected here).
  const flat: string[] = [];
  let current: RawSection | undefined;
  let openSubSection: string | undefined;
  let lastKey: string | undefined;

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (isBlankOrComment(line)) return;
    const indented = /^\s/.test(line);
    if (!indented) {
      const header = sectionPattern.exec(line.trim());
      if (header) {
        current = { header: (header[1] ?? '').trim(), line: lineNumber, keyLines: {}, nested: {} };
        raw.push(current);
        flat.push(`[${String(raw.length - 1)}]`);
        openSubSection = undefined;
        lastKey = undefined;
        return;
      }
      if (line.trim().startsWith('[')) failAt(path, lineNumber, 'malformed section header', line);
      const pair = keyValuePattern.exec(line);
      if (!pair) failAt(path, lineNumber, 'expected "key = value"', line);
      if (!current) failAt(path, lineNumber, 'a value appears before any [section] header', line);
      const key = (pair[1] ?? '').trim();
      const value = (pair[2] ?? '').trim();
      current.keyLines[key] = lineNumber;
      openSubSection = value === '' ? key : undefined;
      lastKey = key;
      if (value !== '') flat.push(`${escapeKey(key)} = ${value}`);
      return;
    }
    // Indented: a sub-key under `key =`, or a continuation line (which the AWS CLI joins to the previous value).
    if (!current) failAt(path, lineNumber, 'an indented line appears before any [section] header', line);
    const pair = keyValuePattern.exec(line.trim());
    if (openSubSection !== undefined && pair) {
      const bucket = (current.nested[openSubSection] ??= {});
      bucket[(pair[1] ?? '').trim()] = unquote((pair[2] ?? '').trim());
      return;
    }
    if (lastKey === undefined) failAt(path, lineNumber, 'unexpected indented line', line);
    if (openSubSection !== undefined) {
      flat.push(`${escapeKey(lastKey)} = ${line.trim()}`);
      openSubSection = undefined;
    } else {
      flat[flat.length - 1] += ` ${line.trim()}`;
    }
  });

  const parsed = ini.parse(flat.join('\n')) as Record<string, Record<string, unknown>>;
  return raw.map((section, index) => ({
    header: section.header,
    line: section.line,
    keyLines: section.keyLines,
    nested: section.nested,
    values: stringValues(parsed[String(index)] ?? {}),
  }));
}

function escapeKey(key: string): string {
  // `ini` reads a key ending in `[]` as an array; the AWS files have no arrays, so keep such a key literal.
  return key.replace(/\[\]$/, '\\[\\]');
}

function unquote(value: string): string {
  const parsed = ini.parse(`v = ${value}`) as Record<string, unknown>;
  return String(parsed['v'] ?? '');
}

function stringValues(section: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(section)) {
    // `ini` turns a bare `key` or `key = true` into a boolean; the AWS files only hold strings.
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}
