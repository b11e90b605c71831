// Whole-process timing: spawn a command, wait for it, record wall-clock milliseconds. Cases are interleaved
// run by run so that drift on a busy machine affects every case alike; ratios are taken within one run.
import { spawn } from 'node:child_process';

export interface BenchCase {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** The command must exit with this code for a sample to count (default 0). */
  readonly expectExit?: number;
}

/** Asynchronous on purpose: the emulator runs in this process, and a blocking spawn would starve it. */
export function timeOnce(benchCase: BenchCase): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(benchCase.command, [...benchCase.args], {
      env: benchCase.env ? { ...benchCase.env } : process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      const expected = benchCase.expectExit ?? 0;
      if (code !== expected) reject(new Error(`${benchCase.name}: exit ${String(code)} (expected ${String(expected)})\n${stderr}`));
      else resolve(elapsed);
    });
  });
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs every case `runs` times, round-robin, after one unmeasured warm-up each; returns medians by name. */
export async function measureInterleaved(cases: readonly BenchCase[], runs: number): Promise<Map<string, number>> {
  for (const benchCase of cases) await timeOnce(benchCase);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const benchCase of cases) samples.get(benchCase.name)?.push(await timeOnce(benchCase));
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
