// Typed failures. Every error stsctl raises on purpose is a StsctlError carrying its exit code and the hints a
// person needs; anything else reaching the entry point is a bug (exit 1).

/** Exit codes are a contract with scripts: see README "Exit codes". */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  credentials: 4,
  accessDenied: 5,
  throttled: 6,
  network: 7,
  validation: 8,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface StsctlErrorOptions {
  readonly hints?: readonly string[];
  readonly cause?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class StsctlError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hints: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, exitCode: ExitCodeValue, message: string, options: StsctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StsctlError';
    this.code = code;
    this.exitCode = exitCode;
    this.hints = options.hints ?? [];
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, exitCode: this.exitCode, hints: this.hints, ...this.details };
  }
}

/** Bad input caught before any network call (exit 2). */
export class UsageError extends StsctlError {
  constructor(message: string, options: StsctlErrorOptions & { readonly code?: string } = {}) {
    super(options.code ?? 'UsageError', ExitCode.usage, message, options);
    this.name = 'UsageError';
  }
}

/** Broken configuration: unknown profile, cyclic chain, unreadable file (exit 3). */
export class ConfigError extends StsctlError {
  constructor(code: string, message: string, options: StsctlErrorOptions = {}) {
    super(code, ExitCode.config, message, options);
    this.name = 'ConfigError';
  }
}

/** No usable credentials: none found, expired, SSO session gone, MFA unavailable (exit 4). */
export class CredentialsError extends StsctlError {
  constructor(code: string, message: string, options: StsctlErrorOptions = {}) {
    super(code, ExitCode.credentials, message, options);
    this.name = 'CredentialsError';
  }
}

export function isStsctlError(value: unknown): value is StsctlError {
  return value instanceof StsctlError;
}
