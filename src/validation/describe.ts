// Shared wording for validation messages: how a value is shown, and how a character-set/length rule is checked and
// explained. Every message says what was given, what is wrong with it, and what is accepted, so the user can fix the
// input without looking anything up.
import { UsageError } from '../errors.js';

const plain = /^[\w+=,.@:/-]+$/;

/** Shows a value as the user would type it: bare when unambiguous, JSON-quoted otherwise, long ones shortened. */
export function showValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 60)}…` : value;
  const suffix = value.length > 80 ? ` (${value.length} characters)` : '';
  return (plain.test(shown) ? shown : JSON.stringify(shown)) + suffix;
}

/** `1 character`, `3 characters`. */
export function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/** Names the characters of `value` that `allowed` (a one-character test) rejects, each once, in order. */
export function describeBadCharacters(value: string, allowed: RegExp): string {
  const bad: string[] = [];
  for (const ch of value) {
    if (!allowed.test(ch) && !bad.includes(ch)) bad.push(ch);
  }
  return bad.map(nameCharacter).join(', ');
}

function nameCharacter(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '\n' || ch === '\r') return 'a line break';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0')}`;
  return JSON.stringify(ch);
}

export interface CharacterRule {
  /** What the value is, for the message: "session names". */
  readonly what: string;
  readonly min: number;
  readonly max: number;
  /** Tests one character. */
  readonly allowed: RegExp;
  /** The allowed characters in words: "letters, digits and + = , . @ _ -". */
  readonly alphabet: string;
  /** Set for values that must not be echoed (none of the current rules). */
  readonly secret?: boolean;
}

/** Checks length and alphabet; throws a UsageError that names the flag, the value and the rule. */
export function checkCharacters(value: string, flag: string, rule: CharacterRule, code = 'InvalidParameter'): string {
  const accepted = `${rule.what} are ${rule.min === rule.max ? rule.min : `${rule.min}–${rule.max}`} characters of ${rule.alphabet}`;
  const shown = rule.secret ? '' : ` ${showValue(value)}`;
  if (value.length < rule.min || value.length > rule.max) {
    const problem = value.length < rule.min ? 'too short' : 'too long';
    throw new UsageError(`${flag}${shown} is ${problem} (${characters(value.length)}): ${accepted}`, { code });
  }
  const bad = describeBadCharacters(value, rule.allowed);
  if (bad !== '') throw new UsageError(`${flag}${shown} contains ${bad}: ${accepted}`, { code });
  return value;
}
