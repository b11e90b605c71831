// How every credential-issuing command (assume, session, federate) hands its credentials over: export lines for a
// shell (`eval`, `| source`, `Invoke-Expression`, `for /f`), a dotenv file, the credential_process JSON, the whole
// result with --json, or a child process with --exec. stdout gets only that; stderr gets the one-line summary.
import { Option, type Command } from 'commander';
import {
  collectAssignments,
  detectFormat,
  formatExports,
  formatUnset,
  parseCredentialFormat,
  type CredentialFormat,
} from '../credentials/index.js';
import { UsageError } from '../errors.js';
import { assertNotNested, runWithCredentials } from '../exec/run-with-credentials.js';
import { formatLocalTime } from '../render/local-time.js';
import type { Runtime } from '../runtime.js';
import type { IssuedCredentialValues } from '../sts/cached-issue.js';

export { formatLocalTime };

export type Delivery =
  | { readonly kind: 'exports'; readonly format: CredentialFormat }
  | { readonly kind: 'json' }
  | { readonly kind: 'exec'; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: 'unset'; readonly format: CredentialFormat };

/** The raw option values addCredentialOutputOptions declares. */
export interface RawDeliveryOptions {
  readonly format?: string;
  readonly unset?: boolean;
  readonly exec?: boolean;
  /** false with --no-cache. */
  readonly cache?: boolean;
}

/** Declares --format, --unset, --exec and --no-cache on a command. The command adds `[command...]` itself. */
export function addCredentialOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'output syntax: sh (bash/zsh), fish, powershell, cmd, dotenv, or json (credential_process); default from $SHELL'),
    )
    .option('--unset', 'print the lines that clear every variable this command sets, and stop')
    .option('--exec', 'run the command given after -- with the credentials in its environment, and exit with its status')
    .option('--no-cache', 'neither read nor write the credentials cache');
}

/** Settles what to print or run, checking the combinations before anything else happens (exit 2). */
export function planDelivery(
  options: RawDeliveryOptions,
  commandArgs: readonly string[],
  runtime: Runtime,
  context: { readonly chain: boolean },
): Delivery {
  const { env, platform } = runtime.deps;
  const json = runtime.globals().json;
  const format = options.format === undefined ? undefined : parseCredentialFormat(options.format);
  if (options.exec) {
    if (options.unset) throw new UsageError('--exec and --unset cannot be combined: --unset only prints lines for a shell.', { code: 'ConflictingOptions' });
    if (json) throw new UsageError('--exec and --json cannot be combined: the command\'s own output goes to stdout.', { code: 'ConflictingOptions' });
    const [command, ...args] = commandArgs;
    if (command === undefined || command === '') {
      throw new UsageError('--exec needs a command after --, as in: --exec -- aws s3 ls', { code: 'MissingCommand' });
    }
    assertNotNested(env, context.chain);
    return { kind: 'exec', command, args };
  }
  if (commandArgs.length > 0) {
    throw new UsageError(`Unexpected arguments: ${commandArgs.join(' ')}. To run a command with the credentials, use --exec -- ${commandArgs.join(' ')}`, {
      code: 'UnexpectedArguments',
    });
  }
  const chosen = format ?? detectFormat(env, platform);
  if (options.unset) return { kind: 'unset', format: chosen };
  if (json) return { kind: 'json' };
  return { kind: 'exports', format: chosen };
}

/** What a command produced, in the form every delivery can use. */
export interface IssuedForDelivery {
  readonly credentials: IssuedCredentialValues;
  readonly region?: string;
  /** Marker variables exported next to the credentials (e.g. STSCTL_ASSUMED_ROLE). */
  readonly marker: Readonly<Record<string, string>>;
  /** The one-line summary for stderr. */
  readonly summary: string;
  /** What --exec records in STSCTL_EXEC: the role ARN, the federated user… */
  readonly execLabel: string;
  /** The whole result for --json (credentials included: stdout may carry secrets). */
  readonly jsonResult: unknown;
}

/** `--unset`: the lines that clear the credentials, region and the given markers. */
export function printUnset(format: CredentialFormat, markerNames: readonly string[], runtime: Runtime): void {
  runtime.output().result(formatUnset(format, markerNames).trimEnd());
}

/** Prints or runs; resolves with the exit status for --exec, undefined otherwise. */
export async function deliverCredentials(
  issued: IssuedForDelivery,
  delivery: Exclude<Delivery, { readonly kind: 'unset' }>,
  runtime: Runtime,
): Promise<number | undefined> {
  const output = runtime.output();
  const exportOptions = { region: issued.region, marker: issued.marker };
  switch (delivery.kind) {
    case 'json':
      output.resultJson(issued.jsonResult);
      output.info(issued.summary);
      return undefined;
    case 'exports':
      output.result(formatExports(issued.credentials, { format: delivery.format, ...withRegion(exportOptions) }).trimEnd());
      output.info(issued.summary);
      return undefined;
    case 'exec': {
      output.info(issued.summary);
      const assignments = collectAssignments(issued.credentials, { format: 'json', ...withRegion(exportOptions) });
      return runWithCredentials(
        {
          command: delivery.command,
          args: delivery.args,
          baseEnv: runtime.deps.env,
          assignments,
          label: issued.execLabel,
          interactive: runtime.deps.stdin.isTTY === true,
          platform: runtime.deps.platform,
        },
        { report: (line) => output.info(line) },
      );
    }
  }
}

function withRegion(options: { readonly region?: string; readonly marker: Readonly<Record<string, string>> }): {
  readonly region?: string;
  readonly marker: Readonly<Record<string, string>>;
} {
  return options.region ? { region: options.region, marker: options.marker } : { marker: options.marker };
}

/** `Assumed arn:…:role/Deploy as alice until 2026-11-21 22:41:07 +01:00 (cached)`. */
export function formatSummaryLine(input: {
  readonly verb: string;
  readonly subject: string;
  readonly sessionName?: string;
  readonly expiration: Date;
  readonly cacheHit: boolean;
}): string {
  const as = input.sessionName ? ` as ${input.sessionName}` : '';
  return `${input.verb} ${input.subject}${as} until ${formatLocalTime(input.expiration)} (${input.cacheHit ? 'cached' : 'fresh'})`;
}
