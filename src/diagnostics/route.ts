// Chooses the catalogue entry for the facts: the strongest error code the input names, else a well-known phrase,
// else the HTTP status. Then routes the specialised cases of generic codes to their own entry, because the same
// code means different things: AccessDenied with an MFA message is an MFA problem, SignatureDoesNotMatch with
// "Signature expired" is a clock problem, a network error to the metadata service means "no credentials".
import { catalogueEntry, findCatalogueEntry, type CatalogueEntry } from './catalogue.js';
import type { ErrorFacts } from './facts.js';
import { findPhraseSignal, mentionsMetadataHost } from './phrases.js';
import type { DiagnosisContext } from './types.js';

/** Beyond this offset the clock alone explains a rejected signature (AWS allows 5 to 15 minutes). */
export const CLOCK_SKEW_THRESHOLD_MS = 5 * 60 * 1000;

export interface Selection {
  readonly entry: CatalogueEntry;
  /** The code to report: as the input spelt it, or the AWS code a phrase stands for. */
  readonly code?: string;
}

const STATUS_FALLBACK: Readonly<Record<number, string>> = {
  429: 'Throttling',
  500: 'InternalFailure',
  502: 'ServiceUnavailable',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function selectEntry(facts: ErrorFacts): Selection {
  for (const code of facts.codes) {
    const entry = findCatalogueEntry(code);
    if (entry !== undefined) return { entry, code };
  }
  const phrase = findPhraseSignal(facts.text);
  if (phrase !== undefined) return { entry: catalogueEntry(phrase.signal.code), code: facts.codes[0] ?? phrase.signal.awsCode };
  const byStatus = facts.httpStatus === undefined ? undefined : STATUS_FALLBACK[facts.httpStatus];
  if (byStatus !== undefined) return { entry: catalogueEntry(byStatus), code: facts.codes[0] };
  return { entry: catalogueEntry('Unknown'), code: facts.codes[0] };
}

const MFA_PHRASE = /MultiFactorAuthentication failed|MFA one time pass code|unable to validate MFA code|invalid MFA (?:token|code)/i;
const FEDERATED = /AssumeRoleWith(?:WebIdentity|SAML)|Could not assume role with OIDC|web identity token/i;
const CLOCK_PHRASE = /Signature expired|Signature not yet current|too far in the (?:past|future)|RequestTimeTooSkewed/i;
const SSO_SIGNAL = /Session token not found or invalid|\bsso\b|GetRoleCredentials|portal\.sso/i;

function isFederatedCall(facts: ErrorFacts, context: DiagnosisContext): boolean {
  const operation = facts.operation ?? context.operation ?? '';
  return /^AssumeRoleWith(?:WebIdentity|SAML)$/.test(operation) || FEDERATED.test(facts.text);
}

export function routeEntry(selection: Selection, facts: ErrorFacts, context: DiagnosisContext): CatalogueEntry {
  const { entry } = selection;
  const offset = context.clockOffsetMs;
  switch (entry.code) {
    case 'AccessDenied':
      if (/^UnauthorizedException$/i.test(selection.code ?? '') && SSO_SIGNAL.test(`${facts.text} ${facts.operation ?? ''}`)) {
        return catalogueEntry('SsoTokenExpired');
      }
      if (MFA_PHRASE.test(facts.text)) return catalogueEntry('MultiFactorAuthenticationFailed');
      if (isFederatedCall(facts, context)) return catalogueEntry('WebIdentityAccessDenied');
      return entry;
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
      if (CLOCK_PHRASE.test(facts.text)) return catalogueEntry('SignatureExpired');
      if (offset !== undefined && Math.abs(offset) >= CLOCK_SKEW_THRESHOLD_MS) return catalogueEntry('SignatureExpired');
      return entry;
    case 'ExpiredToken':
      return isFederatedCall(facts, context) ? catalogueEntry('WebIdentityTokenExpired') : entry;
    default:
      break;
  }
  const metadataCall = facts.hostname !== undefined ? mentionsMetadataHost(facts.hostname) : mentionsMetadataHost(facts.text);
  if (entry.category === 'network' && metadataCall) return catalogueEntry('InstanceMetadataUnreachable');
  return entry;
}
