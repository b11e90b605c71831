// Shared helpers for the emulator's own tests: SDK clients pointed at the emulator and raw signed requests for
// cases the SDK would never produce (wrong secrets, skewed clocks, missing tokens).
import { STSClient } from '@aws-sdk/client-sts';
import type { DemoPrincipal } from '../../support/emulator/demo.js';
import type { Emulator } from '../../support/emulator/server.js';
import { signRequest } from '../../support/emulator/sigv4.js';

// The SDK warns about Node 20 when a client is created; the tests' output should stay clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export function credentialsOf(principal: DemoPrincipal): TestCredentials {
  return { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey };
}

/** An SDK client without retries, so each test sees exactly the emulator's first answer. */
export function createStsClient(emulator: Emulator, credentials: TestCredentials, region = 'us-east-1'): STSClient {
  return new STSClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
}

export interface RawAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Headers;
}

export interface RawCallOptions {
  readonly time?: number;
  readonly region?: string;
  readonly service?: string;
  readonly path?: string;
  readonly method?: 'GET' | 'POST';
}

/** Signs and sends a Query request by hand. */
export async function callSigned(
  emulator: Emulator,
  params: Readonly<Record<string, string>>,
  credentials: TestCredentials,
  options: RawCallOptions = {},
): Promise<RawAnswer> {
  const signed = signRequest({
    url: `${emulator.url}${options.path ?? '/'}`,
    params: { Version: '2011-06-15', ...params },
    credentials,
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.service === undefined ? {} : { service: options.service }),
    time: options.time ?? emulator.now(),
  });
  const response = await fetch(signed.url, {
    method: signed.method,
    headers: signed.headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Text of the first <Tag>…</Tag> in an XML body. */
export function readXmlTag(xml: string, tag: string): string | undefined {
  const raw = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
  return raw?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Error name, message and HTTP status of an SDK rejection. */
export async function captureSdkError(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, ...(e.$metadata?.httpStatusCode === undefined ? {} : { status: e.$metadata.httpStatusCode }) };
  }
  throw new Error('expected the call to fail');
}
