// Fills the {placeholders} of catalogue next steps. Unknown values become SHOUTED placeholders so that a step is
// still a complete command a person can edit, never a half-empty one.
import type { StepVars } from './draft.js';

const FALLBACK: Readonly<Record<keyof StepVars, string>> = {
  profile: 'PROFILE',
  role: 'ROLE_ARN',
  roleName: 'ROLE_NAME',
  region: 'REGION',
  mfaSerial: 'arn:aws:iam::ACCOUNT_ID:mfa/DEVICE_NAME',
};

export function fillTemplate(text: string, vars: StepVars): string {
  return text.replace(/\{(profile|role|roleName|region|mfaSerial)\}/g, (_match, key: keyof StepVars) => vars[key] ?? FALLBACK[key]);
}
