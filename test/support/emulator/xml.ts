// XML rendering for the Query protocol. Hand-written on purpose: the shapes are small and fixed, and a test bench
// must not depend on a library that could hide shape mistakes.
import type { StsError } from './sts-errors.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A tiny element tree: string/number leaves, nested objects for child elements, undefined members skipped. */
export interface XmlElements {
  readonly [name: string]: string | number | XmlElements | undefined;
}

/** Escapes text content. Quotes stay literal, as in AWS's own responses (validation messages quote values). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderElements(elements: XmlElements, indent = '    '): string {
  let out = '';
  for (const [name, value] of Object.entries(elements)) {
    if (value === undefined) continue;
    if (typeof value === 'object') {
      out += `${indent}<${name}>\n${renderElements(value, `${indent}  `)}${indent}</${name}>\n`;
    } else {
      out += `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
    }
  }
  return out;
}

export function renderStsResponse(action: string, result: XmlElements, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  <${action}Result>\n${renderElements(result)}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

export function renderStsError(error: StsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    `  <Error>\n    <Type>${error.type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n` +
    `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}

/** EC2 speaks its own error dialect: Response/Errors/Error and RequestID (capital D). */
export function renderEc2Error(code: string, message: string, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>\n`
  );
}
