// The marker variables stsctl's credential commands export next to the credentials, in a module of their own: the
// cached `assume` fast path needs the list too and must not load credential-output's commander and console code.
import { assumedRoleMarker } from '../assume/plan.js';
import { mfaMarker } from '../session/mfa-session.js';

/**
 * Every marker variable stsctl's credential commands export, with the command that exports it. Exports clear the
 * markers of the other commands, so no marker outlives the credentials it describes.
 */
export const credentialMarkers: Readonly<Record<string, string>> = { [assumedRoleMarker]: 'assume', [mfaMarker]: 'session' };
export const credentialMarkerNames: readonly string[] = Object.keys(credentialMarkers);
