// The catalogue: one entry per error code stsctl knows, with the category, exit code, plain-words summary, base
// causes (ranked before any context is applied), next steps and a documentation link. Entries for codes AWS
// returns live in catalogue-aws.ts; stsctl's own names for client-side failures (no credentials, DNS…) live in
// catalogue-client.ts. Lookup accepts every spelling the SDKs use for the same code.
import type { ExitCodeValue } from '../errors.js';
import type { CauseTemplate } from './cause.js';
import type { Category } from './types.js';
import { awsErrorEntries } from './catalogue-aws.js';
import { clientErrorEntries } from './catalogue-client.js';

export interface CatalogueEntry {
  /** Canonical code (the AWS spelling for AWS errors). */
  readonly code: string;
  /** Other spellings: SDK exception names, Node error codes, botocore exception classes. */
  readonly aliases: readonly string[];
  readonly category: Category;
  readonly exitCode: ExitCodeValue;
  /** One line in plain words; refiners replace it when the context says more. */
  readonly summary: string;
  readonly causes: readonly CauseTemplate[];
  /**
   * Commands or statements in the order to try them. Placeholders {profile}, {role}, {roleName}, {region} and
   * {mfaSerial} are filled from the context (or left as obvious placeholders).
   */
  readonly nextSteps: readonly string[];
  readonly docs: string;
  /** True when AWS itself returns this code; false for stsctl's names of client-side failures. */
  readonly fromAws: boolean;
}

export const catalogue: readonly CatalogueEntry[] = [...awsErrorEntries, ...clientErrorEntries];

const byName = new Map<string, CatalogueEntry>();
for (const entry of catalogue) {
  for (const name of [entry.code, ...entry.aliases]) byName.set(name.toLowerCase(), entry);
}

/**
 * Finds the entry for a code as any SDK spells it: "AccessDenied", "AccessDeniedException",
 * "software.amazon.awssdk.services.sts.model.ExpiredTokenException", "botocore.exceptions.NoCredentialsError".
 */
export function findCatalogueEntry(code: string): CatalogueEntry | undefined {
  const simple = code.trim().replace(/^.*[.#:]/, '');
  if (simple === '') return undefined;
  return byName.get(simple.toLowerCase()) ?? byName.get(simple.replace(/Exception$/, '').toLowerCase());
}

/** The entry for a canonical code that is known to exist (a programming error otherwise). */
export function catalogueEntry(code: string): CatalogueEntry {
  const entry = findCatalogueEntry(code);
  if (entry === undefined) throw new Error(`no catalogue entry for ${code}`);
  return entry;
}

export function isKnownCode(code: string): boolean {
  return findCatalogueEntry(code) !== undefined;
}
