// Commander wiring only: global options, help text, and one register call per command.
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerAssume } from './commands/assume.js';
import { registerCache } from './commands/cache.js';
import { registerDecode } from './commands/decode.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExplain } from './commands/explain.js';
import { registerFederate } from './commands/federate.js';
import { registerProfiles } from './commands/profiles.js';
import { registerSession } from './commands/session.js';
import { registerWhoami } from './commands/whoami.js';
import type { ExitCodeValue } from './errors.js';
import type { GlobalOptions, Runtime } from './runtime.js';

export interface ProgramHooks {
  readonly version: () => string;
  readonly onGlobals: (globals: GlobalOptions) => void;
  /** A command's own exit status: one of ExitCode, or the status of a command run with --exec. */
  readonly setExitCode: (code: ExitCodeValue | number) => void;
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 20) {
    throw new InvalidArgumentError('expected a whole number from 1 to 20.');
  }
  return parsed;
}

export function readGlobals(options: Record<string, unknown>): GlobalOptions {
  return {
    ...(typeof options['profile'] === 'string' ? { profile: options['profile'] } : {}),
    ...(typeof options['region'] === 'string' ? { region: options['region'] } : {}),
    ...(typeof options['endpointUrl'] === 'string' ? { endpointUrl: options['endpointUrl'] } : {}),
    ...(typeof options['maxAttempts'] === 'number' ? { maxAttempts: options['maxAttempts'] } : {}),
    ...(options['retryMode'] === 'standard' || options['retryMode'] === 'adaptive' ? { retryMode: options['retryMode'] } : {}),
    json: options['json'] === true,
    color: options['color'] !== false,
    debug: options['debug'] === true,
  };
}

export function buildProgram(runtime: Runtime, hooks: ProgramHooks): Command {
  const { stdout, stderr } = runtime.deps;
  const program = new Command('stsctl')
    .description('Who am I to AWS, where did these credentials come from, why was I denied, and how do I get working credentials into this shell?')
    .version(hooks.version(), '-V, --version', 'print the stsctl version')
    .option('-p, --profile <name>', 'use this profile from ~/.aws/config (beats AWS_PROFILE and environment keys)')
    .option('--region <region>', 'AWS region (beats AWS_REGION, AWS_DEFAULT_REGION and the profile)')
    .option('--endpoint-url <url>', 'STS endpoint URL (beats AWS_ENDPOINT_URL_STS and the config)')
    .option('--json', 'print one JSON document on stdout (errors too)')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('--debug', 'explain each step on stderr (secrets are never printed)')
    .option('--max-attempts <n>', 'SDK attempts per call, retries included (default 3; AWS_MAX_ATTEMPTS)', parsePositiveInteger)
    .addOption(new Option('--retry-mode <mode>', 'SDK retry mode (default standard; AWS_RETRY_MODE)').choices(['standard', 'adaptive']))
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run stsctl --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void stdout.write(text), writeErr: (text) => void stderr.write(text) })
    .addHelpText(
      'after',
      `
Exit codes: 0 ok · 1 bug · 2 bad input · 3 configuration · 4 credentials · 5 access denied
            6 throttled · 7 network or region · 8 rejected by AWS validation

Run "stsctl <command> --help" for a worked example of each command.`,
    );
  program.hook('preAction', () => hooks.onGlobals(readGlobals(program.opts())));

  registerWhoami(program, runtime);
  registerDecode(program, runtime);
  registerAssume(program, runtime, hooks);
  registerSession(program, runtime, hooks);
  registerFederate(program, runtime, hooks);
  registerCache(program, runtime);
  registerProfiles(program, runtime, hooks);
  registerDoctor(program, runtime, hooks);
  registerExplain(program, runtime);
  return program;
}
