// stsctl assume ROLE: commander options → runAssume → the shared credential delivery.
import type { Command } from 'commander';
import { assumeDeliveryParts } from '../assume/assume-delivery.js';
import { assumedRoleMarker } from '../assume/plan.js';
import { runAssume } from '../assume/run-assume.js';
import { UsageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { createTerminalMfaPrompt } from '../terminal/prompt-mfa.js';
import { addCredentialOutputOptions, runCredentialCommand, type RawDeliveryOptions } from './credential-output.js';

interface AssumeCommandOptions extends RawDeliveryOptions {
  readonly sourceProfile?: string;
  readonly chain?: boolean;
  readonly duration?: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly tokenCode?: string;
  readonly policy?: string;
  readonly policyArn?: string[];
  readonly tag?: string[];
  readonly transitiveTag?: string[];
  readonly sourceIdentity?: string;
}

// No default array: commander would print it in --help as "(default: [])".
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const assumeExamples = `
ROLE is a profile with role_arn, a role ARN (arn:aws:iam::123456789012:role/Name, also aws-cn and aws-us-gov),
123456789012:Name or 123456789012:role/path/Name, or Name or role/path/Name in your own account.

Examples:
  $ eval "$(stsctl assume deploy)"                          # bash, zsh: credentials into this shell
  $ stsctl assume deploy | source                           # fish
  $ stsctl assume deploy --format powershell | Invoke-Expression
  > for /f "delims=" %i in ('stsctl assume deploy --format cmd') do @%i   # cmd.exe
  $ stsctl assume arn:aws:iam::123456789012:role/Admin --source-profile me --mfa-serial arn:aws:iam::111111111111:mfa/me
  $ stsctl assume deploy --exec -- terraform plan           # one command, this shell untouched
  $ eval "$(stsctl assume --unset)"                         # back to where you were
  credential_process = stsctl assume deploy --format json  # in ~/.aws/config`;

export function registerAssume(program: Command, runtime: Runtime, hooks: { readonly setExitCode: (code: number) => void }): void {
  const command = program
    .command('assume')
    .description('assume an IAM role and print its credentials for eval, a dotenv file or credential_process, or run a command with them')
    .argument('[role]', 'profile name, role ARN, ACCOUNT:Name or role name (not needed with --unset)')
    .argument('[command...]', 'with --exec: the command to run, after --')
    .option('--source-profile <profile>', 'assume the role with this profile\'s credentials')
    .option('--chain', 'allow assuming from role credentials an earlier stsctl assume exported (AWS limits such sessions to 1 hour)')
    .option('-d, --duration <duration>', 'session length: seconds or 15m, 1h, 12h (900–43200; default duration_seconds, else 1h)')
    .option('--session-name <name>', 'RoleSessionName (default: derived from your identity)')
    .option('--external-id <id>', 'ExternalId the role\'s trust policy asks for (default external_id)')
    .option('--mfa-serial <serial>', 'MFA device ARN or serial (default mfa_serial of the profile or its source_profile)')
    .option('--token-code <code>', 'the six-digit MFA code (default: asked on the terminal)')
    .option('--policy <json|@file>', 'session policy: JSON text or @file (at most 2048 characters)')
    .option('--policy-arn <arn>', 'managed session policy ARN (repeatable)', collect)
    .option('--tag <key=value>', 'session tag (repeatable)', collect)
    .option('--transitive-tag <key>', 'make a --tag key transitive to chained sessions (repeatable)', collect)
    .option('--source-identity <name>', 'SourceIdentity to set on the session');
  addCredentialOutputOptions(command)
    .addHelpText('after', assumeExamples)
    .action(async (role: string | undefined, commandArgs: string[], options: AssumeCommandOptions) => {
      const chain = options.chain === true;
      await runCredentialCommand({
        options,
        commandArgs,
        runtime,
        context: { chain },
        unsetMarkers: [assumedRoleMarker],
        setExitCode: hooks.setExitCode,
        issue: async () => {
          if (role === undefined || role === '') {
            throw new UsageError('stsctl assume needs ROLE: a profile with role_arn, a role ARN, 123456789012:Name, or a role name.', {
              code: 'MissingRole',
              hints: ['Run stsctl assume --help for examples.'],
            });
          }
          const outcome = await runAssume(
            {
              role,
              ...(options.sourceProfile !== undefined ? { sourceProfile: options.sourceProfile } : {}),
              chain,
              ...(options.duration !== undefined ? { duration: options.duration } : {}),
              ...(options.sessionName !== undefined ? { sessionName: options.sessionName } : {}),
              ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
              ...(options.mfaSerial !== undefined ? { mfaSerial: options.mfaSerial } : {}),
              ...(options.tokenCode !== undefined ? { tokenCode: options.tokenCode } : {}),
              ...(options.policy !== undefined ? { policy: options.policy } : {}),
              policyArns: options.policyArn ?? [],
              tags: options.tag ?? [],
              transitiveTags: options.transitiveTag ?? [],
              ...(options.sourceIdentity !== undefined ? { sourceIdentity: options.sourceIdentity } : {}),
              useCache: options.cache !== false,
            },
            runtime,
            { promptMfaCode: createTerminalMfaPrompt(runtime.deps.platform, `stsctl assume ${role}`) },
          );
          const { result } = outcome;
          // Shared with the cached fast path (assume/cached-fast-path.ts), so both print the same.
          const parts = assumeDeliveryParts({
            roleArn: result.roleArn,
            sessionName: result.sessionName,
            expiration: outcome.credentials.expiration,
            cacheHit: outcome.cacheHit,
          });
          return {
            credentials: outcome.credentials,
            ...(result.region ? { region: result.region } : {}),
            ...parts,
            chained: result.source.chained,
            jsonResult: result,
          };
        },
      });
    });
}
