// The one line every credential-issuing command (assume, session, federate) prints on stderr. No chalk and no
// commander here: the cached `assume` fast path prints it too, and must stay light.
import { formatLocalTime } from './local-time.js';

/**
 * `Assumed arn:…:role/Deploy as alice until 2026-11-21 22:41:07 +01:00 (cached)`; with a qualifier:
 * `Session for profile alice (AKIA…0001) with MFA arn:…:mfa/alice until … (fresh)`.
 */
export function formatSummaryLine(input: {
  readonly verb: string;
  readonly subject: string;
  readonly sessionName?: string;
  /** Said after the subject, e.g. `with MFA arn:aws:iam::111111111111:mfa/alice`. */
  readonly qualifier?: string;
  readonly expiration: Date;
  readonly cacheHit: boolean;
}): string {
  const as = input.sessionName ? ` as ${input.sessionName}` : '';
  const qualifier = input.qualifier ? ` ${input.qualifier}` : '';
  return `${input.verb} ${input.subject}${as}${qualifier} until ${formatLocalTime(input.expiration)} (${input.cacheHit ? 'cached' : 'fresh'})`;
}
