// npm run bench: start-up and call cost of stsctl against yardsticks measured in the same run.
// Prints medians and ratios; it asserts nothing (timings belong in a report, not in a test).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demo, startEmulator } from '../test/support/emulator/index.js';
import { describeSweep, measureSweep } from './sweep.js';
import { measureInterleaved, timeOnce, type BenchCase } from './measure.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'stsctl.js');
const runs = Number(process.env['BENCH_RUNS'] ?? 15);

interface Comparison {
  readonly label: string;
  readonly subject: string;
  readonly yardstick: string;
  readonly target: number;
}

function hasAwsCli(): boolean {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const home = mkdtempSync(join(tmpdir(), 'stsctl-bench-'));
  try {
    const alice = demo.principals.alice;
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile alice]\nregion = us-east-1\n\n[profile deploy]\nrole_arn = ${demo.roles.deploy.arn}\nsource_profile = alice\nregion = us-east-1\n`,
    );
    writeFileSync(join(home, '.aws', 'credentials'), `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_REGION: 'us-east-1',
      NO_COLOR: '1',
    };
    const cases: BenchCase[] = [
      { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], env },
      { name: 'stsctl --version', command: process.execPath, args: [cli, '--version'], env },
      { name: 'stsctl whoami', command: process.execPath, args: [cli, 'whoami', '--profile', 'alice'], env },
      // `eval "$(stsctl assume deploy)"` in every new shell, and credential_process on every AWS CLI call: after the
      // first run it must cost no more than starting stsctl at all.
      { name: 'stsctl assume (cached)', command: process.execPath, args: [cli, 'assume', 'deploy', '--format', 'sh'], env },
      {
        name: 'minimal SDK GetCallerIdentity',
        command: process.execPath,
        args: [join(repo, 'dist', 'bench', 'minimal-caller-identity.js')],
        env: { ...env, BENCH_ACCESS_KEY_ID: alice.accessKeyId, BENCH_SECRET_ACCESS_KEY: alice.secretAccessKey },
      },
    ];
    const comparisons: Comparison[] = [
      { label: '--version vs bare node', subject: 'stsctl --version', yardstick: 'node -e 0', target: 1.3 },
      { label: 'whoami vs minimal SDK script', subject: 'stsctl whoami', yardstick: 'minimal SDK GetCallerIdentity', target: 1.15 },
      { label: 'cached assume vs --version', subject: 'stsctl assume (cached)', yardstick: 'stsctl --version', target: 1.2 },
    ];
    // Warm the credentials cache, so every measured assume is a cache hit (checked below from the request log).
    await timeOnce({ name: 'warm the assume cache', command: process.execPath, args: [cli, 'assume', 'deploy', '--format', 'sh'], env });
    const assumeCallsBefore = emulator.requestCount('AssumeRole');
    if (hasAwsCli()) {
      cases.push({
        name: 'aws sts get-caller-identity',
        command: 'aws',
        args: ['sts', 'get-caller-identity', '--profile', 'alice', '--endpoint-url', emulator.url],
        env,
      });
      comparisons.push({ label: 'whoami vs AWS CLI', subject: 'stsctl whoami', yardstick: 'aws sts get-caller-identity', target: 0.3 });
    }

    const medians = await measureInterleaved(cases, runs);
    const lines = [`stsctl benchmark: medians of ${String(runs)} interleaved runs (Node ${process.version})`, ''];
    const width = Math.max(...cases.map((c) => c.name.length));
    for (const [name, ms] of medians) lines.push(`  ${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`);
    lines.push('');
    for (const comparison of comparisons) {
      const ratio = (medians.get(comparison.subject) ?? Number.NaN) / (medians.get(comparison.yardstick) ?? Number.NaN);
      const verdict = ratio <= comparison.target ? 'meets target' : 'MISSES target';
      lines.push(`  ${comparison.label.padEnd(34)} ${ratio.toFixed(2)}×  (target ≤ ${comparison.target.toFixed(2)}×, ${verdict})`);
    }
    const extraAssumes = emulator.requestCount('AssumeRole') - assumeCallsBefore;
    lines.push(`  (cached assume: ${String(extraAssumes)} AssumeRole calls during the measured runs${extraAssumes === 0 ? ', all cache hits' : ': NOT all cache hits'})`);
    if (!hasAwsCli()) lines.push('  (AWS CLI not installed: the whoami vs AWS CLI ratio was skipped)');
    process.stdout.write(`${lines.join('\n')}\n`);
    // 200 profiles through `doctor --all-profiles` against a throttling emulator of its own (about 20 s;
    // BENCH_SWEEP=0 skips it).
    if (process.env['BENCH_SWEEP'] !== '0') process.stdout.write(`\n${describeSweep(await measureSweep(cli)).join('\n')}\n`);
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
