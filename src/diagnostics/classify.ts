// classify(error, context) → Diagnosis. Extracts facts from whatever was thrown or pasted, picks the catalogue
// entry for the most specific signal, routes generic codes to their specialised entries, then lets the rules of
// the resulting category make the causes and next steps specific to the context. Pure: no I/O, no printing.
import { parseArn } from './arn.js';
import { ExitCode, StsctlError, type ExitCodeValue } from '../errors.js';
import { redactSecrets } from '../text/mask.js';
import { catalogueEntry, findCatalogueEntry, type CatalogueEntry } from './catalogue.js';
import { rankCauses, setCause } from './cause.js';
import { startDraft, type Draft, type Refiner } from './draft.js';
import { extractFacts } from './extract-facts.js';
import type { ErrorFacts } from './facts.js';
import { refineAccessDenied } from './refine/access-denied.js';
import { refineClockSkew } from './refine/clock-skew.js';
import { refineDecodeAuthorization } from './refine/decode-authorization.js';
import { refineExpiredCredentials } from './refine/expired-credentials.js';
import { refineInvalidCredentials } from './refine/invalid-credentials.js';
import { refineMfa } from './refine/mfa.js';
import { refineNetwork } from './refine/network.js';
import { refineNoCredentials } from './refine/no-credentials.js';
import { refinePolicyDocument } from './refine/policy-document.js';
import { refineProfileConfig } from './refine/profile-config.js';
import { refineRegionDisabled } from './refine/region-disabled.js';
import { refineResourceNotFound } from './refine/resource-not-found.js';
import { refineSsoExpired } from './refine/sso-expired.js';
import { refineThrottling } from './refine/throttling.js';
import { refineValidation } from './refine/validation.js';
import { refineWebIdentity } from './refine/web-identity.js';
import { routeEntry, selectEntry } from './route.js';
import { fillTemplate } from './template.js';
import type { Category, Diagnosis, DiagnosisContext } from './types.js';

const refiners: Partial<Record<Category, Refiner>> = {
  'access-denied': refineAccessDenied,
  'invalid-credentials': refineInvalidCredentials,
  'expired-credentials': refineExpiredCredentials,
  'clock-skew': refineClockSkew,
  throttling: refineThrottling,
  'resource-not-found': refineResourceNotFound,
  validation: refineValidation,
  'region-disabled': refineRegionDisabled,
  mfa: refineMfa,
  'policy-document': refinePolicyDocument,
  'web-identity': refineWebIdentity,
  'no-credentials': refineNoCredentials,
  'sso-expired': refineSsoExpired,
  'profile-config': refineProfileConfig,
  network: refineNetwork,
};

function finalize(draft: Draft, context: DiagnosisContext): Diagnosis {
  const vars = { ...draft.vars };
  if (vars.roleName === undefined && vars.role !== undefined) vars.roleName = vars.role.split('/').pop();
  return {
    category: draft.category,
    code: draft.code,
    operation: draft.operation,
    summary: redactSecrets(fillTemplate(draft.summary, vars)),
    message: redactSecrets(draft.message),
    causes: rankCauses(draft.causes).map((c) => ({ ...c, evidence: c.evidence.map(redactSecrets) })),
    nextSteps: [...new Set(draft.nextSteps.map((step) => fillTemplate(step, vars)))],
    docs: draft.docs,
    exitCode: draft.exitCode,
    context,
  };
}

function diagnose(facts: ErrorFacts, context: DiagnosisContext): Draft {
  const selection = selectEntry(facts);
  const entry = routeEntry(selection, facts, context);
  // Report the code as the input spelt it, or the AWS code a specialised entry stands for.
  const code = selection.code ?? (entry.fromAws ? entry.code : undefined);
  const draft = startDraft(entry, facts, context, code);
  refiners[entry.category]?.({ draft, facts, context, entry });
  // Operation-specific advice for stsctl decode, after the category's rules (src/diagnostics/refine/decode-authorization.ts).
  refineDecodeAuthorization({ draft, facts, context, entry });
  return draft;
}

// ---- StsctlError ---------------------------------------------------------------------------------------------

interface StsctlLike {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly exitCode: ExitCodeValue;
  readonly hints: readonly string[];
  readonly cause?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

const STSCTL_NAMES = new Set(['StsctlError', 'UsageError', 'ConfigError', 'CredentialsError']);

function isStsctlLike(value: unknown): value is StsctlLike {
  if (value instanceof StsctlError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && STSCTL_NAMES.has(v['name']) && typeof v['code'] === 'string' && typeof v['exitCode'] === 'number';
}

/** The entry for a CredentialsError, from what its code says (MfaRequired, SsoSessionExpired, NoCredentials…). */
function credentialsEntry(code: string): CatalogueEntry {
  if (/mfa/i.test(code)) return catalogueEntry('MultiFactorAuthenticationFailed');
  if (/sso/i.test(code)) return catalogueEntry('SsoTokenExpired');
  if (/expired/i.test(code)) return catalogueEntry('ExpiredToken');
  if (/invalid/i.test(code)) return catalogueEntry('InvalidClientTokenId');
  if (/process/i.test(code)) return catalogueEntry('CredentialProcessFailed');
  return catalogueEntry('NoCredentials');
}

const BY_EXIT_CODE: Readonly<Record<number, string>> = {
  [ExitCode.usage]: 'UsageError',
  [ExitCode.config]: 'ConfigError',
  [ExitCode.credentials]: 'NoCredentials',
  [ExitCode.accessDenied]: 'AccessDenied',
  [ExitCode.throttled]: 'Throttling',
  [ExitCode.network]: 'EndpointUnreachable',
  [ExitCode.validation]: 'ValidationError',
};

function entryForStsctlError(error: StsctlLike): CatalogueEntry {
  const own = findCatalogueEntry(error.code);
  if (error.name === 'UsageError') return catalogueEntry('UsageError');
  if (error.name === 'ConfigError') return own?.category === 'profile-config' ? own : catalogueEntry('ConfigError');
  if (error.name === 'CredentialsError') return own !== undefined && own.exitCode === ExitCode.credentials ? own : credentialsEntry(error.code);
  return own ?? catalogueEntry(BY_EXIT_CODE[error.exitCode] ?? 'Unknown');
}

function classifyStsctlError(error: StsctlLike, context: DiagnosisContext): Diagnosis {
  const hints = error.hints.map((h) => h.trim()).filter((h) => h !== '');
  // A plain StsctlError that wraps an AWS failure is diagnosed from that failure; stsctl's hints come first.
  if (error.name === 'StsctlError' && error.cause !== undefined && error.cause !== null) {
    const inner = diagnose(extractFacts(error.cause), context);
    if (inner.category !== 'other') {
      inner.nextSteps = [...hints, ...inner.nextSteps];
      inner.exitCode = error.exitCode;
      return finalize(inner, context);
    }
  }
  const entry = entryForStsctlError(error);
  const facts: ErrorFacts = { ...extractFacts(error.message), codes: [error.code], message: error.message };
  const draft = startDraft(entry, facts, context, error.code);
  refiners[entry.category]?.({ draft, facts, context, entry });
  draft.exitCode = error.exitCode;
  draft.summary = error.message;
  // Facts stsctl gathered itself (where it looked, what it checked) back the most likely cause.
  const evidence = error.details?.['evidence'];
  const top = draft.causes.find((c) => c.likelihood === 'high') ?? draft.causes[0];
  if (Array.isArray(evidence) && top) top.evidence.push(...evidence.map(String));
  if (error.name === 'UsageError') {
    draft.causes = [];
    setCause(draft.causes, 'usage', 'high', `stsctl reported ${error.code}.`, error.message);
  }
  draft.nextSteps = [...hints, ...draft.nextSteps.filter((s) => !hints.includes(s))];
  return finalize(draft, context);
}

// ---- entry point ---------------------------------------------------------------------------------------------

/**
 * Diagnoses a failure: an error thrown by the AWS SDK or Node, a StsctlError, or error text printed by another
 * tool (AWS CLI, boto3, SDKs, Terraform, GitHub Actions). The context makes the causes specific.
 */
export function classify(input: unknown, context: DiagnosisContext = {}): Diagnosis {
  if (isStsctlLike(input)) return withCallerAccount(classifyStsctlError(input, context));
  return withCallerAccount(finalize(diagnose(extractFacts(input), context), context));
}

/** When the account in use is unknown, AWS's message often names the caller ("User: arn:aws:iam::ACCOUNT:…"). */
function withCallerAccount(diagnosis: Diagnosis): Diagnosis {
  if (diagnosis.context.account !== undefined) return diagnosis;
  const caller = /\bUser: (arn:aws[\w-]*:(?:iam|sts)::\d{12}:\S+)/.exec(diagnosis.message)?.[1];
  const account = caller === undefined ? undefined : parseArn(caller)?.account;
  return account === undefined ? diagnosis : { ...diagnosis, context: { ...diagnosis.context, account } };
}
