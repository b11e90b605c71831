// Profile configuration: names the missing profile and the usual reasons it cannot be found.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';

export function parseProfileName(text: string): string | undefined {
  return (
    /config profile \(([^)]+)\) could not be found/i.exec(text)?.[1] ??
    /Profile [`'"]?([^\s`'"]+?)[`'"]? could not be found/i.exec(text)?.[1] ??
    /profile [`'"]([^`'"]+)[`'"] (?:does not exist|not found)/i.exec(text)?.[1]
  );
}

export function refineProfileConfig({ draft, facts, context }: RefineInput): void {
  const name = parseProfileName(facts.text) ?? context.profile;
  if (name === undefined) return;
  draft.vars.profile = name;
  if (draft.summary === 'The named profile is not defined in the AWS config or credentials file.') {
    draft.summary = `Profile "${name}" is not defined in the AWS config or credentials file.`;
  }
  setCause(draft.causes, 'header-style', 'medium', `In ~/.aws/config the section must read [profile ${name}]; [${name}] is only valid in ~/.aws/credentials.`);
}
