// How every credential-issuing command (assume, session, federate) hands its credentials over: export lines for a
// shell (`eval`, `| source`, `Invoke-Expression`, `for /f`), a dotenv file, the credential_process JSON, the whole
// result with --json, a child process with --exec, or a console sign-in link with --console/--open. stdout gets
// only that; stderr gets the one-line summary.
import { Option, type Command } from 'commander';
import { openUrl } from '../console/open-url.js';
import {
  consoleSessionDuration,
  createConsoleSignin,
  federationEndpointVariable,
  planConsoleRequest,
  type ConsoleRequest,
  type RawConsoleOptions,
} from '../console/signin-url.js';
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
import { formatSummaryLine } from '../render/issued-summary.js';
import { formatLocalTime } from '../render/local-time.js';
import { formatDuration } from '../validation/index.js';
import type { Runtime } from '../runtime.js';
import type { IssuedCredentialValues } from '../sts/cached-issue.js';

export { formatLocalTime, formatSummaryLine };

export { credentialMarkers, credentialMarkerNames } from './credential-markers.js';

export type Delivery =
  | { readonly kind: 'exports'; readonly format: CredentialFormat }
  | { readonly kind: 'json' }
  | { readonly kind: 'exec'; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: 'unset'; readonly format: CredentialFormat }
  /** A console sign-in link instead of credentials: printed, opened (--open), or inside the --json result. */
  | { readonly kind: 'console'; readonly console: ConsoleRequest; readonly json: boolean };

/** The raw option values addCredentialOutputOptions declares. */
export interface RawDeliveryOptions extends RawConsoleOptions {
  readonly format?: string;
  readonly unset?: boolean;
  readonly exec?: boolean;
  /** false with --no-cache. */
  readonly cache?: boolean;
}

/**
 * Declares --format, --unset, --exec, --no-cache and the console sign-in options on a command. The command adds
 * `[command...]` itself. A command whose credentials cannot sign in to the console (GetSessionToken's) passes
 * `console: false`: the console options are then hidden from its help, and planDelivery explains the refusal.
 */
export function addCredentialOutputOptions(command: Command, features: { readonly console: boolean } = { console: true }): Command {
  const consoleOption = (flags: string, description: string): Option => {
    const option = new Option(flags, description);
    return features.console ? option : option.hideHelp();
  };
  return command
    .addOption(
      new Option('--format <format>', 'output syntax: sh (bash/zsh), fish, powershell, cmd, dotenv, or json (credential_process); default from $SHELL'),
    )
    .option('--unset', 'print the lines that clear every variable this command sets, and stop')
    .option('--exec', 'run the command given after -- with the credentials in its environment, and exit with its status')
    .option('--no-cache', 'neither read nor write the credentials cache')
    .addOption(consoleOption('--console', 'print an AWS Management Console sign-in link for the credentials instead (a secret for 15 minutes)'))
    .addOption(consoleOption('--open', 'open that console sign-in link in the browser ($BROWSER, else xdg-open/open/start)'))
    .addOption(
      consoleOption(
        '--console-duration <duration>',
        `console session length: ${consoleSessionDuration.min}–${consoleSessionDuration.max} seconds or 15m…12h (default: the federation endpoint's)`,
      ),
    )
    .addOption(consoleOption('--destination <url|path>', 'console page to open: a URL or a path like /s3/home (default: the console home)'))
    .addOption(
      consoleOption('--federation-endpoint <url>', `federation endpoint for the sign-in (default for the partition; ${federationEndpointVariable})`),
    );
}

/** Why a command cannot offer a console sign-in; planDelivery turns it into a UsageError (exit 2). */
export interface ConsoleRefusal {
  readonly message: string;
  readonly hints: readonly string[];
}

/** Settles what to print or run, checking the combinations before anything else happens (exit 2). */
export function planDelivery(
  options: RawDeliveryOptions,
  commandArgs: readonly string[],
  runtime: Runtime,
  context: { readonly chain: boolean; readonly consoleRefusal?: ConsoleRefusal },
): Delivery {
  const { env, platform } = runtime.deps;
  const json = runtime.globals().json;
  const format = options.format === undefined ? undefined : parseCredentialFormat(options.format);
  const consoleFlag = options.open ? '--open' : options.console ? '--console' : undefined;
  const consoleAsked = consoleFlag !== undefined || [options.consoleDuration, options.destination, options.federationEndpoint].some((v) => v !== undefined);
  if (consoleAsked && context.consoleRefusal) {
    throw new UsageError(context.consoleRefusal.message, { code: 'ConsoleNotPossible', hints: context.consoleRefusal.hints });
  }
  if (consoleFlag !== undefined) {
    const other = options.exec ? '--exec' : options.unset ? '--unset' : options.format !== undefined ? '--format' : undefined;
    if (other !== undefined) {
      throw new UsageError(`${consoleFlag} and ${other} cannot be combined: ${consoleFlag} gives a console sign-in link instead of credentials.`, {
        code: 'ConflictingOptions',
      });
    }
    if (commandArgs.length > 0) {
      throw new UsageError(`Unexpected arguments: ${commandArgs.join(' ')}.`, { code: 'UnexpectedArguments' });
    }
  }
  const consoleRequest = planConsoleRequest(options, env);
  if (consoleRequest) return { kind: 'console', console: consoleRequest, json };
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
  /** Other stsctl markers to clear (shell formats) or drop (--exec), so none describes credentials that are gone. */
  readonly clear?: readonly string[];
  /** Role credentials obtained with role credentials (the console sign-in cannot set a session duration for them). */
  readonly chained?: boolean;
  /** The one-line summary for stderr. */
  readonly summary: string;
  /** What --exec records in STSCTL_EXEC: the role ARN, the federated user… */
  readonly execLabel: string;
  /** The whole result for --json (credentials included: stdout may carry secrets). */
  readonly jsonResult: unknown;
}

export interface CredentialCommandInput {
  readonly options: RawDeliveryOptions;
  /** The `[command...]` arguments (after --). */
  readonly commandArgs: readonly string[];
  readonly runtime: Runtime;
  readonly context: { readonly chain: boolean; readonly consoleRefusal?: ConsoleRefusal };
  /** What --unset clears besides the credentials and region. */
  readonly unsetMarkers: readonly string[];
  /** Issues (or finds cached) credentials; only called when there is something to deliver. */
  readonly issue: () => Promise<IssuedForDelivery>;
  readonly setExitCode: (code: number) => void;
}

/** The action of a credential command: check the delivery options, then --unset, or issue and deliver. */
export async function runCredentialCommand(input: CredentialCommandInput): Promise<void> {
  const delivery = planDelivery(input.options, input.commandArgs, input.runtime, input.context);
  if (delivery.kind === 'unset') {
    printUnset(delivery.format, input.unsetMarkers, input.runtime);
    return;
  }
  const issued = await input.issue();
  const status = await deliverCredentials(issued, delivery, input.runtime);
  if (status !== undefined) input.setExitCode(status);
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
  const clear = issued.clear ?? [];
  switch (delivery.kind) {
    case 'console':
      await deliverConsoleSignin(issued, delivery, runtime);
      return undefined;
    case 'json':
      output.resultJson(issued.jsonResult);
      output.info(issued.summary);
      return undefined;
    case 'exports':
      output.result(formatExports(issued.credentials, { format: delivery.format, clear, ...withRegion(exportOptions) }).trimEnd());
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
          clear,
          label: issued.execLabel,
          interactive: runtime.deps.stdin.isTTY === true,
          platform: runtime.deps.platform,
        },
        { report: (line) => output.info(line) },
      );
    }
  }
}

/**
 * The console sign-in: the link is the result (stdout, or the browser with --open) because its token is a bearer
 * secret; stderr only says what it is and how long it works.
 */
async function deliverConsoleSignin(
  issued: IssuedForDelivery,
  delivery: Extract<Delivery, { readonly kind: 'console' }>,
  runtime: Runtime,
): Promise<void> {
  const output = runtime.output();
  const signin = await createConsoleSignin({
    request: delivery.console,
    credentials: issued.credentials,
    ...(issued.region ? { region: issued.region } : {}),
    chained: issued.chained === true,
    now: runtime.deps.now(),
  });
  for (const warning of signin.warnings) output.warn(warning);
  if (delivery.console.open) await openUrl(signin.url, { env: runtime.deps.env, platform: runtime.deps.platform });
  if (delivery.json) {
    const result = typeof issued.jsonResult === 'object' && issued.jsonResult !== null ? issued.jsonResult : { result: issued.jsonResult };
    output.resultJson({
      ...result,
      console: {
        ...(delivery.console.open ? { opened: true } : { url: signin.url }),
        destination: signin.destination,
        federationEndpoint: signin.endpoint,
        linkExpiresAt: signin.linkExpiresAt.toISOString(),
        ...(signin.sessionDurationSeconds !== undefined ? { sessionDurationSeconds: signin.sessionDurationSeconds } : {}),
      },
    });
  } else if (!delivery.console.open) {
    output.result(signin.url);
  }
  output.info(issued.summary);
  const session = signin.sessionDurationSeconds === undefined ? '' : `; the console session lasts ${formatDuration(signin.sessionDurationSeconds)}`;
  output.info(
    delivery.console.open
      ? `Opened the console sign-in for ${signin.destination} in the browser${session}.`
      : `Console sign-in link for ${signin.destination}: open it before ${formatLocalTime(signin.linkExpiresAt)}, and share it with nobody${session}.`,
  );
}

function withRegion(options: { readonly region?: string; readonly marker: Readonly<Record<string, string>> }): {
  readonly region?: string;
  readonly marker: Readonly<Record<string, string>>;
} {
  return options.region ? { region: options.region, marker: options.marker } : { marker: options.marker };
}
