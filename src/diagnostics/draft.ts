// The diagnosis while it is being built: a catalogue entry copied into mutable form, then refined by the rules for
// its category. Only classify() turns it into the readonly Diagnosis.
import type { ExitCodeValue } from '../errors.js';
import type { CatalogueEntry } from './catalogue.js';
import { draftCauses, type CauseDraft } from './cause.js';
import type { ErrorFacts } from './facts.js';
import type { Category, DiagnosisContext } from './types.js';

/** Values for the {placeholders} in next steps, learnt from the context or the error text. */
export interface StepVars {
  profile?: string;
  role?: string;
  roleName?: string;
  region?: string;
  mfaSerial?: string;
}

export interface Draft {
  category: Category;
  exitCode: ExitCodeValue;
  code?: string;
  operation?: string;
  summary: string;
  message: string;
  causes: CauseDraft[];
  nextSteps: string[];
  docs?: string;
  readonly vars: StepVars;
}

export interface RefineInput {
  readonly draft: Draft;
  readonly facts: ErrorFacts;
  readonly context: DiagnosisContext;
  readonly entry: CatalogueEntry;
}

/** A category's rules: reads facts and context, adjusts the draft in place. */
export type Refiner = (input: RefineInput) => void;

export function startDraft(entry: CatalogueEntry, facts: ErrorFacts, context: DiagnosisContext, code: string | undefined): Draft {
  return {
    category: entry.category,
    exitCode: entry.exitCode,
    code,
    operation: facts.operation ?? context.operation,
    summary: entry.summary,
    message: facts.message,
    causes: draftCauses(entry.causes),
    nextSteps: [...entry.nextSteps],
    docs: entry.docs,
    vars: {
      profile: context.profile,
      role: context.roleArn,
      region: context.region,
      mfaSerial: context.mfaSerial,
    },
  };
}

/** Puts a step first unless an identical one is already there. */
export function prependStep(draft: Draft, step: string): void {
  if (!draft.nextSteps.includes(step)) draft.nextSteps.unshift(step);
}

export function appendStep(draft: Draft, step: string): void {
  if (!draft.nextSteps.includes(step)) draft.nextSteps.push(step);
}
