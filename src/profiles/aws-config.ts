// Load ~/.aws/config and ~/.aws/credentials into one model of profiles, sso-sessions and services, the way the
// AWS CLI merges them (a key in the credentials file wins over the same key in the config file), remembering the
// file and line every value came from.
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { parseIniFile, type IniSection } from './ini-file.js';

export interface ValueLocation {
  readonly file: 'config' | 'credentials';
  readonly path: string;
  readonly line: number;
}

export interface Profile {
  readonly name: string;
  readonly values: Readonly<Record<string, string>>;
  /** Where each key was set (the winning definition). */
  readonly locations: Readonly<Record<string, ValueLocation>>;
  /** Every section that defines this profile, in both files. */
  readonly definedIn: readonly ValueLocation[];
  readonly nested: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface NamedSection {
  readonly name: string;
  readonly values: Readonly<Record<string, string>>;
  readonly nested: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly location: ValueLocation;
}

export interface ConfigFileState {
  readonly path: string;
  /** Where the path came from: the environment variable or the default location. */
  readonly origin: string;
  readonly exists: boolean;
}

export interface AwsConfig {
  readonly configFile: ConfigFileState;
  readonly credentialsFile: ConfigFileState;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly ssoSessions: ReadonlyMap<string, NamedSection>;
  readonly services: ReadonlyMap<string, NamedSection>;
  /** Sections the AWS CLI would ignore (e.g. `[profile a b]` without quotes); kept for lint. */
  readonly ignoredSections: readonly { readonly header: string; readonly location: ValueLocation; readonly reason: string }[];
  /** Keys set in both files with different values, for lint. */
  readonly conflicts: readonly {
    readonly profile: string;
    readonly key: string;
    readonly config: ValueLocation;
    readonly credentials: ValueLocation;
  }[];
}

export type ReadTextFile = (path: string) => string;

export interface LoadConfigInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  readonly readFile: ReadTextFile;
}

function expandHome(path: string, homedir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir, path.slice(1)) : path;
}

export function locateConfigFiles(env: LoadConfigInput['env'], homedir: string): {
  config: Omit<ConfigFileState, 'exists'>;
  credentials: Omit<ConfigFileState, 'exists'>;
} {
  const config = env['AWS_CONFIG_FILE']
    ? { path: expandHome(env['AWS_CONFIG_FILE'], homedir), origin: 'AWS_CONFIG_FILE' }
    : { path: join(homedir, '.aws', 'config'), origin: 'default location' };
  const credentials = env['AWS_SHARED_CREDENTIALS_FILE']
    ? { path: expandHome(env['AWS_SHARED_CREDENTIALS_FILE'], homedir), origin: 'AWS_SHARED_CREDENTIALS_FILE' }
    : { path: join(homedir, '.aws', 'credentials'), origin: 'default location' };
  return { config, credentials };
}

/** Read a file, treating "does not exist" as empty and anything else (permissions, a directory) as a config error. */
function readOptional(path: string, readFile: ReadTextFile): string | undefined {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError('ConfigUnreadable', `Cannot read ${path}: ${(error as Error).message}`, {
      hints: [
        code === 'EACCES'
          ? `Give your user read access: chmod 600 ${path}`
          : `Check that ${path} is a readable file.`,
      ],
      cause: error,
      details: { file: path },
    });
  }
}

/**
 * Split a section header the way botocore does (shlex): `profile "my name"` → ["profile", "my name"].
 * Returns undefined when the quoting is unbalanced.
 */
export function splitHeader(header: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inToken = false;
  for (const char of header) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inToken = true;
    } else if (/\s/.test(char)) {
      if (inToken) parts.push(current);
      current = '';
      inToken = false;
    } else {
      current += char;
      inToken = true;
    }
  }
  if (quote) return undefined;
  if (inToken) parts.push(current);
  return parts;
}

interface MutableProfile {
  name: string;
  values: Record<string, string>;
  locations: Record<string, ValueLocation>;
  definedIn: ValueLocation[];
  nested: Record<string, Record<string, string>>;
}

export function loadAwsConfig(input: LoadConfigInput): AwsConfig {
  const located = locateConfigFiles(input.env, input.homedir);
  const configText = readOptional(located.config.path, input.readFile);
  const credentialsText = readOptional(located.credentials.path, input.readFile);

  const profiles = new Map<string, MutableProfile>();
  const ssoSessions = new Map<string, NamedSection>();
  const services = new Map<string, NamedSection>();
  const ignoredSections: AwsConfig['ignoredSections'][number][] = [];
  const conflicts: AwsConfig['conflicts'][number][] = [];

  const addProfileSection = (name: string, section: IniSection, location: ValueLocation): void => {
    const profile = profiles.get(name) ?? { name, values: {}, locations: {}, definedIn: [], nested: {} };
    profiles.set(name, profile);
    profile.definedIn.push(location);
    for (const [key, value] of Object.entries(section.values)) {
      const keyLocation: ValueLocation = { ...location, line: section.keyLines[key] ?? location.line };
      const previous = profile.locations[key];
      if (previous && previous.file !== keyLocation.file && profile.values[key] !== value) {
        const [config, credentials] =
          previous.file === 'config' ? [previous, keyLocation] : [keyLocation, previous];
        conflicts.push({ profile: name, key, config, credentials });
      }
      // The credentials file is read second, so its values win, as in the AWS CLI.
      profile.values[key] = value;
      profile.locations[key] = keyLocation;
    }
    Object.assign(profile.nested, section.nested);
  };

  if (configText !== undefined) {
    for (const section of parseIniFile(configText, located.config.path)) {
      const location: ValueLocation = { file: 'config', path: located.config.path, line: section.line };
      if (section.header === 'default') {
        addProfileSection('default', section, location);
        continue;
      }
      const parts = splitHeader(section.header);
      const kind = parts?.[0];
      if (!parts || parts.length !== 2 || (kind !== 'profile' && kind !== 'sso-session' && kind !== 'services')) {
        ignoredSections.push({
          header: section.header,
          location,
          reason:
            parts && parts.length > 2
              ? 'a name with spaces must be quoted: [profile "my name"]'
              : 'the config file only reads [default], [profile NAME], [sso-session NAME] and [services NAME]',
        });
        continue;
      }
      const name = parts[1] ?? '';
      if (kind === 'profile') addProfileSection(name, section, location);
      else {
        const named: NamedSection = { name, values: section.values, nested: section.nested, location };
        (kind === 'sso-session' ? ssoSessions : services).set(name, named);
      }
    }
  }
  if (credentialsText !== undefined) {
    for (const section of parseIniFile(credentialsText, located.credentials.path)) {
      const location: ValueLocation = { file: 'credentials', path: located.credentials.path, line: section.line };
      addProfileSection(section.header, section, location);
    }
  }

  return {
    configFile: { ...located.config, exists: configText !== undefined },
    credentialsFile: { ...located.credentials, exists: credentialsText !== undefined },
    profiles,
    ssoSessions,
    services,
    ignoredSections,
    conflicts,
  };
}
