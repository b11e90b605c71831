// Parse the DecodedMessage document DecodeAuthorizationMessage returns into a typed object. AWS has sent it in more
// than one shape over the years: booleans as true or as "true", lists as {"items": [...]}, as plain arrays, or as ""
// when empty, values as {"value": "x"} or bare strings, condition entries wrapped in {"item": {...}}. Everything is
// normalised here so the renderers and `--json | jq` users see one shape.
import { ExitCode, StsctlError } from '../errors.js';

export type Verdict = 'allowed' | 'explicit-deny' | 'implicit-deny';

export interface DecodedPrincipal {
  /** Unique id: AIDA… for users, AROA…:session for role sessions. */
  readonly id?: string;
  readonly name?: string;
  readonly arn?: string;
}

export interface ConditionEntry {
  readonly key: string;
  readonly values: readonly string[];
}

/** The policy a matched statement came from, when the message says. */
export interface StatementPolicy {
  readonly name?: string;
  readonly arn?: string;
  readonly type?: string;
  readonly id?: string;
}

export interface MatchedStatement {
  readonly statementId?: string;
  /** 'Allow' or 'Deny' as written in policies (AWS sends ALLOW/DENY). */
  readonly effect?: string;
  readonly principals: readonly string[];
  readonly principalGroups: readonly string[];
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly conditions: readonly ConditionEntry[];
  readonly policy?: StatementPolicy;
}

export interface DecodedAuthorization {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly verdict: Verdict;
  readonly context: {
    readonly principal: DecodedPrincipal;
    readonly action?: string;
    readonly resource?: string;
    readonly conditions: readonly ConditionEntry[];
  };
  readonly matchedStatements: readonly MatchedStatement[];
  readonly failures: readonly string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** true, "true", "TRUE" → true; false, "false", "", missing → false. */
export function parseBoolean(value: Json | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return false;
}

function text(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The elements of a list in any of AWS's spellings. */
function elements(value: Json | undefined): Json[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isObject(value)) {
    if (Array.isArray(value['items'])) return value['items'];
    if ('item' in value) return elements(value['item']);
    if (isObject(value['items'])) return [value['items']];
  }
  return [value];
}

function unwrapItem(value: Json): Json {
  return isObject(value) && isObject(value['item']) && Object.keys(value).length === 1 ? value['item'] : value;
}

/** A list of strings: ["a"], {"items": [{"value": "a"}]}, "a". */
function strings(value: Json | undefined): string[] {
  return elements(value).flatMap((element): string[] => {
    const item = unwrapItem(element);
    const plain = text(item);
    if (plain !== undefined) return [plain];
    if (isObject(item) && 'value' in item) return strings(item['value']);
    if (isObject(item) && 'values' in item) return strings(item['values']);
    return item === null ? [] : [JSON.stringify(item)];
  });
}

function conditions(value: Json | undefined): ConditionEntry[] {
  return elements(value).flatMap((element): ConditionEntry[] => {
    const item = unwrapItem(element);
    if (!isObject(item)) return [];
    const key = text(item['key']);
    if (key === undefined) return [];
    return [{ key, values: strings(item['values'] ?? item['value']) }];
  });
}

function effectWord(value: Json | undefined): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  return raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase();
}

function statementPolicy(statement: JsonObject): StatementPolicy | undefined {
  const nested = statement['policy'] ?? statement['sourcePolicy'];
  const from = isObject(nested) ? nested : {};
  const policy: Record<string, string> = {};
  const pick = (target: keyof StatementPolicy, ...candidates: (Json | undefined)[]): void => {
    for (const candidate of candidates) {
      const value = text(candidate);
      if (value !== undefined) {
        policy[target] = value;
        return;
      }
    }
  };
  const bare = text(nested);
  pick('arn', from['arn'], from['policyArn'], statement['policyArn'], statement['sourcePolicyArn'], bare?.startsWith('arn:') ? bare : undefined);
  pick('name', from['name'], from['policyName'], statement['policyName'], statement['sourcePolicyName'], bare?.startsWith('arn:') ? undefined : bare);
  pick('type', from['type'], from['policyType'], statement['policyType'], statement['sourcePolicyType'], statement['source']);
  pick('id', from['id'], from['policyId'], statement['policyId'], statement['sourcePolicyId']);
  return Object.keys(policy).length > 0 ? policy : undefined;
}

function matchedStatement(element: Json): MatchedStatement[] {
  const statement = unwrapItem(element);
  if (!isObject(statement)) return [];
  const statementId = text(statement['statementId'] ?? statement['sid'] ?? statement['Sid']);
  const effect = effectWord(statement['effect'] ?? statement['Effect']);
  const policy = statementPolicy(statement);
  return [
    {
      ...(statementId !== undefined ? { statementId } : {}),
      ...(effect !== undefined ? { effect } : {}),
      principals: strings(statement['principals']),
      principalGroups: strings(statement['principalGroups']),
      actions: strings(statement['actions']),
      notActions: strings(statement['notActions']),
      resources: strings(statement['resources']),
      notResources: strings(statement['notResources']),
      conditions: conditions(statement['conditions']),
      ...(policy ? { policy } : {}),
    },
  ];
}

export function verdictOf(allowed: boolean, explicitDeny: boolean): Verdict {
  if (allowed) return 'allowed';
  return explicitDeny ? 'explicit-deny' : 'implicit-deny';
}

/** The document as JSON, or a StsctlError carrying the text when it is not JSON at all. */
export function readDecodedDocument(decodedMessage: string): JsonObject {
  let document: Json;
  try {
    document = JSON.parse(decodedMessage) as Json;
  } catch (cause) {
    throw new StsctlError('UnreadableDecodedMessage', ExitCode.internal, 'AWS decoded the message, but the result is not the JSON document stsctl expects.', {
      cause,
      hints: [`The decoded text, as AWS returned it: ${decodedMessage}`],
      details: { decodedMessage },
    });
  }
  if (!isObject(document)) {
    throw new StsctlError('UnreadableDecodedMessage', ExitCode.internal, 'AWS decoded the message, but the result is not a JSON object.', {
      hints: [`The decoded text, as AWS returned it: ${decodedMessage}`],
      details: { decodedMessage },
    });
  }
  return document;
}

/** Parses DecodedMessage (a JSON string) into one normalised shape. */
export function parseDecodedMessage(decodedMessage: string): DecodedAuthorization {
  return normaliseDecodedDocument(readDecodedDocument(decodedMessage));
}

export function normaliseDecodedDocument(document: JsonObject): DecodedAuthorization {
  const context = isObject(document['context']) ? document['context'] : {};
  const principal = isObject(context['principal']) ? context['principal'] : {};
  const allowed = parseBoolean(document['allowed']);
  // An explicit deny always wins; a message saying both is read as denied.
  const explicitDeny = parseBoolean(document['explicitDeny']);
  const id = text(principal['id']);
  const name = text(principal['name']);
  const arn = text(principal['arn']);
  const action = text(context['action']);
  const resource = text(context['resource']);
  return {
    allowed: allowed && !explicitDeny,
    explicitDeny,
    verdict: verdictOf(allowed && !explicitDeny, explicitDeny),
    context: {
      principal: { ...(id !== undefined ? { id } : {}), ...(name !== undefined ? { name } : {}), ...(arn !== undefined ? { arn } : {}) },
      ...(action !== undefined ? { action } : {}),
      ...(resource !== undefined ? { resource } : {}),
      conditions: conditions(context['conditions']),
    },
    matchedStatements: elements(document['matchedStatements']).flatMap(matchedStatement),
    failures: strings(document['failures']),
  };
}
