import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { UsageError } from '../../../src/errors.js';
import {
  type CredentialFormat,
  type ExportableCredentials,
  formatCmdSet,
  formatExports,
  formatRfc3339Utc,
  formatUnset,
  quoteDotenv,
  staleCredentialVariables,
} from '../../../src/credentials/index.js';
import { type Environment, evaluateCmd, evaluateFish, evaluatePowerShell, parseDotenv } from './shell-parsers.js';

// Every character a shell might treat specially, plus typographic quotes that PowerShell treats as quotes.
const tricky = `it's "quoted" $HOME \`id\` \\back\\slash\\ %PATH% 100% a&b|c<d>e^f(g)h !bang; #hash *? [x] {y} ~t é ‘q’ ‚r‛ end\\`;
const injection = `'; touch pwned; echo '$(touch pwned)\`touch pwned\`"; touch pwned; "`;
const leading = `-n ~/x =y`;

const realistic: ExportableCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEY7WXYZ',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+example=',
  expiration: new Date('2026-11-21T21:00:00.000Z'),
};
const trickyCreds: ExportableCredentials = {
  accessKeyId: leading,
  secretAccessKey: tricky,
  sessionToken: injection,
  expiration: new Date('2026-11-21T21:00:00.789Z'),
};
const marker = { STSCTL_SESSION: `arn:aws:iam::123456789012:role/it's "$weird"`, STSCTL_SESSION_KEY: tricky };
// Stale variables that the new credentials do not set again, so they must be gone afterwards.
const goneAfterwards = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN', 'AWS_SESSION_EXPIRATION'];
const stale = {
  AWS_PROFILE: 'stale-profile',
  AWS_DEFAULT_PROFILE: 'stale-default',
  AWS_SESSION_TOKEN: 'stale-token',
  AWS_SECURITY_TOKEN: 'stale-security-token',
  AWS_SESSION_EXPIRATION: '2000-01-01T00:00:00Z',
  AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z',
};

function expectedVariables(creds: ExportableCredentials, region?: string): Record<string, string> {
  const expected: Record<string, string> = {
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
  };
  if (creds.sessionToken) expected['AWS_SESSION_TOKEN'] = creds.sessionToken;
  if (creds.expiration) expected['AWS_CREDENTIAL_EXPIRATION'] = formatRfc3339Utc(creds.expiration);
  if (region) Object.assign(expected, { AWS_REGION: region, AWS_DEFAULT_REGION: region });
  return { ...expected, ...marker };
}

function assertEnvironment(actual: Environment, expected: Record<string, string>, cleared: readonly string[]): void {
  for (const [name, value] of Object.entries(expected)) assert.equal(actual.get(name), value, name);
  for (const name of cleared) assert.equal(actual.has(name), false, `${name} should be gone`);
}

function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Runs a real shell with a clean environment plus `env`, and returns the environment it ends with. */
function runShell(command: string, args: readonly string[], env: Record<string, string>, input?: string): Environment {
  const { environment, stderr } = runShellWithStderr(command, args, env, input);
  assert.equal(stderr, '', `${command} wrote to stderr`);
  return environment;
}

function runShellWithStderr(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  input?: string,
): { environment: Environment; stderr: string } {
  const work = mkdtempSync(join(tmpdir(), 'stsctl-shell-'));
  try {
    // Input goes through a file: spawnSync's `input` hands the child a socket, which fish's `source` cannot read.
    const stdinPath = join(work, 'stdin');
    writeFileSync(stdinPath, input ?? '');
    const stdin = openSync(stdinPath, 'r');
    let result;
    try {
      result = spawnSync(command, args, {
        cwd: work,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: work, ...env },
        stdio: [stdin, 'pipe', 'pipe'],
        encoding: 'utf8',
      });
    } finally {
      closeSync(stdin);
    }
    assert.equal(result.status, 0, `${command} failed: ${result.stderr}`);
    assert.equal(existsSync(join(work, 'pwned')), false, 'a value was executed as a command');
    const out = new Map<string, string>();
    for (const entry of result.stdout.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) out.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    return { environment: out, stderr: result.stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function render(format: CredentialFormat, creds: ExportableCredentials, region?: string): string {
  return formatExports(creds, { format, marker, ...(region ? { region } : {}) });
}

describe('formatExports: sh', () => {
  const posixShells = ['bash', 'dash', 'zsh', 'ksh'].filter(hasBinary);

  it('emits unset for every stale variable first, then single-quoted exports', () => {
    const out = render('sh', realistic, 'eu-west-1');
    const lines = out.trimEnd().split('\n');
    assert.equal(lines[0], `unset ${staleCredentialVariables.join(' ')}`);
    assert.equal(lines[1], `export AWS_ACCESS_KEY_ID='ASIAEXAMPLEKEY7WXYZ'`);
    assert.ok(lines.includes(`export AWS_CREDENTIAL_EXPIRATION='2026-11-21T21:00:00Z'`));
    assert.ok(lines.includes(`export AWS_REGION='eu-west-1'`));
    assert.ok(lines.includes(`export AWS_DEFAULT_REGION='eu-west-1'`));
    assert.ok(out.endsWith('\n'));
  });

  it('escapes a single quote as close, escaped quote, reopen', () => {
    const out = render('sh', { ...realistic, secretAccessKey: "a'b" });
    assert.ok(out.includes(`export AWS_SECRET_ACCESS_KEY='a'\\''b'`));
  });

  for (const shell of posixShells) {
    it(`round-trips tricky values through eval in ${shell} and clears stale variables`, () => {
      const out = render('sh', trickyCreds, 'us-gov-west-1');
      const env = runShell(shell, ['-c', 'eval "$1"; env -0', shell, out], stale);
      assertEnvironment(env, expectedVariables(trickyCreds, 'us-gov-west-1'), goneAfterwards);
    });
  }

  it('runs as `eval "$(…)"` exactly as users type it (bash)', { skip: !hasBinary('bash') }, () => {
    const out = render('sh', trickyCreds);
    const env = runShell('bash', ['-c', 'eval "$(printf %s "$1")"; env -0', 'bash', out], { AWS_PROFILE: 'stale' });
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY'), tricky);
    assert.equal(env.get('AWS_SESSION_TOKEN'), injection);
    assert.equal(env.has('AWS_PROFILE'), false);
  });

  it('clears a stale session token when the new credentials have none, and keeps the region when unknown', () => {
    const longTerm = { accessKeyId: 'AKIAEXAMPLEKEY7WXYZ', secretAccessKey: 'secret' };
    const out = render('sh', longTerm);
    assert.ok(!out.includes('AWS_REGION='));
    assert.ok(!out.includes('export AWS_SESSION_TOKEN'));
    const env = runShell('bash', ['-c', 'eval "$1"; env -0', 'bash', out], { ...stale, AWS_REGION: 'ap-south-1' });
    assert.equal(env.has('AWS_SESSION_TOKEN'), false);
    assert.equal(env.has('AWS_CREDENTIAL_EXPIRATION'), false);
    assert.equal(env.get('AWS_REGION'), 'ap-south-1');
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), 'AKIAEXAMPLEKEY7WXYZ');
  });
});

describe('formatExports: fish', () => {
  it('guards set -e so an unset variable is not an error, then uses set -gx', () => {
    const out = render('fish', realistic);
    assert.ok(out.startsWith('if set -q -g AWS_ACCESS_KEY_ID; set -e -g AWS_ACCESS_KEY_ID; end\n'));
    assert.ok(out.includes(`set -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'\n`));
  });

  it('escapes backslash and quote the fish way', () => {
    const out = render('fish', { ...realistic, secretAccessKey: `a\\b'c\\` });
    assert.ok(out.includes(`set -gx AWS_SECRET_ACCESS_KEY 'a\\\\b\\'c\\\\'\n`), out);
  });

  it('round-trips tricky values through the fish quoting rules', () => {
    const env = evaluateFish(render('fish', trickyCreds, 'cn-north-1'), stale);
    assertEnvironment(env, expectedVariables(trickyCreds, 'cn-north-1'), goneAfterwards);
  });

  it('round-trips through a real fish via `| source`', { skip: hasBinary('fish') ? false : 'fish is not installed' }, () => {
    const out = render('fish', trickyCreds, 'cn-north-1');
    const env = runShell('fish', ['--no-config', '-c', 'source; env -0'], stale, out);
    assertEnvironment(env, expectedVariables(trickyCreds, 'cn-north-1'), goneAfterwards);
  });

  it(
    'leaves universal variables alone but warns about the ones that would leak, and ends with status 0',
    { skip: hasBinary('fish') ? false : 'fish is not installed' },
    () => {
      const out = render('fish', realistic);
      // Without --no-config so that universal variables work; HOME is a fresh directory, so no user config is read.
      const script = 'set -U -x AWS_PROFILE universal; set -U -x AWS_ACCESS_KEY_ID universal; source; and env -0; set -q -U AWS_PROFILE; or echo erased >&2';
      const { environment, stderr } = runShellWithStderr('fish', ['-c', script], {}, out);
      assert.equal(environment.get('AWS_ACCESS_KEY_ID'), realistic.accessKeyId, 'a global shadows the universal');
      assert.equal(environment.get('AWS_PROFILE'), 'universal');
      assert.match(stderr, /universal variable AWS_PROFILE is still set; erase it with: set -e -U AWS_PROFILE/);
      assert.doesNotMatch(stderr, /AWS_ACCESS_KEY_ID/);
      assert.doesNotMatch(stderr, /erased/);
    },
  );
});

describe('formatExports: powershell', () => {
  it('removes with SilentlyContinue, then assigns single-quoted values', () => {
    const out = render('powershell', { ...realistic, secretAccessKey: "a'b" });
    assert.ok(out.startsWith('Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue\n'));
    assert.ok(out.includes(`$Env:AWS_SECRET_ACCESS_KEY = 'a''b'\n`));
  });

  it('doubles typographic quotes, which PowerShell also ends strings on', () => {
    const out = render('powershell', { ...realistic, secretAccessKey: 'a‘b’c' });
    assert.ok(out.includes(`$Env:AWS_SECRET_ACCESS_KEY = 'a‘‘b’’c'\n`));
  });

  it('round-trips tricky values through the PowerShell quoting rules', () => {
    const env = evaluatePowerShell(render('powershell', trickyCreds, 'us-east-1'), stale);
    assertEnvironment(env, expectedVariables(trickyCreds, 'us-east-1'), goneAfterwards);
  });

  it('round-trips through a real pwsh', { skip: hasBinary('pwsh') ? false : 'pwsh is not installed' }, () => {
    const out = render('powershell', trickyCreds, 'us-east-1');
    const script = `${out}Get-ChildItem Env: | ForEach-Object { [Console]::Out.Write($_.Name + '=' + $_.Value + [char]0) }`;
    const env = runShell('pwsh', ['-NoProfile', '-NonInteractive', '-Command', '-'], stale, script);
    assertEnvironment(env, expectedVariables(trickyCreds, 'us-east-1'), goneAfterwards);
  });
});

describe('formatExports: cmd', () => {
  it('clears with set "K=" and sets with set "K=v"', () => {
    const out = render('cmd', realistic);
    assert.ok(out.startsWith('set "AWS_ACCESS_KEY_ID="\n'));
    assert.ok(out.includes('set "AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY7WXYZ"\n'));
  });

  it('leaves % alone, because lines run through for /f skip percent expansion', () => {
    assert.equal(formatCmdSet('K', '100%PATH%'), 'set "K=100%PATH%"');
  });

  it('escapes specials with ^ only where a " in the value has closed the quotes', () => {
    assert.equal(formatCmdSet('K', 'a&b'), 'set "K=a&b"');
    assert.equal(formatCmdSet('K', 'a"b&c|d^e"f&g'), 'set "K=a"b^&c^|d^^e"f&g"');
  });

  it('round-trips tricky values through cmd parsing and set', () => {
    const env = evaluateCmd(render('cmd', trickyCreds, 'us-east-1'), stale);
    assertEnvironment(env, expectedVariables(trickyCreds, 'us-east-1'), goneAfterwards);
  });

  it('round-trips values with an odd number of double quotes', () => {
    for (const value of ['"', 'a"&b', '"&"|"<', 'x"^"y', '"""']) {
      assert.equal(evaluateCmd(`${formatCmdSet('K', value)}\n`).get('K'), value, value);
    }
  });
});

describe('formatExports: dotenv', () => {
  it('writes real credentials bare (docker --env-file does not strip quotes) and no unset lines', () => {
    const out = render('dotenv', realistic, 'eu-central-1');
    assert.equal(
      out,
      [
        'AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY7WXYZ',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `AWS_SESSION_TOKEN=${realistic.sessionToken}`,
        'AWS_CREDENTIAL_EXPIRATION=2026-11-21T21:00:00Z',
        'AWS_REGION=eu-central-1',
        'AWS_DEFAULT_REGION=eu-central-1',
        `STSCTL_SESSION=${quoteDotenv(marker.STSCTL_SESSION)}`,
        `STSCTL_SESSION_KEY=${quoteDotenv(tricky)}`,
        '',
      ].join('\n'),
    );
  });

  it('double-quotes and escapes values that need it', () => {
    assert.equal(quoteDotenv('a b'), '"a b"');
    assert.equal(quoteDotenv('~x'), '"~x"');
    assert.equal(quoteDotenv('a"b\\c$d`e'), '"a\\"b\\\\c\\$d\\`e"');
    assert.equal(quoteDotenv(''), '""');
  });

  it('round-trips through the dotenv rules and through `set -a; . file` in sh', () => {
    const out = render('dotenv', trickyCreds, 'us-east-1');
    assertEnvironment(parseDotenv(out), expectedVariables(trickyCreds, 'us-east-1'), []);
    const dir = mkdtempSync(join(tmpdir(), 'stsctl-dotenv-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, out);
      for (const shell of ['bash', 'dash'].filter(hasBinary)) {
        const env = runShell(shell, ['-c', 'set -a; . "$1"; env -0', shell, file], {});
        assertEnvironment(env, expectedVariables(trickyCreds, 'us-east-1'), []);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatExports: json (credential_process)', () => {
  it('emits exactly the Version 1 credential_process document', () => {
    const out = render('json', realistic, 'eu-west-1');
    assert.ok(out.endsWith('\n'));
    assert.deepEqual(JSON.parse(out), {
      Version: 1,
      AccessKeyId: realistic.accessKeyId,
      SecretAccessKey: realistic.secretAccessKey,
      SessionToken: realistic.sessionToken,
      Expiration: '2026-11-21T21:00:00Z',
    });
  });

  it('omits SessionToken and Expiration for long-term keys', () => {
    const out = formatExports({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }, { format: 'json', marker: {} });
    assert.deepEqual(JSON.parse(out), { Version: 1, AccessKeyId: 'AKIAEXAMPLE', SecretAccessKey: 's' });
  });

  it('carries any character, since JSON escapes it', () => {
    const out = formatExports({ ...trickyCreds, secretAccessKey: 'a\nb\u0000' }, { format: 'json', marker: {} });
    assert.equal((JSON.parse(out) as { SecretAccessKey: string }).SecretAccessKey, 'a\nb\u0000');
  });
});

describe('formatExports: input checks', () => {
  it('formats expiration as RFC 3339 UTC without fractions, rounding down', () => {
    assert.equal(formatRfc3339Utc(new Date('2026-11-21T21:00:00.999Z')), '2026-11-21T21:00:00Z');
    assert.throws(() => formatRfc3339Utc(new Date(Number.NaN)), RangeError);
  });

  for (const format of ['sh', 'fish', 'powershell', 'cmd', 'dotenv'] as const) {
    it(`refuses control characters in --format ${format}, pointing at json`, () => {
      assert.throws(
        () => formatExports({ ...realistic, sessionToken: 'a\nb' }, { format, marker: {} }),
        (error: unknown) =>
          error instanceof UsageError &&
          error.exitCode === 2 &&
          error.message.includes('AWS_SESSION_TOKEN') &&
          error.message.includes('U+000a') &&
          error.hints.some((hint) => hint.includes('json')),
      );
    });
  }

  it('rejects marker names that are not variable names, and markers that shadow credentials', () => {
    assert.throws(() => formatExports(realistic, { format: 'sh', marker: { 'BAD NAME': 'x' } }), TypeError);
    assert.throws(() => formatExports(realistic, { format: 'sh', marker: { 'X;rm': 'x' } }), TypeError);
    assert.throws(() => formatExports(realistic, { format: 'sh', marker: { AWS_PROFILE: 'x' } }), TypeError);
  });
});

describe('formatUnset', () => {
  const markers = ['STSCTL_SESSION', 'STSCTL_SESSION_KEY'];
  const everything = [...staleCredentialVariables, 'AWS_REGION', 'AWS_DEFAULT_REGION', ...markers];
  const populated = Object.fromEntries(everything.map((name) => [name, 'x']));

  it('clears credentials, region and markers in sh (run in bash)', () => {
    const out = formatUnset('sh', markers);
    assert.equal(out, `unset ${everything.join(' ')}\n`);
    const env = runShell('bash', ['-c', 'eval "$1"; env -0', 'bash', out], { ...populated, KEEP: 'kept' });
    for (const name of everything) assert.equal(env.has(name), false, name);
    assert.equal(env.get('KEEP'), 'kept');
  });

  it('clears everything in fish, powershell and cmd', () => {
    for (const [format, evaluate] of [
      ['fish', evaluateFish],
      ['powershell', evaluatePowerShell],
      ['cmd', evaluateCmd],
    ] as const) {
      const env = evaluate(formatUnset(format, markers), { ...populated, KEEP: 'kept' });
      assert.deepEqual([...env.keys()], ['KEEP'], format);
    }
  });

  it('is quiet in a real fish even when nothing is set', { skip: hasBinary('fish') ? false : 'fish is not installed' }, () => {
    const env = runShell('fish', ['--no-config', '-c', 'source; env -0'], {}, formatUnset('fish', markers));
    for (const name of everything) assert.equal(env.has(name), false, name);
  });

  it('undoes formatExports in bash', () => {
    const script = render('sh', realistic, 'eu-west-1') + formatUnset('sh', Object.keys(marker));
    const env = runShell('bash', ['-c', 'eval "$1"; env -0', 'bash', script], {});
    for (const name of everything) assert.equal(env.has(name), false, name);
  });

  for (const format of ['json', 'dotenv'] as const) {
    it(`refuses --format ${format} with a usage error that explains why`, () => {
      assert.throws(
        () => formatUnset(format, markers),
        (error: unknown) =>
          error instanceof UsageError &&
          error.exitCode === 2 &&
          error.message.includes(`--format ${format}`) &&
          error.message.includes('sh, fish, powershell, cmd'),
      );
    });
  }

  it('rejects invalid marker names', () => {
    assert.throws(() => formatUnset('sh', ['A;B']), TypeError);
  });
});
