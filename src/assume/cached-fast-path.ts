// `eval "$(stsctl assume deploy)"` runs in every new shell and, as a credential_process, on every AWS CLI call. When
// the credentials are cached, answering must cost about as much as `stsctl --version`: so this path reads the command
// line itself (no commander), plans with the same pure code as the full command, and prints with the same formatter,
// loading neither commander, chalk, the diagnostics nor the AWS SDK.
//
// It is deliberately narrow. Anything it does not fully understand — an option it does not know, --json, --exec,
// --unset, --no-cache, --debug, help, a warning to print, a cache miss, a cache file to complain about, any error —
// makes it step aside (undefined), and the full command runs and handles it, with the same result.
import { chmodSync, mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cacheKey, credentialsFromEntry, readCachedSync, resolveCacheDir, toCacheEntry } from '../cache/index.js';
import { detectFormat, formatExports, parseCredentialFormat } from '../credentials/index.js';
import type { Deps } from '../deps.js';
import { loadAwsConfig } from '../profiles/aws-config.js';
import { assumeDeliveryParts } from './assume-delivery.js';
import { assumeCacheKeyParts, planAssume, type AssumeOptions, type PlanInput } from './plan.js';

/** Options that take a value, by every spelling commander accepts for them, mapped to their name below. */
const valueOptions: Readonly<Record<string, string>> = {
  '--source-profile': 'sourceProfile',
  '-d': 'duration',
  '--duration': 'duration',
  '--session-name': 'sessionName',
  '--external-id': 'externalId',
  '--mfa-serial': 'mfaSerial',
  '--token-code': 'tokenCode',
  '--policy': 'policy',
  '--policy-arn': 'policyArns',
  '--tag': 'tags',
  '--transitive-tag': 'transitiveTags',
  '--source-identity': 'sourceIdentity',
  '--format': 'format',
  '-p': 'profile',
  '--profile': 'profile',
  '--region': 'region',
  '--endpoint-url': 'endpointUrl',
};
/** For the test that keeps this table in step with the commander definitions. */
export const fastPathValueFlags: readonly string[] = Object.keys(valueOptions);
const repeatable = new Set(['policyArns', 'tags', 'transitiveTags']);
/** Flags that change nothing this path prints. */
const harmlessFlags = new Set(['--no-color']);

export interface FastPathArguments {
  readonly role: string;
  readonly chain: boolean;
  readonly values: Readonly<Record<string, string>>;
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

/** Reads `assume ROLE [options]`, or undefined for anything this path leaves to the full command. */
export function parseFastPathArguments(argv: readonly string[]): FastPathArguments | undefined {
  if (argv[0] !== 'assume') return undefined;
  let role: string | undefined;
  let chain = false;
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = { policyArns: [], tags: [], transitiveTags: [] };
  for (let i = 1; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (!token.startsWith('-')) {
      if (role !== undefined) return undefined; // a command without --exec: the full command explains
      role = token;
      continue;
    }
    if (token === '--chain') {
      chain = true;
      continue;
    }
    if (harmlessFlags.has(token)) continue;
    const eq = token.indexOf('=');
    const flag = token.startsWith('--') && eq > 0 ? token.slice(0, eq) : token;
    const name = valueOptions[flag];
    if (name === undefined) return undefined;
    let value: string | undefined;
    if (flag !== token) value = token.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    // A value that looks like an option is for commander to judge.
    if (value === undefined || value.startsWith('-')) return undefined;
    if (repeatable.has(name)) lists[name]?.push(value);
    else values[name] = value;
  }
  if (role === undefined || role === '') return undefined;
  return { role, chain, values, lists };
}

function optionsFrom(parsed: FastPathArguments): AssumeOptions {
  const { values, lists } = parsed;
  const optional = (name: keyof AssumeOptions): Partial<AssumeOptions> => (values[name] !== undefined ? { [name]: values[name] } : {});
  return {
    role: parsed.role,
    chain: parsed.chain,
    ...optional('sourceProfile'),
    ...optional('duration'),
    ...optional('sessionName'),
    ...optional('externalId'),
    ...optional('mfaSerial'),
    ...optional('tokenCode'),
    ...optional('policy'),
    ...optional('sourceIdentity'),
    policyArns: lists['policyArns'] ?? [],
    tags: lists['tags'] ?? [],
    transitiveTags: lists['transitiveTags'] ?? [],
  };
}

/** Where the answer goes. Straight to the file descriptors by default, as `--version` does: building
 * process.stdout for a pipe costs more than the whole lookup. */
export interface FastPathOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const descriptors: FastPathOutput = {
  stdout: (text) => void writeSync(1, text),
  stderr: (text) => void writeSync(2, text),
};

/** The deps the fast path reads; the full Deps fits. */
export type FastPathDeps = Pick<Deps, 'env' | 'homedir' | 'platform' | 'readFile' | 'now'>;

/**
 * Prints cached credentials exactly as `stsctl assume` would and returns 0; returns undefined (having printed
 * nothing) whenever the full command should run instead.
 */
export function serveCachedAssume(argv: readonly string[], deps: FastPathDeps, output: FastPathOutput = descriptors): number | undefined {
  const parsed = parseFastPathArguments(argv);
  if (!parsed) return undefined;
  try {
    const { values } = parsed;
    const format = values['format'] === undefined ? detectFormat(deps.env, deps.platform) : parseCredentialFormat(values['format']);
    const flags: PlanInput['flags'] = {
      ...(values['profile'] ? { profile: values['profile'] } : {}),
      ...(values['region'] ? { region: values['region'] } : {}),
      ...(values['endpointUrl'] ? { endpointUrl: values['endpointUrl'] } : {}),
    };
    const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
    const plan = planAssume({ options: optionsFrom(parsed), config, env: deps.env, flags, readFile: deps.readFile });
    if (plan.warnings.length > 0) return undefined;

    const key = cacheKey(assumeCacheKeyParts(plan, deps.env));
    const found = readCachedSync(resolveCacheDir(deps.env, deps.homedir), key, { now: deps.now() });
    if (!('entry' in found) || found.entry.operation !== 'AssumeRole') return undefined;
    const { roleArn, sessionName } = found.entry.meta;
    if (!roleArn || !sessionName) return undefined;

    const credentials = credentialsFromEntry(found.entry);
    const parts = assumeDeliveryParts({ roleArn, sessionName, expiration: credentials.expiration, cacheHit: true });
    const region = plan.resolution.region?.value;
    const text = formatExports(credentials, { format, marker: parts.marker, clear: parts.clear, ...(region ? { region } : {}) });
    output.stdout(text.endsWith('\n') ? text : `${text}\n`);
    output.stderr(`${parts.summary}\n`);
    return 0;
  } catch {
    // Bad input, unreadable config, an unusual cache: the full command reports it properly.
    return undefined;
  }
}

/** The launcher's entry (bin/stsctl.js): the real process's environment, files, clock and descriptors. */
export function serveCachedAssumeForProcess(argv: readonly string[]): number | undefined {
  return serveCachedAssume(argv, {
    env: process.env,
    homedir: homedir(),
    platform: process.platform,
    readFile: (path) => readFileSync(path, 'utf8'),
    now: () => new Date(),
  });
}

/**
 * Build time only (scripts/bundle.mjs): serves one cache hit in a throwaway directory, so that the V8 code cache
 * written afterwards holds the compiled code of the whole hit path, not just the top level of this module.
 */
export function warmUpFastPath(dir: string): void {
  const files: Record<string, string> = {
    [join(dir, '.aws', 'config')]: '[profile warm]\nrole_arn = arn:aws:iam::123456789012:role/Warm\nsource_profile = keys\nregion = us-east-1\n',
    [join(dir, '.aws', 'credentials')]: '[keys]\naws_access_key_id = AKIAWARMUPEXAMPLE000\naws_secret_access_key = warm-up-only\n',
  };
  const deps: FastPathDeps = {
    env: { XDG_CACHE_HOME: join(dir, '.cache'), SHELL: '/bin/sh' },
    homedir: dir,
    platform: process.platform,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    now: () => new Date(),
  };
  const config = loadAwsConfig(deps);
  const plan = planAssume({ options: optionsFrom({ role: 'warm', chain: false, values: {}, lists: {} }), config, env: deps.env, flags: {}, readFile: deps.readFile });
  const cacheDir = resolveCacheDir(deps.env, dir);
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  chmodSync(cacheDir, 0o700);
  const entry = toCacheEntry({
    operation: 'AssumeRole',
    credentials: { accessKeyId: 'ASIAWARMUPEXAMPLE000', secretAccessKey: 'warm-up-only', sessionToken: 'warm-up-only', expiration: new Date(Date.now() + 3600_000) },
    meta: { roleArn: 'arn:aws:iam::123456789012:role/Warm', sessionName: 'warm' },
    now: new Date(),
  });
  const file = join(cacheDir, `${cacheKey(assumeCacheKeyParts(plan, deps.env))}.json`);
  writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
  chmodSync(file, 0o600);
  if (serveCachedAssume(['assume', 'warm'], deps, { stdout: () => undefined, stderr: () => undefined }) !== 0) {
    throw new Error('the fast path did not serve the warm-up entry');
  }
}
