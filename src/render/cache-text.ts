// Text rendering of `stsctl cache list`: one row per cached credential set, access keys masked, no secrets.
import type { ChalkInstance } from 'chalk';
import type { CachedSummary } from '../cache/index.js';
import { formatRemaining } from './chain-text.js';
import { formatLocalTime } from './local-time.js';
import { renderPlainTable } from './plain-table.js';

export interface CacheListRenderOptions {
  readonly style: ChalkInstance;
  readonly dir: string;
}

function describeStatus(entry: CachedSummary, style: ChalkInstance): string {
  const remaining = formatRemaining(entry.remainingMs);
  if (entry.status === 'expired') return style.dim(remaining);
  if (entry.status === 'refresh-due') return style.yellow(`${remaining}, refreshed on next use`);
  return remaining;
}

export function renderCacheListText(entries: readonly CachedSummary[], options: CacheListRenderOptions): string {
  const { style } = options;
  if (entries.length === 0) return `No cached credentials in ${options.dir}\n`;
  const rows = entries.map((entry) => [
    entry.key.slice(0, 12),
    entry.operation,
    entry.roleArn ?? entry.assumedRoleArn ?? '-',
    entry.sessionName ?? '-',
    entry.accessKeyId,
    `${formatLocalTime(new Date(entry.expiration))} (${describeStatus(entry, style)})`,
    entry.source ?? '-',
  ]);
  const table = renderPlainTable(['KEY', 'OPERATION', 'ROLE', 'SESSION', 'ACCESS KEY', 'EXPIRES', 'SOURCE'], rows);
  return `${table}\n${style.dim(`${String(entries.length)} cached in ${options.dir}`)}\n`;
}
