// Read the config files and resolve the active profile for a command, with the global flags applied.
import type { Deps } from '../deps.js';
import type { GlobalOptions } from '../runtime.js';
import { loadAwsConfig, type AwsConfig } from './aws-config.js';
import { resolveProfile } from './resolve.js';
import type { Resolution } from './types.js';

export interface LoadedResolution {
  readonly config: AwsConfig;
  readonly resolution: Resolution;
}

export function loadResolution(deps: Deps, globals: GlobalOptions, overrides: { readonly profile?: string } = {}): LoadedResolution {
  const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  const profile = overrides.profile ?? globals.profile;
  const resolution = resolveProfile({
    config,
    env: deps.env,
    flags: {
      ...(profile ? { profile } : {}),
      ...(globals.region ? { region: globals.region } : {}),
      ...(globals.endpointUrl ? { endpointUrl: globals.endpointUrl } : {}),
    },
  });
  return { config, resolution };
}
