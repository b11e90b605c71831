// `stsctl session`: plan locally, reuse a cached session for the same keys, MFA device and duration (no SDK, no
// call), otherwise ask for the MFA code and call GetSessionToken with the long-term keys.
import { resolveCacheDir } from '../cache/index.js';
import { collectWarnings, issueWithLongTermKeys, profileFlags, rememberSource, warnIfRootCapped, type LongTermDurationMeta } from '../long-term/issue.js';
import { describeSourceForResult, sourceKeyPart } from '../long-term/source.js';
import { loadAwsConfig } from '../profiles/aws-config.js';
import type { Runtime } from '../runtime.js';
import { describeIssued, issueWithCache, type IssuedCredentialValues, type IssuedResultParts, type IssueMeta } from '../sts/cached-issue.js';
import type { MfaPrompt } from '../terminal/prompt-mfa.js';
import { getSessionTokenDuration } from '../validation/index.js';
import { sessionKeyParts, sessionOperation } from './mfa-session.js';
import { planSession, type SessionOptions } from './plan.js';

export interface SessionMeta extends IssueMeta, LongTermDurationMeta {
  readonly source: string;
  readonly region?: string;
  readonly mfa: boolean;
  readonly mfaSerial?: string;
}

/** The whole result, as `--json` prints it. */
export interface SessionResult extends IssuedResultParts {
  readonly operation: 'GetSessionToken';
  readonly source: { readonly description: string; readonly profile?: string; readonly accessKeyId?: string };
  readonly mfa: boolean;
  readonly mfaSerial?: string;
  readonly durationSeconds: number;
  readonly requestedDurationSeconds: number;
  readonly region?: string;
  readonly warnings: readonly string[];
}

export interface SessionOutcome {
  readonly result: SessionResult;
  readonly credentials: IssuedCredentialValues;
  readonly cacheHit: boolean;
}

export interface RunSessionOptions extends SessionOptions {
  /** false with --no-cache. */
  readonly useCache: boolean;
}

export interface SessionDeps {
  readonly promptMfaCode: MfaPrompt;
  /** stsctl's marker variables and the command that exports each. */
  readonly markers: Readonly<Record<string, string>>;
}

export async function runSession(options: RunSessionOptions, runtime: Runtime, sessionDeps: SessionDeps): Promise<SessionOutcome> {
  const { deps } = runtime;
  const output = runtime.output();
  const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  const plan = planSession({ options, config, env: deps.env, flags: profileFlags(runtime.globals()), markers: sessionDeps.markers });
  const { source } = plan;
  const region = source.resolution.region?.value;
  rememberSource(runtime, sessionOperation, source, plan.durationSeconds);
  if (plan.mfaSerial) runtime.remember({ mfaSerial: plan.mfaSerial.value });
  const { warnings, warn } = collectWarnings(output, plan.warnings);
  for (const note of plan.notes) output.info(note);
  const cacheDir = resolveCacheDir(deps.env, deps.homedir);
  const mfaSerial = plan.mfaSerial?.value;

  const issued = await issueWithCache<SessionMeta>({
    operation: sessionOperation,
    // Keyed by keys and device only, so `assume` finds the session; the duration decides reuse below.
    keyParts: sessionKeyParts({ source: sourceKeyPart(source, deps.env), ...(mfaSerial ? { mfaSerial } : {}), resolution: source.resolution }),
    reusable: (meta) =>
      meta.requestedDurationSeconds === plan.durationSeconds ? undefined : `it was issued for --duration ${String(meta.requestedDurationSeconds)}`,
    useCache: options.useCache,
    cacheDir,
    now: deps.now,
    warn,
    debug: (line) => output.debug(line),
    issue: () => {
      let tokenCode = plan.tokenCode;
      return issueWithLongTermKeys<SessionMeta>({
        operation: sessionOperation,
        command: 'stsctl session',
        source,
        config,
        runtime,
        limits: getSessionTokenDuration,
        durationSeconds: plan.durationSeconds,
        prepare: async () => {
          if (mfaSerial && tokenCode === undefined) tokenCode = await sessionDeps.promptMfaCode(mfaSerial);
        },
        call: async (port) => {
          const answer = await port.getSessionToken({
            durationSeconds: plan.durationSeconds,
            ...(mfaSerial && tokenCode ? { serialNumber: mfaSerial, tokenCode } : {}),
          });
          return {
            credentials: answer.credentials,
            meta: {
              source: `${source.description}${mfaSerial ? ` with MFA ${mfaSerial}` : ''}`,
              ...(region ? { region } : {}),
              mfa: Boolean(mfaSerial),
              ...(mfaSerial ? { mfaSerial } : {}),
            },
          };
        },
      });
    },
  });

  const { credentials, meta } = issued;
  warnIfRootCapped(meta, getSessionTokenDuration, warn);
  const result: SessionResult = {
    operation: sessionOperation,
    source: describeSourceForResult(source),
    mfa: meta.mfa,
    ...(meta.mfaSerial ? { mfaSerial: meta.mfaSerial } : {}),
    durationSeconds: meta.durationSeconds,
    requestedDurationSeconds: meta.requestedDurationSeconds,
    ...(region ? { region } : {}),
    ...describeIssued(issued, cacheDir),
    warnings,
  };
  return { result, credentials, cacheHit: issued.cacheHit };
}
