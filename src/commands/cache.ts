// stsctl cache list | clear: what the credentials cache holds (masked), and emptying it.
import type { Command } from 'commander';
import { clearCached, listCached, resolveCacheDir, type CachedSummary } from '../cache/index.js';
import type { Runtime } from '../runtime.js';

export interface CacheListResult {
  readonly dir: string;
  readonly entries: readonly CachedSummary[];
  readonly warnings: readonly string[];
}

export async function runCacheList(runtime: Runtime): Promise<CacheListResult> {
  const dir = resolveCacheDir(runtime.deps.env, runtime.deps.homedir);
  const { entries, warnings } = await listCached(dir, runtime.deps.now());
  return { dir, entries, warnings };
}

export async function runCacheClear(runtime: Runtime): Promise<{ readonly dir: string; readonly removed: number }> {
  const dir = resolveCacheDir(runtime.deps.env, runtime.deps.homedir);
  return { dir, removed: await clearCached(dir) };
}

export function registerCache(program: Command, runtime: Runtime): void {
  const cache = program
    .command('cache')
    .description('list or clear the credentials cache (${XDG_CACHE_HOME:-~/.cache}/stsctl)')
    .addHelpText(
      'after',
      `
Examples:
  $ stsctl cache list            # cached credentials: role, session, masked access key, expiry
  $ stsctl cache list --json     # the same as JSON (never secrets)
  $ stsctl cache clear           # remove every cached credential set`,
    );
  cache
    .command('list')
    .description('show cached credentials: role, session, masked access key and expiry (never secrets)')
    .action(async () => {
      const result = await runCacheList(runtime);
      const output = runtime.output();
      if (output.json) output.resultJson(result);
      else {
        // Table renderers (cli-table3) load only when printed, keeping the start-up chunk shared by every command small.
        const { renderCacheListText } = await import('../render/cache-text.js');
        output.result(renderCacheListText(result.entries, { style: output.style, dir: result.dir }).trimEnd());
      }
      for (const warning of result.warnings) output.warn(warning);
    });
  cache
    .command('clear')
    .description('remove every cached credential set')
    .action(async () => {
      const result = await runCacheClear(runtime);
      const output = runtime.output();
      if (output.json) output.resultJson(result);
      else output.info(`Removed ${String(result.removed)} cached credential set${result.removed === 1 ? '' : 's'} from ${result.dir}`);
    });
}
