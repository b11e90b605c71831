// MFA failures: tells apart a reused or stale code, a serial that is not an MFA device ARN, and a role that needs
// MFA when none was sent, from the message wording and the serial in the context.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';

export function refineMfa({ draft, facts, context, entry }: RefineInput): void {
  // Nothing was sent to AWS when stsctl could not ask for a code; the catalogue entry says all there is.
  if (entry.code === 'MfaCodeRequired') return;
  const text = facts.text;
  const serial = context.mfaSerial;
  if (/must provide both MFA serial number and one time pass code|MFA serial number and (?:token|one time pass) code are required/i.test(text)) {
    setCause(draft.causes, 'mfa-missing', 'high', 'AWS says both an MFA serial number and a code are required.');
    setCause(draft.causes, 'code-reused', 'low');
    draft.summary = 'The role requires MFA, but no MFA serial number and code were sent.';
  } else if (/unable to validate MFA code|verify your MFA serial number/i.test(text)) {
    setCause(draft.causes, 'serial-wrong', 'high', 'AWS could not match the code to the serial number given.');
    setCause(draft.causes, 'code-reused', 'medium');
    draft.summary = 'AWS could not validate the MFA code against the MFA serial number given.';
  } else if (/invalid MFA one time pass code/i.test(text)) {
    setCause(draft.causes, 'code-reused', 'high', 'AWS says the one-time code is invalid; a code works once and only for about 30 seconds.');
    draft.summary = 'The MFA one-time code was rejected (already used or expired).';
  }
  if (serial !== undefined) {
    if (/:user\//.test(serial)) {
      setCause(draft.causes, 'serial-wrong', 'high', `The serial ${serial} is a user ARN; MFA device ARNs contain ":mfa/".`);
      draft.vars.mfaSerial = serial.replace(':user/', ':mfa/');
    } else if (!/^arn:aws[\w-]*:iam::\d{12}:(?:mfa|u2f)\/|^[A-Z0-9]{6,}$/.test(serial)) {
      setCause(draft.causes, 'serial-wrong', 'high', `The serial ${serial} does not look like an MFA device ARN or hardware serial.`);
    } else {
      setCause(draft.causes, 'mfa-missing', 'low', `An MFA serial (${serial}) was sent.`);
    }
  } else {
    setCause(draft.causes, 'mfa-missing', draft.causes.find((c) => c.id === 'mfa-missing')?.likelihood ?? 'medium', 'No MFA serial was given to stsctl.');
  }
  if (context.clockOffsetMs !== undefined && Math.abs(context.clockOffsetMs) > 60_000) {
    setCause(draft.causes, 'device-drift', 'medium', `This computer's clock is ${Math.round(Math.abs(context.clockOffsetMs) / 1000)} s off; check the authenticator's clock too.`);
  }
}
