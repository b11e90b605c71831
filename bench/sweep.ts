// The `doctor --all-profiles` sweep against an STS that throttles like a real account endpoint: the emulator allows
// 10 requests/s with a burst of 10. The ideal is the fastest any client could push N requests through that bucket
// without being throttled: the burst at once, the rest at the refill rate, i.e. (N − burst) / rate seconds.
// Reports the sweep's wall time (process start included) against that ideal, and every throttled response.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo, startEmulator } from '../test/support/emulator/index.js';

export interface SweepMeasurement {
  readonly profiles: number;
  readonly seconds: number;
  readonly idealSeconds: number;
  readonly ratio: number;
  readonly throttledResponses: number;
  readonly failedProfiles: number;
}

const serverRate = 10;
const serverBurst = 10;
/** A little under the server's rate: the client cannot see the server's bucket, and network jitter is real. */
const clientRate = 9.5;

function runSweep(cli: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'doctor', '--all-profiles', '--rate', String(clientRate), '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function measureSweep(cli: string, profiles = 200): Promise<SweepMeasurement> {
  const emulator = await startEmulator();
  const home = mkdtempSync(join(tmpdir(), 'stsctl-bench-sweep-'));
  try {
    const alice = demo.principals.alice;
    mkdirSync(join(home, '.aws'), { recursive: true });
    const sections = Array.from(
      { length: profiles },
      (_, index) => `[team-${String(index).padStart(3, '0')}]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\nregion = us-east-1\n`,
    );
    writeFileSync(join(home, '.aws', 'credentials'), sections.join('\n'));
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_STS: emulator.url,
      NO_COLOR: '1',
    };
    emulator.setFaults({ throttle: { rate: serverRate, burst: serverBurst } });
    const started = process.hrtime.bigint();
    const result = await runSweep(cli, env);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const report = JSON.parse(result.stdout) as { counts?: { fail?: number } };
    const idealSeconds = (profiles - serverBurst) / serverRate;
    return {
      profiles,
      seconds,
      idealSeconds,
      ratio: seconds / idealSeconds,
      throttledResponses: emulator.requests.filter((entry) => entry.errorCode === 'Throttling').length,
      failedProfiles: report.counts?.fail ?? Number.NaN,
    };
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export function describeSweep(measurement: SweepMeasurement, target = 1.15): string[] {
  const verdict = measurement.ratio <= target && measurement.throttledResponses === 0 && measurement.failedProfiles === 0 ? 'meets target' : 'MISSES target';
  return [
    `  doctor --all-profiles, ${String(measurement.profiles)} profiles, STS throttling at ${String(serverRate)}/s burst ${String(serverBurst)}, --rate ${String(clientRate)}:`,
    `    ${measurement.seconds.toFixed(1)} s vs ideal ${measurement.idealSeconds.toFixed(1)} s: ${measurement.ratio.toFixed(2)}×  (target ≤ ${target.toFixed(2)}×, ${verdict});` +
      ` ${String(measurement.throttledResponses)} throttled responses, ${String(measurement.failedProfiles)} failed profiles`,
  ];
}
