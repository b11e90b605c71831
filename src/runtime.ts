// What every command action gets: the deps, the global options as parsed, the output streams, and a place to
// record what is known so far (profile, account, region) so a failure can be printed beside it.
import type { Deps } from './deps.js';
import type { DiagnosisContext } from './diagnostics/types.js';
import type { Output } from './render/output.js';

export interface GlobalOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly json: boolean;
  readonly color: boolean;
  readonly debug: boolean;
  readonly maxAttempts?: number;
  readonly retryMode?: 'standard' | 'adaptive';
}

export interface Runtime {
  readonly deps: Deps;
  /** Global options; valid once commander has parsed the command line. */
  globals(): GlobalOptions;
  output(): Output;
  /** Merge facts learned along the way into the context a failure is diagnosed with. */
  remember(facts: DiagnosisContext): void;
  readonly failureContext: DiagnosisContext;
}
