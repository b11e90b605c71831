// Working representation of causes while a diagnosis is refined: each carries an id so that a refiner can raise or
// lower a catalogue cause and attach the evidence that moved it, without rewriting its wording.
import type { Likelihood, ProbableCause } from './types.js';

export interface CauseDraft {
  readonly id: string;
  cause: string;
  likelihood: Likelihood;
  readonly evidence: string[];
}

export interface CauseTemplate {
  readonly id: string;
  readonly cause: string;
  readonly likelihood: Likelihood;
}

const RANK: Readonly<Record<Likelihood, number>> = { high: 0, medium: 1, low: 2 };

export function draftCauses(templates: readonly CauseTemplate[]): CauseDraft[] {
  return templates.map((t) => ({ id: t.id, cause: t.cause, likelihood: t.likelihood, evidence: [] }));
}

/** Sets a cause's likelihood (adding it when absent) and records why. */
export function setCause(
  causes: CauseDraft[],
  id: string,
  likelihood: Likelihood,
  evidence?: string,
  wording?: string,
): void {
  let found = causes.find((c) => c.id === id);
  if (found === undefined) {
    found = { id, cause: wording ?? id, likelihood, evidence: [] };
    causes.push(found);
  } else {
    found.likelihood = likelihood;
    if (wording !== undefined) found.cause = wording;
  }
  if (evidence !== undefined && !found.evidence.includes(evidence)) found.evidence.push(evidence);
}

export function addEvidence(causes: CauseDraft[], id: string, evidence: string): void {
  const found = causes.find((c) => c.id === id);
  if (found !== undefined && !found.evidence.includes(evidence)) found.evidence.push(evidence);
}

export function hasCause(causes: readonly CauseDraft[], id: string): boolean {
  return causes.some((c) => c.id === id);
}

/**
 * Most likely first. Among equals, a cause backed by evidence from this failure beats a catalogue default that has
 * none; remaining ties keep catalogue order, which is itself ordered by how often each cause occurs.
 */
export function rankCauses(causes: readonly CauseDraft[]): ProbableCause[] {
  const backed = (c: CauseDraft): number => (c.evidence.length > 0 ? 0 : 1);
  return causes
    .map((c, index) => ({ c, index }))
    .sort((a, b) => RANK[a.c.likelihood] - RANK[b.c.likelihood] || backed(a.c) - backed(b.c) || a.index - b.index)
    .map(({ c }) => ({ cause: c.cause, likelihood: c.likelihood, evidence: [...c.evidence] }));
}
