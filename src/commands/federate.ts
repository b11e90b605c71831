// stsctl federate NAME: commander options → runFederate → the shared credential delivery.
import type { Command } from 'commander';
import { runFederate } from '../federate/run-federate.js';
import type { Runtime } from '../runtime.js';
import { addCredentialOutputOptions, credentialMarkerNames, credentialMarkers, formatSummaryLine, runCredentialCommand, type RawDeliveryOptions } from './credential-output.js';

interface FederateCommandOptions extends RawDeliveryOptions {
  readonly duration?: string;
  readonly policy?: string;
  readonly policyArn: string[];
  readonly tag: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const federateExamples = `
GetFederationToken needs an IAM user's long-term access keys (AKIA…). The federated user NAME (2–32 letters, digits
and + = , . @ _ -) gets at most the IAM user's permissions, narrowed by the session policies: with none, it has no
permissions except what resource policies grant arn:aws:sts::ACCOUNT:federated-user/NAME.

Examples:
  $ eval "$(stsctl federate bob --profile me --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess)"
  $ stsctl federate bob --policy @s3-read.json --tag team=data --json | jq .packedPolicySize
  $ stsctl federate support --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess --console --destination /s3/home
  $ stsctl federate bob --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess --open   # the console in the browser`;

export function registerFederate(program: Command, runtime: Runtime, hooks: { readonly setExitCode: (code: number) => void }): void {
  const command = program
    .command('federate')
    .description('get credentials for a federated user (GetFederationToken) from an IAM user\'s keys, or a console sign-in link for it')
    .argument('[name]', 'the federated user\'s name, as AWS shows it in federated-user/NAME (not needed with --unset)')
    .argument('[command...]', 'with --exec: the command to run, after --')
    .option('-d, --duration <duration>', 'session length: seconds or 15m, 1h, 36h (900–129600; default 12h; AWS caps root at 1h)')
    .option('--policy <json|@file>', 'session policy: JSON text or @file (at most 2048 characters)')
    .option('--policy-arn <arn>', 'managed session policy ARN (repeatable)', collect, [])
    .option('--tag <key=value>', 'session tag (repeatable)', collect, []);
  addCredentialOutputOptions(command)
    .addHelpText('after', federateExamples)
    .action(async (name: string | undefined, commandArgs: string[], options: FederateCommandOptions) => {
      await runCredentialCommand({
        options,
        commandArgs,
        runtime,
        context: { chain: false },
        unsetMarkers: credentialMarkerNames,
        setExitCode: hooks.setExitCode,
        issue: async () => {
          const outcome = await runFederate(
            {
              name: name ?? '',
              ...(options.duration !== undefined ? { duration: options.duration } : {}),
              ...(options.policy !== undefined ? { policy: options.policy } : {}),
              policyArns: options.policyArn,
              tags: options.tag,
              useCache: options.cache !== false,
            },
            runtime,
            { markers: credentialMarkers },
          );
          const { result, credentials } = outcome;
          return {
            credentials,
            ...(result.region ? { region: result.region } : {}),
            marker: {},
            clear: credentialMarkerNames,
            summary: formatSummaryLine({ verb: 'Federated as', subject: result.federatedUser.arn, expiration: credentials.expiration, cacheHit: outcome.cacheHit }),
            execLabel: result.federatedUser.arn,
            jsonResult: result,
          };
        },
      });
    });
}
