// `stsctl doctor` for the active profile: the checks in order, each independent of the output format. The live
// part is one whoami (the same code path as `stsctl whoami`), with every STS port it creates recorded so the clock
// offset can be read even when the call fails.
import { runWhoami, type WhoamiResult } from '../commands/whoami.js';
import { resolveCacheDir } from '../cache/cache-store.js';
import type { Deps } from '../deps.js';
import type { Diagnosis, DiagnosisContext } from '../diagnostics/types.js';
import { loadAwsConfig, type AwsConfig } from '../profiles/aws-config.js';
import { resolveProfile } from '../profiles/resolve.js';
import type { Resolution } from '../profiles/types.js';
import type { Runtime } from '../runtime.js';
import type { StsPort } from '../sts/port.js';
import { attemptsOf } from '../sts/sdk-error-metadata.js';
import { checkCacheDirectory, type FileProbe } from './cache-check.js';
import { doctorExitCode, skip, type DoctorCheck } from './check.js';
import { checkConfigFiles, checkProfileChain, type Outcome } from './config-checks.js';
import { checkEnvironment } from './environment-check.js';
import { checkClock, checkCredentials, checkExpiry } from './identity-checks.js';
import { checkRegionAndEndpoint } from './endpoint-check.js';
import type { ExitCodeValue } from '../errors.js';

export interface DoctorReport {
  readonly profile?: string;
  readonly account?: string;
  readonly arn?: string;
  readonly region?: string;
  readonly checks: readonly DoctorCheck[];
  readonly exitCode: ExitCodeValue;
}

export interface DoctorEnvironment {
  readonly probe: FileProbe;
  readonly uid?: number;
}

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/**
 * A runtime whose STS ports are recorded and whose remembered facts stay local. Used for one live identity check,
 * so a sweep over many profiles keeps each profile's context apart.
 */
export function isolatedRuntime(runtime: Runtime, overrides: { readonly profile?: string; readonly deps?: Partial<Deps> } = {}): {
  readonly runtime: Runtime;
  readonly ports: StsPort[];
  readonly context: DiagnosisContext;
} {
  const ports: StsPort[] = [];
  const context: Record<string, unknown> = {};
  const baseDeps = { ...runtime.deps, ...overrides.deps };
  const deps: Deps = {
    ...baseDeps,
    createSts: async (credentials, settings) => {
      const port = await baseDeps.createSts(credentials, settings);
      ports.push(port);
      return port;
    },
  };
  const globals = runtime.globals();
  return {
    runtime: {
      deps,
      globals: () => (overrides.profile === undefined ? globals : { ...globals, profile: overrides.profile }),
      output: () => runtime.output(),
      remember: (facts) => void Object.assign(context, facts),
      failureContext: context as DiagnosisContext,
    },
    ports,
    context: context as DiagnosisContext,
  };
}

/** The first clock offset any port measured (they all compare the same two clocks). */
export function observedOffset(ports: readonly StsPort[]): number | undefined {
  for (const port of ports) {
    const offset = port.observedClockOffsetMs?.();
    if (offset !== undefined) return offset;
  }
  return undefined;
}

export type LiveIdentity =
  | { readonly whoami: WhoamiResult; readonly clockOffsetMs?: number }
  | { readonly diagnosis: Diagnosis; readonly clockOffsetMs?: number };

/** whoami through an isolated runtime; a failure becomes its diagnosis, with the SDK's attempt count. */
export async function checkLiveIdentity(runtime: Runtime, profile?: string): Promise<LiveIdentity> {
  const isolated = isolatedRuntime(runtime, profile === undefined ? {} : { profile });
  try {
    const whoami = await runWhoami(isolated.runtime);
    const clockOffsetMs = whoami.clockOffsetMs ?? observedOffset(isolated.ports);
    return { whoami, ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}) };
  } catch (error) {
    const clockOffsetMs = observedOffset(isolated.ports);
    const attempts = attemptsOf(error);
    const context: DiagnosisContext = {
      ...isolated.context,
      ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
    };
    // The catalogue is large; only a failed check needs it.
    const { classify } = await import('../diagnostics/classify.js');
    return { diagnosis: classify(error, context), ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}) };
  }
}

export async function runDoctor(runtime: Runtime, environment: DoctorEnvironment): Promise<DoctorReport> {
  const { deps } = runtime;
  const globals = runtime.globals();
  const checks: DoctorCheck[] = [];

  const loaded = attempt((): AwsConfig => loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile }));
  checks.push(checkConfigFiles(loaded, deps.env));

  let resolution: Resolution | undefined;
  if ('value' in loaded) {
    const resolved = attempt(() =>
      resolveProfile({
        config: loaded.value,
        env: deps.env,
        flags: {
          ...(globals.profile ? { profile: globals.profile } : {}),
          ...(globals.region ? { region: globals.region } : {}),
          ...(globals.endpointUrl ? { endpointUrl: globals.endpointUrl } : {}),
        },
      }),
    );
    checks.push(checkProfileChain(resolved));
    if ('value' in resolved && resolved.value.chain.length > 0) resolution = resolved.value;
  } else {
    checks.push(skip('profile-chain', 'Skipped: the config files do not parse.'));
  }

  checks.push(checkEnvironment(deps.env, globals.profile ? { profileFlag: globals.profile } : {}));

  let whoami: WhoamiResult | undefined;
  let clockOffsetMs: number | undefined;
  if (resolution) {
    const live = await checkLiveIdentity(runtime);
    checks.push(checkCredentials(live));
    if ('whoami' in live) whoami = live.whoami;
    clockOffsetMs = live.clockOffsetMs;
    checks.push(checkExpiry(whoami));
    checks.push(checkClock(clockOffsetMs, deps.platform));
  } else {
    checks.push(skip('credentials', 'Skipped: the profile chain does not resolve.'));
    checks.push(skip('expiry', 'Skipped: no credentials.'));
    checks.push(skip('clock', 'Skipped: no STS call was made.'));
  }
  checks.push(checkRegionAndEndpoint(resolution));
  checks.push(
    checkCacheDirectory(resolveCacheDir(deps.env, deps.homedir), environment.probe, {
      platform: deps.platform,
      ...(environment.uid !== undefined ? { uid: environment.uid } : {}),
    }),
  );

  return {
    ...(resolution?.profile ? { profile: resolution.profile.value } : {}),
    ...(whoami ? { account: whoami.account, arn: whoami.arn } : {}),
    ...(resolution?.region ? { region: resolution.region.value } : {}),
    checks,
    exitCode: doctorExitCode(checks),
  };
}
