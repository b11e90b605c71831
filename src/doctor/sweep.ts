// `stsctl doctor --all-profiles`: one live identity check per profile, several at a time, with every STS request
// (role hops included) taking a token from one client-side bucket first. Spreading the calls under the account's
// STS limit is what keeps a sweep from throttling itself; the SDK's backoff is the safety net, not the plan.
import type { Diagnosis } from '../diagnostics/types.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { StsPort, StsPortFactory } from '../sts/port.js';
import { profileKind, type ProfileKind } from '../commands/profiles.js';
import { loadAwsConfig } from '../profiles/aws-config.js';
import { checkLiveIdentity } from './run-doctor.js';
import { clockWarnMs, expiryWarningMs } from './identity-checks.js';
import { TokenBucket } from './token-bucket.js';

export const defaultSweepRate = 5;
export const defaultSweepConcurrency = 8;

export type SweepStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface SweepRow {
  readonly profile: string;
  readonly kind: ProfileKind;
  readonly status: SweepStatus;
  readonly account?: string;
  readonly arn?: string;
  readonly principal?: string;
  /** Why a profile warned or was skipped. */
  readonly note?: string;
  readonly diagnosis?: Diagnosis;
  readonly durationMs: number;
}

export interface SweepReport {
  readonly rows: readonly SweepRow[];
  readonly counts: Readonly<Record<SweepStatus, number>>;
  /** Failures whose diagnosis is throttling: zero when the rate limit did its job. */
  readonly throttled: number;
  readonly rate: number;
  readonly concurrency: number;
  readonly stsRequests: number;
  readonly durationMs: number;
  readonly exitCode: ExitCodeValue;
}

export interface SweepProgress {
  (done: number, total: number, row: SweepRow): void;
}

/** Runs `task` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** Every call on the port waits for a token first; counts the calls. */
export function rateLimitedFactory(factory: StsPortFactory, bucket: TokenBucket, counter: { requests: number }): StsPortFactory {
  return async (credentials, settings) => {
    const port = await factory(credentials, settings);
    const limited = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        await bucket.take();
        counter.requests += 1;
        return call(...args);
      };
    const wrapped: StsPort = {
      getCallerIdentity: limited(() => port.getCallerIdentity()),
      assumeRole: limited((request: Parameters<StsPort['assumeRole']>[0]) => port.assumeRole(request)),
      getSessionToken: limited((request: Parameters<StsPort['getSessionToken']>[0]) => port.getSessionToken(request)),
      getFederationToken: limited((request: Parameters<StsPort['getFederationToken']>[0]) => port.getFederationToken(request)),
      decodeAuthorizationMessage: limited((message: string) => port.decodeAuthorizationMessage(message)),
      ...(port.observedClockOffsetMs ? { observedClockOffsetMs: () => port.observedClockOffsetMs?.() } : {}),
    };
    return wrapped;
  };
}

export interface SweepOptions {
  readonly rate?: number;
  readonly concurrency?: number;
  readonly onProgress?: SweepProgress;
}

function rowFromIdentity(profile: string, kind: ProfileKind, live: Awaited<ReturnType<typeof checkLiveIdentity>>, durationMs: number, now: number): SweepRow {
  if ('diagnosis' in live) {
    return { profile, kind, status: 'fail', diagnosis: live.diagnosis, ...(live.diagnosis.context.account ? { account: live.diagnosis.context.account } : {}), durationMs };
  }
  const { whoami } = live;
  const notes: string[] = [];
  if (whoami.expiration && Date.parse(whoami.expiration) - now < expiryWarningMs) notes.push('credentials expire within 15 minutes');
  if (live.clockOffsetMs !== undefined && Math.abs(live.clockOffsetMs) > clockWarnMs) {
    notes.push(`clock ${(Math.abs(live.clockOffsetMs) / 60_000).toFixed(1)} min off AWS`);
  }
  return {
    profile,
    kind,
    status: notes.length > 0 ? 'warn' : 'ok',
    account: whoami.account,
    arn: whoami.arn,
    principal: whoami.principal.description,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    durationMs,
  };
}

export async function sweepProfiles(runtime: Runtime, options: SweepOptions = {}): Promise<SweepReport> {
  const { deps } = runtime;
  const rate = options.rate ?? defaultSweepRate;
  const concurrency = options.concurrency ?? defaultSweepConcurrency;
  const config = loadAwsConfig({ env: deps.env, homedir: deps.homedir, readFile: deps.readFile });
  const profiles = [...config.profiles.values()].sort((a, b) => a.name.localeCompare(b.name));
  // One token per second of rate as the burst: the first calls go out at once, then the sweep settles at `rate`.
  const bucket = new TokenBucket(rate, Math.max(1, Math.floor(rate)));
  const counter = { requests: 0 };
  const createSts = rateLimitedFactory(deps.createSts, bucket, counter);
  const limitedRuntime: Runtime = { ...runtime, deps: { ...deps, createSts } };

  const started = performance.now();
  let done = 0;
  const rows = await mapConcurrently(profiles, concurrency, async (profile): Promise<SweepRow> => {
    const kind = profileKind(profile);
    const rowStarted = performance.now();
    let row: SweepRow;
    if (kind === 'none') {
      row = { profile: profile.name, kind, status: 'skipped', note: 'no credentials of its own (settings only)', durationMs: 0 };
    } else {
      const live = await checkLiveIdentity(limitedRuntime, profile.name);
      row = rowFromIdentity(profile.name, kind, live, Math.round(performance.now() - rowStarted), deps.now().getTime());
    }
    done += 1;
    options.onProgress?.(done, profiles.length, row);
    return row;
  });

  const counts: Record<SweepStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const row of rows) counts[row.status] += 1;
  const firstFailure = rows.find((row) => row.status === 'fail');
  return {
    rows,
    counts,
    throttled: rows.filter((row) => row.diagnosis?.category === 'throttling').length,
    rate,
    concurrency,
    stsRequests: counter.requests,
    durationMs: Math.round(performance.now() - started),
    exitCode: firstFailure?.diagnosis?.exitCode ?? (firstFailure ? ExitCode.internal : ExitCode.ok),
  };
}
