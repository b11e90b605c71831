// Test-side interpreters for the lines formatExports emits, written from each shell's documented quoting rules rather
// than from the formatter, so a quoting mistake shows up as a round-trip failure. They are deliberately strict: any
// line they do not recognise (for instance one a crafted value managed to end early) throws.

export type Environment = Map<string, string>;

/**
 * fish: `if set -q -g K; set -e -g K; end`, the universal-variable warning loop (no effect on globals), and
 * `set -gx K '…'` where only `\\` and `\'` are escapes inside single quotes.
 */
export function evaluateFish(script: string, initial: Readonly<Record<string, string>> = {}): Environment {
  const env: Environment = new Map(Object.entries(initial));
  for (const line of lines(script)) {
    const erase = /^if set -q -g ([A-Za-z_]\w*); set -e -g \1; end$/.exec(line);
    if (erase) {
      env.delete(erase[1] as string);
      continue;
    }
    if (/^for v in [A-Za-z_\w ]+; if set -q -U \$v; echo "[^"]*" >&2; end; end$/.test(line)) continue;
    const assign = /^set -gx ([A-Za-z_]\w*) /.exec(line);
    if (!assign) throw new Error(`fish: unexpected line ${JSON.stringify(line)}`);
    const rest = line.slice(assign[0].length);
    if (!rest.startsWith("'")) throw new Error(`fish: value is not single-quoted: ${line}`);
    let value = '';
    let i = 1;
    for (;;) {
      const ch = rest[i];
      if (ch === undefined) throw new Error(`fish: unterminated quote: ${line}`);
      if (ch === "'") break;
      if (ch === '\\' && (rest[i + 1] === '\\' || rest[i + 1] === "'")) {
        value += rest[i + 1];
        i += 2;
        continue;
      }
      value += ch;
      i += 1;
    }
    if (i !== rest.length - 1) throw new Error(`fish: text after the closing quote: ${line}`);
    env.set(assign[1] as string, value);
  }
  return env;
}

// PowerShell's tokenizer treats these four typographic quotes exactly like the ASCII apostrophe.
const powerShellQuotes = "'\u2018\u2019\u201A\u201B";

/** PowerShell: `Remove-Item Env:K -ErrorAction SilentlyContinue` and `$Env:K = '…'` with doubled quotes. */
export function evaluatePowerShell(script: string, initial: Readonly<Record<string, string>> = {}): Environment {
  const env: Environment = new Map(Object.entries(initial));
  for (const line of lines(script)) {
    const remove = /^Remove-Item Env:([A-Za-z_]\w*) -ErrorAction SilentlyContinue$/.exec(line);
    if (remove) {
      env.delete(remove[1] as string);
      continue;
    }
    const assign = /^\$Env:([A-Za-z_]\w*) = /.exec(line);
    if (!assign) throw new Error(`powershell: unexpected line ${JSON.stringify(line)}`);
    const rest = line.slice(assign[0].length);
    if (!powerShellQuotes.includes(rest[0] ?? '')) throw new Error(`powershell: value is not single-quoted: ${line}`);
    let value = '';
    let i = 1;
    for (;;) {
      const ch = rest[i];
      if (ch === undefined) throw new Error(`powershell: unterminated quote: ${line}`);
      if (powerShellQuotes.includes(ch)) {
        const next = rest[i + 1];
        if (next === undefined || !powerShellQuotes.includes(next)) break;
        // A pair of quote characters stands for the second one.
        value += next;
        i += 2;
        continue;
      }
      value += ch;
      i += 1;
    }
    if (i !== rest.length - 1) throw new Error(`powershell: text after the closing quote: ${line}`);
    env.set(assign[1] as string, value);
  }
  return env;
}

/**
 * cmd.exe running a line produced by `for /f … do @%i`: no percent expansion (that phase ran before the
 * substitution), then the special-character phase (each `"` toggles quoting; outside quotes `^` escapes the next
 * character and an unescaped `& | < >` would end the command), then `set`, which for `set "…"` keeps the text between
 * the first quote and the last quote on the line and splits it at the first `=`.
 */
export function evaluateCmd(script: string, initial: Readonly<Record<string, string>> = {}): Environment {
  const env: Environment = new Map(Object.entries(initial));
  for (const line of lines(script)) {
    let command = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const ch = line[i] as string;
      if (ch === '"') {
        quoted = !quoted;
        command += ch;
      } else if (!quoted && ch === '^') {
        i += 1;
        command += line[i] ?? '';
      } else if (!quoted && '&|<>'.includes(ch)) {
        throw new Error(`cmd: unescaped ${ch} outside quotes would split or redirect the command: ${line}`);
      } else {
        command += ch;
      }
    }
    if (!command.startsWith('set "')) throw new Error(`cmd: unexpected line ${JSON.stringify(line)}`);
    const argument = command.slice('set '.length);
    const inner = argument.slice(1, argument.lastIndexOf('"'));
    const eq = inner.indexOf('=');
    if (eq <= 0) throw new Error(`cmd: set without a name: ${line}`);
    const name = inner.slice(0, eq);
    const value = inner.slice(eq + 1);
    if (value === '') env.delete(name);
    else env.set(name, value);
  }
  return env;
}

/** dotenv as a POSIX shell reads it with `set -a; . file`: bare words, or double quotes escaping \ " $ and backtick. */
export function parseDotenv(text: string): Environment {
  const env: Environment = new Map();
  for (const line of lines(text)) {
    const match = /^([A-Za-z_]\w*)=/.exec(line);
    if (!match) throw new Error(`dotenv: unexpected line ${JSON.stringify(line)}`);
    const raw = line.slice(match[0].length);
    if (!raw.startsWith('"')) {
      if (!/^[A-Za-z0-9_./:@+=,-]*$/.test(raw)) throw new Error(`dotenv: bare value needs quoting: ${line}`);
      env.set(match[1] as string, raw);
      continue;
    }
    let value = '';
    let i = 1;
    for (;;) {
      const ch = raw[i];
      if (ch === undefined) throw new Error(`dotenv: unterminated quote: ${line}`);
      if (ch === '"') break;
      if (ch === '$' || ch === '`') throw new Error(`dotenv: unescaped ${ch} would expand: ${line}`);
      if (ch === '\\' && '\\"$`'.includes(raw[i + 1] ?? 'x')) {
        value += raw[i + 1];
        i += 2;
        continue;
      }
      value += ch;
      i += 1;
    }
    if (i !== raw.length - 1) throw new Error(`dotenv: text after the closing quote: ${line}`);
    env.set(match[1] as string, value);
  }
  return env;
}

function lines(script: string): string[] {
  if (!script.endsWith('\n')) throw new Error('output should end with a newline');
  return script.slice(0, -1).split('\n');
}
