// stsctl session: commander options → runSession → the shared credential delivery.
import type { Command } from 'commander';
import type { Runtime } from '../runtime.js';
import { formatMfaMarker, mfaMarker } from '../session/mfa-session.js';
import { runSession } from '../session/run-session.js';
import { createTerminalMfaPrompt } from '../terminal/prompt-mfa.js';
import { addCredentialOutputOptions, credentialMarkerNames, credentialMarkers, formatSummaryLine, runCredentialCommand, type RawDeliveryOptions } from './credential-output.js';

interface SessionCommandOptions extends RawDeliveryOptions {
  readonly duration?: string;
  readonly mfaSerial?: string;
  readonly tokenCode?: string;
}

export const sessionExamples = `
GetSessionToken needs an IAM user's long-term access keys (AKIA…), from --profile, AWS_PROFILE or the environment.
With a role profile (role_arn + source_profile), the session is for the keys that profile starts from, with the MFA
device it names; "stsctl assume" then uses the cached MFA session for every role naming that device, without
asking for a code again.

Examples:
  $ eval "$(stsctl session --profile me)"                     # asks for the MFA code of mfa_serial on the terminal
  $ eval "$(stsctl session --profile me --token-code 123456)"
  $ stsctl session --profile admin --token-code 123456 && stsctl assume admin   # one MFA code for every role
  $ stsctl session --mfa-serial arn:aws:iam::123456789012:mfa/me --duration 36h --exec -- terraform apply
  $ eval "$(stsctl session --unset)"                          # back to where you were`;

export function registerSession(program: Command, runtime: Runtime, hooks: { readonly setExitCode: (code: number) => void }): void {
  const command = program
    .command('session')
    .description('get MFA-authenticated session credentials (GetSessionToken) from long-term keys, for eval, a dotenv file, credential_process or a command')
    .argument('[command...]', 'with --exec: the command to run, after --')
    .option('-d, --duration <duration>', 'session length: seconds or 15m, 1h, 36h (900–129600; default 12h; AWS caps root at 1h)')
    .option('--mfa-serial <serial>', 'MFA device ARN or serial (default mfa_serial of the profile, or of the profiles its source_profile chain names)')
    .option('--token-code <code>', 'the six-digit MFA code (default: asked on the terminal)');
  addCredentialOutputOptions(command, { console: false })
    .addHelpText('after', sessionExamples)
    .action(async (commandArgs: string[], options: SessionCommandOptions) => {
      await runCredentialCommand({
        options,
        commandArgs,
        runtime,
        context: {
          chain: false,
          consoleRefusal: {
            message: 'Credentials from GetSessionToken cannot sign in to the AWS console: the federation endpoint refuses them.',
            hints: [
              'Assume a role from the MFA session instead (no second MFA code): stsctl session --token-code 123456, then stsctl assume ROLE --console',
              'Or sign in as a federated user: stsctl federate NAME --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess --console',
            ],
          },
        },
        unsetMarkers: credentialMarkerNames,
        setExitCode: hooks.setExitCode,
        issue: async () => {
          const outcome = await runSession(
            {
              ...(options.duration !== undefined ? { duration: options.duration } : {}),
              ...(options.mfaSerial !== undefined ? { mfaSerial: options.mfaSerial } : {}),
              ...(options.tokenCode !== undefined ? { tokenCode: options.tokenCode } : {}),
              useCache: options.cache !== false,
            },
            runtime,
            { promptMfaCode: createTerminalMfaPrompt(runtime.deps.platform, 'stsctl session'), markers: credentialMarkers },
          );
          const { result, credentials } = outcome;
          const marker: Record<string, string> = result.mfaSerial ? { [mfaMarker]: formatMfaMarker(credentials.accessKeyId, result.mfaSerial) } : {};
          return {
            credentials,
            ...(result.region ? { region: result.region } : {}),
            marker,
            clear: credentialMarkerNames,
            summary: formatSummaryLine({
              verb: 'Session for',
              subject: result.source.description,
              qualifier: result.mfaSerial ? `with MFA ${result.mfaSerial}` : 'without MFA',
              expiration: credentials.expiration,
              cacheHit: outcome.cacheHit,
            }),
            execLabel: `session for ${result.source.description}`,
            jsonResult: result,
          };
        },
      });
    });
}
