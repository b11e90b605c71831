// The normalised facts about one failure, whatever shape it arrived in (SDK error object, Node system error,
// StsctlError, or text another tool printed). Everything downstream of extraction works on this shape only.

/** Which program printed the error, when the text says so; used for tool-specific advice. */
export type ErrorSource =
  | 'aws-cli'
  | 'botocore'
  | 'sdk-js-v2'
  | 'sdk-js-v3'
  | 'sdk-go'
  | 'sdk-go-v2'
  | 'sdk-java'
  | 'sdk-dotnet'
  | 'sdk-php'
  | 'sdk-ruby'
  | 'terraform'
  | 'github-actions'
  | 'node'
  | 'unknown';

export interface ErrorFacts {
  /** Error codes and exception names the input carries, strongest first (AWS codes before wrapper names). */
  readonly codes: readonly string[];
  readonly operation?: string;
  /** The error's own message: one logical message, not the whole trace. */
  readonly message: string;
  /** All text known about the failure, searched for phrases. */
  readonly text: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly fault?: 'client' | 'server';
  /** Host the failing request went to, when known (endpoint or metadata service). */
  readonly hostname?: string;
  readonly source: ErrorSource;
}
