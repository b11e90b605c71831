// Session durations: parsing `3600`, `15m`, `1h30m` and checking them against what each STS operation accepts, so a
// wrong value fails locally with the accepted range instead of as a ValidationError from AWS.
import { UsageError } from '../errors.js';
import { showValue } from './describe.js';

export interface DurationLimits {
  /** The STS operation, named in messages. */
  readonly operation: string;
  readonly min: number;
  readonly max: number;
  /** What STS uses when DurationSeconds is omitted. */
  readonly defaultSeconds: number;
  /** A lower maximum that applies when the caller uses the account's root credentials. */
  readonly rootMax?: number;
}

// AssumeRole's ceiling is 12 hours since 2018 (the 2017 API reference says 1 hour); the role's own
// MaxSessionDuration, 1 hour unless raised, is checked by AWS.
export const assumeRoleDuration: DurationLimits = { operation: 'AssumeRole', min: 900, max: 43_200, defaultSeconds: 3600 };
export const getSessionTokenDuration: DurationLimits = {
  operation: 'GetSessionToken',
  min: 900,
  max: 129_600,
  defaultSeconds: 43_200,
  rootMax: 3600,
};
export const getFederationTokenDuration: DurationLimits = {
  operation: 'GetFederationToken',
  min: 900,
  max: 129_600,
  defaultSeconds: 43_200,
  rootMax: 3600,
};
/** Role chaining (assuming a role with role credentials) is capped at one hour whatever the role allows. */
export const roleChainingMaxSeconds = 3600;

export interface ParseDurationOptions {
  readonly min: number;
  readonly max: number;
  /** The flag as typed, e.g. `--duration`. */
  readonly flag: string;
  /** The STS operation whose range this is; makes the message say who accepts the range. */
  readonly operation?: string;
  /** Why the range is narrower than usual, e.g. `when chaining roles` or `with root credentials`. */
  readonly qualifier?: string;
}

const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** `3600`, `90s`, `15m`, `1h`, `1h30m`, `1h0m30s` → seconds, range-checked. */
export function parseDuration(text: string, options: ParseDurationOptions): number {
  const trimmed = text.trim().toLowerCase();
  let seconds: number | undefined;
  if (/^\d+$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else {
    const match = units.exec(trimmed);
    if (match && trimmed !== '') {
      const [, h = '0', m = '0', s = '0'] = match;
      seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
    }
  }
  if (seconds === undefined) {
    throw new UsageError(
      `${options.flag} ${showValue(text)} is not a duration: give seconds (3600) or hours, minutes and seconds (1h, 15m, 1h30m, 90s)`,
      { code: 'InvalidDuration' },
    );
  }

  const given = /^\d+$/.test(trimmed) ? trimmed : `${trimmed} (${seconds} s)`;
  if (seconds < options.min || seconds > options.max) {
    const who = options.operation ?? 'it';
    const range = `${options.min}–${options.max} seconds (${formatDuration(options.min)}–${formatDuration(options.max)})`;
    const qualifier = options.qualifier ? ` ${options.qualifier}` : '';
    const tooLong = seconds > options.max;
    const hints =
      tooLong && options.operation === 'AssumeRole' && !options.qualifier
        ? ["the role's own maximum session duration (1h unless raised in IAM) may be lower still; AWS checks that one"]
        : [];
    throw new UsageError(`${options.flag} ${given} is too ${tooLong ? 'long' : 'short'}: ${who} accepts ${range}${qualifier}`, {
      code: 'DurationOutOfRange',
      hints,
      details: { seconds, min: options.min, max: options.max },
    });
  }
  return seconds;
}

/** 900 → `15m`, 5400 → `1h30m`, 129600 → `36h`, 90 → `1m30s`: the inverse of parseDuration's unit form. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole === 0) return '0s';
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
