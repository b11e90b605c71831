// Turns whatever was thrown or pasted into ErrorFacts: SDK for JavaScript v3 service exceptions (name = code,
// $metadata, $fault, $response), credential-provider errors, Node system errors (code = ECONNREFUSED…, possibly
// nested in `cause` or an AggregateError's `errors`), plain objects, and text printed by other tools.
import { isKnownCode } from './catalogue.js';
import type { ErrorFacts } from './facts.js';
import { parseErrorText } from './parse-error-text.js';
import { findPhraseSignal } from './phrases.js';

const MAX_DEPTH = 6;

type Bag = Readonly<Record<string, unknown>>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

function stringField(bag: Bag, key: string): string | undefined {
  const value = bag[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberField(bag: Bag | undefined, key: string): number | undefined {
  const value = bag?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The error itself, then its causes (`cause`, AggregateError `errors`, v2 `originalError`), outermost first. */
function flattenChain(input: unknown): Bag[] {
  const nodes: Bag[] = [];
  const queue: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 0 }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined || !isBag(next.value) || nodes.includes(next.value) || next.depth > MAX_DEPTH) continue;
    const node = next.value;
    nodes.push(node);
    queue.push({ value: node['cause'], depth: next.depth + 1 });
    queue.push({ value: node['originalError'], depth: next.depth + 1 });
    const errors = node['errors'];
    if (Array.isArray(errors)) for (const inner of errors) queue.push({ value: inner, depth: next.depth + 1 });
  }
  return nodes;
}

/** Code-like fields of one node, most specific first: an explicit Code beats the class name. */
function codesOf(node: Bag): string[] {
  const codes: string[] = [];
  for (const key of ['Code', '__type', 'name', 'code', 'errno']) {
    const value = stringField(node, key);
    if (value !== undefined && value !== 'Error') codes.push(value.replace(/^.*#/, ''));
  }
  return codes;
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/** "Error: CredentialsProviderError: The SSO session…" → "The SSO session…". */
function stripErrorPrefixes(line: string): string {
  return line
    .replace(/^(?:[-*>│|`'"\s]*(?:\w+(?:Error|Exception)|Error|ERROR|error|Fatal error|fatal error):\s+)+/, '')
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .trim();
}

function factsFromText(text: string): ErrorFacts {
  const parsed = parseErrorText(text);
  const phrase = parsed.codes.some(isKnownCode) ? undefined : findPhraseSignal(text);
  return {
    codes: parsed.codes,
    operation: parsed.operation,
    message: parsed.message ?? stripErrorPrefixes(phrase?.line ?? firstLine(text)),
    text,
    httpStatus: parsed.httpStatus,
    attempts: parsed.attempts,
    hostname: parsed.hostname,
    source: parsed.source,
  };
}

function factsFromObject(input: Bag): ErrorFacts {
  const nodes = flattenChain(input);
  const texts: string[] = [];
  const structured: string[] = [];
  let httpStatus: number | undefined;
  let attempts: number | undefined;
  let fault: 'client' | 'server' | undefined;
  let hostname: string | undefined;
  for (const node of nodes) {
    structured.push(...codesOf(node));
    const name = stringField(node, 'name');
    const message = stringField(node, 'message');
    if (message !== undefined) texts.push(name !== undefined && name !== 'Error' ? `${name}: ${message}` : message);
    const metadata = isBag(node['$metadata']) ? node['$metadata'] : undefined;
    const response = isBag(node['$response']) ? node['$response'] : undefined;
    httpStatus ??= numberField(metadata, 'httpStatusCode') ?? numberField(node, 'statusCode') ?? numberField(response, 'statusCode');
    attempts ??= numberField(metadata, 'attempts');
    const nodeFault = node['$fault'];
    if (fault === undefined && (nodeFault === 'client' || nodeFault === 'server')) fault = nodeFault;
    hostname ??= stringField(node, 'hostname') ?? stringField(node, 'host') ?? stringField(node, 'address');
    const body = response === undefined ? undefined : response['body'];
    if (typeof body === 'string') texts.push(body);
  }
  const text = texts.join('\n');
  const parsed = parseErrorText(text);
  // Structured fields are authoritative; codes found in the message text come after them.
  const all = [...new Set([...structured, ...parsed.codes])];
  const codes = [...all.filter(isKnownCode), ...all.filter((c) => !isKnownCode(c))];
  const topMessage = stringField(input, 'message');
  const message =
    topMessage !== undefined && !topMessage.includes('\n') ? topMessage : (parsed.message ?? firstLine(text));
  return {
    codes,
    operation: parsed.operation,
    message,
    text,
    httpStatus: httpStatus ?? parsed.httpStatus,
    attempts: attempts ?? parsed.attempts,
    fault,
    hostname: hostname ?? parsed.hostname,
    source: stringField(input, '$fault') !== undefined || isBag(input['$metadata']) ? 'sdk-js-v3' : parsed.source === 'unknown' ? 'node' : parsed.source,
  };
}

export function extractFacts(input: unknown): ErrorFacts {
  if (typeof input === 'string') return factsFromText(input);
  if (isBag(input)) return factsFromObject(input);
  const text = input === undefined || input === null ? '' : String(input);
  return { codes: [], message: text, text, source: 'unknown' };
}
