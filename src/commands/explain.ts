// stsctl explain: paste an AWS error (one line or a whole stack trace, from any tool) and get the diagnosis. Offline
// by default: nothing is sent anywhere. `--live` adds who you are now (whoami of the active profile) and the clock
// offset measured from STS's Date header, which make the causes specific.
import type { Command } from 'commander';
import { checkLiveIdentity } from '../doctor/run-doctor.js';
import type { Diagnosis, DiagnosisContext } from '../diagnostics/types.js';
import { UsageError } from '../errors.js';
import { renderDiagnosisText } from '../render/diagnosis-text.js';
import type { Runtime } from '../runtime.js';

/** Pasted logs can be long, but a diagnosis never needs more than this. */
const maxInputBytes = 1024 * 1024;

export interface ExplainResult {
  readonly diagnosis: Diagnosis;
  /** With --live, when the live lookup itself failed: its one-line summary. */
  readonly liveError?: string;
}

export async function readAllText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxInputBytes) throw new UsageError(`The error text on stdin is larger than ${String(maxInputBytes / 1024)} KiB; paste the part with the error.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** TEXT words joined; `-` or no words with a piped stdin: read stdin. */
export async function readExplainInput(words: readonly string[], runtime: Runtime): Promise<string> {
  const fromStdin = (words.length === 1 && words[0] === '-') || (words.length === 0 && runtime.deps.stdin.isTTY !== true);
  const text = fromStdin ? await readAllText(runtime.deps.stdin) : words.join(' ');
  if (text.trim() === '') {
    throw new UsageError('Nothing to explain: give the error text as an argument, or pipe it in.', {
      hints: ["stsctl explain 'An error occurred (AccessDenied) when calling the AssumeRole operation: …'", 'terraform apply 2>&1 | stsctl explain -'],
    });
  }
  return text;
}

/** Live facts about the active profile, for a more specific diagnosis; a failure is reported, not fatal. */
async function liveContext(runtime: Runtime): Promise<{ readonly context: DiagnosisContext; readonly error?: string }> {
  const live = await checkLiveIdentity(runtime);
  const clock = live.clockOffsetMs !== undefined ? { clockOffsetMs: live.clockOffsetMs } : {};
  if ('diagnosis' in live) {
    const known = live.diagnosis.context;
    return {
      context: {
        ...(known.profile ? { profile: known.profile } : {}),
        ...(known.region ? { region: known.region } : {}),
        ...(known.endpoint ? { endpoint: known.endpoint } : {}),
        ...clock,
      },
      error: `${live.diagnosis.category}: ${live.diagnosis.summary}`,
    };
  }
  const { whoami } = live;
  return {
    context: {
      ...(whoami.profile ? { profile: whoami.profile.value } : {}),
      account: whoami.account,
      callerArn: whoami.arn,
      ...(whoami.region ? { region: whoami.region.value, regionOrigin: whoami.region.origin.detail } : {}),
      endpoint: whoami.endpoint.url,
      ...(whoami.accessKeyId ? { accessKeyId: whoami.accessKeyId } : {}),
      ...clock,
    },
  };
}

export async function runExplain(words: readonly string[], options: { readonly live?: boolean }, runtime: Runtime): Promise<ExplainResult> {
  const text = await readExplainInput(words, runtime);
  // Loaded here, not at start-up: every other command shares the start-up chunk.
  const { classify } = await import('../diagnostics/classify.js');
  if (!options.live) return { diagnosis: classify(text, {}) };
  const live = await liveContext(runtime);
  return { diagnosis: classify(text, live.context), ...(live.error ? { liveError: live.error } : {}) };
}

export function registerExplain(program: Command, runtime: Runtime): void {
  program
    .command('explain')
    .description('diagnose a pasted AWS error (any tool, one line or a stack trace): category, likely causes, next steps')
    .argument('[text...]', "the error text; '-' (or nothing, with input piped) reads it from stdin")
    .option('--live', 'add live context: whoami of the active profile (account, ARN, region) and the clock offset from STS')
    .addHelpText(
      'after',
      `
Offline unless --live: the text is not sent anywhere. The diagnosis is the result, so it goes to stdout
(--json: the Diagnosis document) and the exit code is 0 whenever a diagnosis was produced, whatever it says.
Exit 2 when there is no text.

Examples:
  $ stsctl explain 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired'
  $ terraform plan 2>&1 | stsctl explain
  $ pbpaste | stsctl explain - --live            # with your current account, region and clock offset
  $ stsctl explain --json "$(cat error.log)" | jq -r .category`,
    )
    .action(async (words: string[], options: { live?: boolean }) => {
      const result = await runExplain(words, options, runtime);
      const output = runtime.output();
      if (result.liveError) output.warn(`live context incomplete: ${result.liveError}`);
      if (output.json) output.resultJson(result.diagnosis);
      else output.result(renderDiagnosisText(result.diagnosis, { color: output.color }));
    });
}
