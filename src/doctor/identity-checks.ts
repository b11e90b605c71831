// Live checks built on one GetCallerIdentity: the credentials work, how long they last, and how far this machine's
// clock is from AWS's. The offset comes from the Date header of STS's responses, measured by the SDK adapter on
// every attempt: the SDK corrects a skewed clock by itself and retries, so a successful call proves nothing about
// the clock, and other tools (the AWS CLI, Terraform, curl with SigV4) do not all correct it.
import type { WhoamiResult } from '../commands/whoami.js';
import type { Diagnosis } from '../diagnostics/types.js';
import { ExitCode } from '../errors.js';
import { formatRemaining } from '../render/chain-text.js';
import { fail, pass, skip, warn, type DoctorCheck } from './check.js';

export const expiryWarningMs = 15 * 60_000;
export const clockWarnMs = 60_000;
export const clockFailMs = 5 * 60_000;

export function checkCredentials(outcome: { readonly whoami: WhoamiResult } | { readonly diagnosis: Diagnosis }): DoctorCheck {
  if ('diagnosis' in outcome) {
    const { diagnosis } = outcome;
    return fail('credentials', `GetCallerIdentity failed: ${diagnosis.summary}`, diagnosis.exitCode, {
      details: diagnosis.causes.slice(0, 3).map((cause) => `${cause.likelihood} likelihood: ${cause.cause}`),
      fix: diagnosis.nextSteps,
      diagnosis,
    });
  }
  const { whoami } = outcome;
  return pass('credentials', `${whoami.principal.description} in account ${whoami.account}.`, { details: [whoami.arn] });
}

export function checkExpiry(whoami: WhoamiResult | undefined): DoctorCheck {
  if (!whoami) return skip('expiry', 'Skipped: no working credentials to look at.');
  if (whoami.expiresInSeconds === undefined || !whoami.expiration) {
    return pass('expiry', whoami.temporary ? 'Temporary credentials without a known expiry.' : 'Long-term access keys: they do not expire (rotate them regularly).');
  }
  const remainingMs = whoami.expiresInSeconds * 1000;
  const when = `${whoami.expiration} (${formatRemaining(remainingMs)})`;
  if (remainingMs <= 0) {
    return fail('expiry', `The credentials expired: ${when}.`, ExitCode.credentials, { fix: ['Get new credentials: stsctl assume, aws sso login, or refresh the environment.'] });
  }
  if (remainingMs < expiryWarningMs) {
    return warn('expiry', `The credentials expire soon: ${when}.`, { fix: ['Refresh them before a long-running command starts.'] });
  }
  return pass('expiry', `The credentials expire ${formatRemaining(remainingMs)} (${whoami.expiration}).`);
}

function clockFix(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Sync the clock: sudo sntp -sS time.apple.com (or System Settings → General → Date & Time → Set automatically).';
  if (platform === 'win32') return 'Sync the clock: w32tm /resync (as administrator), or Settings → Time & language → Sync now.';
  return 'Sync the clock: sudo timedatectl set-ntp true (or sudo chronyc makestep).';
}

/** offsetMs: local clock minus AWS's (positive: this machine is ahead). */
export function checkClock(offsetMs: number | undefined, platform: NodeJS.Platform): DoctorCheck {
  if (offsetMs === undefined) return skip('clock', 'Skipped: no response from STS carried a Date header.');
  const minutes = Math.abs(offsetMs) / 60_000;
  const direction = offsetMs > 0 ? 'ahead of' : 'behind';
  const measured = Math.abs(offsetMs) < 1000
    ? 'This machine\'s clock agrees with AWS\'s (within a second, from the Date header of STS\'s response).'
    : `This machine's clock is ${minutes >= 1 ? `${minutes.toFixed(1)} minutes` : `${String(Math.round(Math.abs(offsetMs) / 1000))} s`} ${direction} AWS's (Date header of STS's response).`;
  const consequence = 'AWS rejects signatures more than 5 minutes off ("Signature expired"); the AWS SDK for JavaScript corrects for it and retries, many other tools do not.';
  if (Math.abs(offsetMs) > clockFailMs) return fail('clock', measured, ExitCode.credentials, { details: [consequence], fix: [clockFix(platform)] });
  if (Math.abs(offsetMs) > clockWarnMs) return warn('clock', measured, { details: [consequence], fix: [clockFix(platform)] });
  return pass('clock', measured);
}
