// Turns credentials into text for one consumer: code a shell evaluates (sh, fish, PowerShell, cmd), a dotenv file,
// or the credential_process JSON document. Every value is quoted so that what the shell stores is exactly the value
// we hold, whatever characters it contains; the shell-side tests run the output through the real shells.
import { UsageError } from '../errors.js';
import { type CredentialFormat, type ShellFormat, isShellFormat, shellFormats } from './credential-format.js';

export interface ExportableCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface FormatExportsOptions {
  readonly format: CredentialFormat;
  readonly region?: string;
  /**
   * Extra variables that mark the shell as holding stsctl credentials (e.g. STSCTL_SESSION). Names must be valid
   * environment variable names; values are quoted like any other.
   */
  readonly marker: Readonly<Record<string, string>>;
  /**
   * More variables to clear before setting anything: the markers of other stsctl commands, which would otherwise
   * describe credentials that are no longer there. Shell formats only; names already cleared or set are skipped.
   */
  readonly clear?: readonly string[];
}

/**
 * Variables cleared before new credentials are set. Leaving any of them behind mixes identities: a stale
 * AWS_SESSION_TOKEN next to long-term keys is rejected, a stale AWS_PROFILE makes the JavaScript SDK (which prefers
 * the profile over env keys) use a different identity than the AWS CLI, and a stale expiration misleads prompts.
 */
export const staleCredentialVariables = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
] as const;

/** Region variables: set when a region is known, cleared by formatUnset. */
export const regionVariables = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/** `2026-11-21T21:00:00Z`: RFC 3339 in UTC without fractions, the form the AWS CLI and SDKs print and parse. */
export function formatRfc3339Utc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('expiration is not a valid date');
  // Dropping the milliseconds rounds down, so the advertised expiry is never later than the real one.
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The full text for `eval`, a dotenv file or credential_process; ends with a newline. */
export function formatExports(creds: ExportableCredentials, options: FormatExportsOptions): string {
  if (options.format === 'json') return formatCredentialProcess(creds);

  const assignments = collectAssignments(creds, options);
  const lines: string[] = [];
  if (isShellFormat(options.format)) {
    const kept = assignments.map(([name]) => name);
    lines.push(...formatClearLines(options.format, [...staleCredentialVariables, ...extraClears(options.clear, kept)], kept));
  }
  for (const [name, value] of assignments) lines.push(formatAssignment(options.format, name, value));
  return `${lines.join('\n')}\n`;
}

/**
 * Lines that clear everything formatExports can set: the credential variables, the region variables and the given
 * marker variables. Only shell formats can clear anything; for dotenv and json this throws a UsageError rather than
 * print nothing, because `eval` of empty output would look like success while the credentials stay in place.
 */
export function formatUnset(format: CredentialFormat, markerNames: readonly string[]): string {
  if (!isShellFormat(format)) {
    throw new UsageError(
      `--format ${format} cannot unset variables: unsetting only applies to shell formats (${shellFormats.join(', ')})`,
      {
        code: 'UnsetNeedsShellFormat',
        hints: [
          format === 'dotenv'
            ? 'a dotenv file is read by a program, not evaluated: delete the file or its AWS_* lines instead'
            : 'credential_process output is never stored in the environment, so there is nothing to unset',
        ],
      },
    );
  }
  for (const name of markerNames) assertVariableName(name);
  const names = [...staleCredentialVariables, ...regionVariables, ...markerNames.filter((n) => !isBuiltIn(n))];
  return `${formatClearLines(format, names).join('\n')}\n`;
}

/** The names of `clear` that are not cleared or set anyway, checked like marker names. */
function extraClears(clear: readonly string[] | undefined, assigned: readonly string[]): string[] {
  const extra: string[] = [];
  for (const name of clear ?? []) {
    assertVariableName(name);
    if (!isBuiltIn(name) && !assigned.includes(name) && !extra.includes(name)) extra.push(name);
  }
  return extra;
}

function isBuiltIn(name: string): boolean {
  return (staleCredentialVariables as readonly string[]).includes(name) || (regionVariables as readonly string[]).includes(name);
}

/**
 * The variables formatExports assigns, in order, as name/value pairs: the three credentials, the expiration, the region
 * variables and the marker. `stsctl … --exec` puts exactly these into the child's environment.
 */
export function collectAssignments(creds: ExportableCredentials, options: FormatExportsOptions): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
  ];
  if (creds.sessionToken !== undefined && creds.sessionToken !== '') pairs.push(['AWS_SESSION_TOKEN', creds.sessionToken]);
  if (creds.expiration !== undefined) pairs.push(['AWS_CREDENTIAL_EXPIRATION', formatRfc3339Utc(creds.expiration)]);
  if (options.region !== undefined && options.region !== '') {
    pairs.push(['AWS_REGION', options.region], ['AWS_DEFAULT_REGION', options.region]);
  }
  for (const [name, value] of Object.entries(options.marker)) {
    assertVariableName(name);
    if (isBuiltIn(name)) throw new TypeError(`marker variable ${name} would overwrite a credential variable`);
    pairs.push([name, value]);
  }
  for (const [name, value] of pairs) assertRepresentable(options.format, name, value);
  return pairs;
}

// The credential_process contract: https://docs.aws.amazon.com/cli/latest/topic/config-vars.html (Version 1).
function formatCredentialProcess(creds: ExportableCredentials): string {
  const document: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
  };
  if (creds.sessionToken !== undefined && creds.sessionToken !== '') document['SessionToken'] = creds.sessionToken;
  if (creds.expiration !== undefined) document['Expiration'] = formatRfc3339Utc(creds.expiration);
  return `${JSON.stringify(document)}\n`;
}

// `kept` names are assigned right after clearing (only fish needs to know, see formatFishClearLines).
function formatClearLines(format: ShellFormat, names: readonly string[], kept: readonly string[] = []): string[] {
  switch (format) {
    case 'sh':
      // `unset` of a name that is not set succeeds silently in every POSIX shell, so one line clears them all.
      return [`unset ${names.join(' ')}`];
    case 'fish':
      return formatFishClearLines(names, kept);
    case 'powershell':
      return names.map((name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue`);
    case 'cmd':
      // The quoted form leaves no room for a stray trailing space to become the value.
      return names.map((name) => `set "${name}="`);
  }
}

/**
 * fish: `set -e` of a missing name fails (status 4, and an error message in older releases), so each erase is guarded;
 * the `if` form also leaves status 0 for `… | source; and …`. Only the global scope is erased, which is where inherited
 * and `set -gx` variables live. A universal variable (`set -Ux`) is the user's saved configuration, shared by every
 * fish session: erasing it behind their back would be a surprise, and an unexported global does not hide it from
 * child processes. A global we assign does shadow it, so the last line only warns, on stderr, about universal
 * variables we clear but do not set again (AWS_PROFILE being the one that matters: the SDKs would prefer it).
 */
function formatFishClearLines(names: readonly string[], kept: readonly string[]): string[] {
  const lines = names.map((name) => `if set -q -g ${name}; set -e -g ${name}; end`);
  const exposed = names.filter((name) => !kept.includes(name));
  if (exposed.length > 0) {
    lines.push(
      `for v in ${exposed.join(' ')}; if set -q -U $v; echo "stsctl: universal variable $v is still set; erase it with: set -e -U $v" >&2; end; end`,
    );
  }
  return lines;
}

function formatAssignment(format: Exclude<CredentialFormat, 'json'>, name: string, value: string): string {
  switch (format) {
    case 'sh':
      return `export ${name}=${quoteSh(value)}`;
    case 'fish':
      return `set -gx ${name} ${quoteFish(value)}`;
    case 'powershell':
      return `$Env:${name} = ${quotePowerShell(value)}`;
    case 'cmd':
      return formatCmdSet(name, value);
    case 'dotenv':
      return `${name}=${quoteDotenv(value)}`;
  }
}

/** POSIX single quotes: nothing inside is special, and a quote is written as close-quote, `\'`, reopen. */
export function quoteSh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish single quotes: only `\\` and `\'` are escapes there; every other character is literal. */
export function quoteFish(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * PowerShell single quotes: no expansion inside; a quote is written twice. PowerShell also treats the typographic
 * quotes ‘ ’ ‚ ‛ as single quotes, so they would end the string too: they are doubled as well.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/**
 * cmd.exe cannot `eval`; its output is meant for
 *   for /f "delims=" %i in ('stsctl assume ROLE --format cmd') do @%i
 * (with %%i inside a batch file). A line produced by `for /f` skips cmd's percent-expansion phase, so `%` is written
 * as it is: doubling it would store `%%`. What the line does go through is the special-character phase, where each `"`
 * toggles quoting and, outside quotes, `^ & | < > ( )` must be escaped with `^`; the quoting state is tracked so a `"`
 * inside the value cannot let the rest of the line run as a command. `set "NAME=value"` then keeps everything up to
 * the last quote on the line. Delayed expansion (`!`) is off in cmd unless enabled explicitly; credentials and ARNs
 * contain neither `%` nor `!`, so pasting the lines into a .bat file also works for real credentials.
 */
export function formatCmdSet(name: string, value: string): string {
  let line = `set "${name}=`;
  let quoted = true;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && '^&|<>()'.includes(ch)) line += '^';
    line += ch;
  }
  return `${line}"`;
}

// Characters every dotenv reader (docker --env-file, node dotenv, python-dotenv, `set -a; . file`) takes literally
// when unquoted. Real credentials, regions and ARNs only use these, so they come out unquoted, which matters for
// docker --env-file: it does not strip quotes.
const dotenvBare = /^[A-Za-z0-9_./:@+=,-]+$/;

/**
 * Bare when safe, otherwise double quotes with `\` `"` `$` and backtick escaped by a backslash: the dialect a POSIX
 * shell reads with `set -a; . ./file`, which python-dotenv and compose also read for these escapes.
 */
export function quoteDotenv(value: string): string {
  if (dotenvBare.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, (ch) => `\\${ch}`)}"`;
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assertVariableName(name: string): void {
  // Marker names come from stsctl's own code, so a bad one is a bug, not bad input.
  if (!variableName.test(name)) throw new TypeError(`not a valid environment variable name: ${JSON.stringify(name)}`);
}

// Every consumer but JSON reads one variable per line (for /f, a PowerShell pipeline into Invoke-Expression, dotenv
// readers), and the environment cannot hold NUL at all. No credential, region or ARN contains control characters,
// so meeting one means the input is wrong or hostile; refuse rather than emit something that parses differently.
function assertRepresentable(format: CredentialFormat, name: string, value: string): void {
  const index = findControlCharacter(value);
  if (index < 0) return;
  const code = value.charCodeAt(index).toString(16).padStart(4, '0');
  throw new UsageError(
    `${name} contains a control character (U+${code}) that --format ${format} cannot carry safely`,
    { code: 'UnrepresentableValue', hints: ['use --format json, which escapes every character'] },
  );
}

function findControlCharacter(value: string): number {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return i;
  }
  return -1;
}
