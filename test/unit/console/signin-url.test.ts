// Console sign-in: the flags checked before any call, the endpoint and destination per partition, the two URLs of
// the federation flow, the flow against a fake endpoint (the token never in an error), the browser opener, and how
// the shared delivery plans --console for every credential command.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDelivery } from '../../../src/commands/credential-output.js';
import { openerFor } from '../../../src/console/open-url.js';
import {
  createConsoleSignin,
  federationEndpointVariable,
  formatLoginUrl,
  formatSigninTokenRequest,
  planConsoleRequest,
  resolveConsoleTargets,
  type FetchLike,
} from '../../../src/console/signin-url.js';
import type { Deps } from '../../../src/deps.js';
import { StsctlError } from '../../../src/errors.js';
import type { GlobalOptions, Runtime } from '../../../src/runtime.js';
import { assertUsageError } from '../validation/assert-usage.js';

const credentials = {
  accessKeyId: 'ASIAEXAMPLE000000001',
  secretAccessKey: 'secret/EXAMPLE+key/0123456789abcdefghijk',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEtoken',
  expiration: new Date('2026-11-21T22:00:00Z'),
};
const now = new Date('2026-11-21T20:00:00Z');

describe('planConsoleRequest', () => {
  it('is undefined without --console or --open, and --open implies --console', () => {
    assert.equal(planConsoleRequest({}, {}), undefined);
    assert.deepEqual(planConsoleRequest({ console: true }, {}), { open: false });
    assert.deepEqual(planConsoleRequest({ open: true }, {}), { open: true });
  });

  it('reads --console-duration (900–43200), --destination and the endpoint (flag beats the environment)', () => {
    const env = { [federationEndpointVariable]: 'http://127.0.0.1:4599/federation' };
    assert.deepEqual(planConsoleRequest({ console: true, consoleDuration: '2h', destination: '/s3/home' }, env), {
      open: false,
      sessionDurationSeconds: 7200,
      destination: '/s3/home',
      endpoint: { url: 'http://127.0.0.1:4599/federation', origin: federationEndpointVariable },
    });
    const flag = planConsoleRequest({ console: true, federationEndpoint: 'https://signin.example/federation' }, env);
    assert.deepEqual(flag?.endpoint, { url: 'https://signin.example/federation', origin: '--federation-endpoint' });
  });

  it('refuses bad values and console options without --console (exit 2)', () => {
    assertUsageError(() => planConsoleRequest({ console: true, consoleDuration: '600' }, {}), '--console-duration 600 is too short', '900–43200');
    assertUsageError(() => planConsoleRequest({ console: true, consoleDuration: '13h' }, {}), 'too long');
    assertUsageError(() => planConsoleRequest({ console: true, destination: 'console' }, {}), '--destination console');
    assertUsageError(() => planConsoleRequest({ console: true, federationEndpoint: 'ftp://x/federation' }, {}), 'not an http(s) URL');
    assertUsageError(() => planConsoleRequest({ console: true }, { [federationEndpointVariable]: 'nonsense' }), federationEndpointVariable);
    assertUsageError(() => planConsoleRequest({ console: true, federationEndpoint: 'https://x/federation?Action=login' }, {}), 'query');
    assertUsageError(() => planConsoleRequest({ destination: '/s3/home', consoleDuration: '1h' }, {}), '--console-duration, --destination only apply');
  });
});

describe('resolveConsoleTargets', () => {
  it('uses the partition of the region for the endpoint and the console', () => {
    assert.deepEqual(resolveConsoleTargets({ open: false }, 'eu-west-1'), {
      endpoint: 'https://signin.aws.amazon.com/federation',
      destination: 'https://console.aws.amazon.com/console/home?region=eu-west-1',
    });
    assert.deepEqual(resolveConsoleTargets({ open: false, destination: '/s3/home' }, 'cn-north-1'), {
      endpoint: 'https://signin.amazonaws.cn/federation',
      destination: 'https://console.amazonaws.cn/s3/home?region=cn-north-1',
    });
    assert.equal(resolveConsoleTargets({ open: false }, 'us-gov-west-1').endpoint, 'https://signin.amazonaws-us-gov.com/federation');
    assert.equal(resolveConsoleTargets({ open: false, destination: 'https://example.com/x' }, undefined).destination, 'https://example.com/x');
    assert.equal(resolveConsoleTargets({ open: false, destination: '/ec2/home?region=us-west-2' }, 'eu-west-1').destination, 'https://console.aws.amazon.com/ec2/home?region=us-west-2');
  });

  it('needs both an endpoint and an absolute destination for partitions without a public console', () => {
    assertUsageError(() => resolveConsoleTargets({ open: false }, 'us-iso-east-1'), 'aws-iso');
    const endpoint = { url: 'https://signin.example/federation', origin: '--federation-endpoint' };
    assert.equal(resolveConsoleTargets({ open: false, endpoint, destination: 'https://console.example/' }, 'us-iso-east-1').endpoint, endpoint.url);
  });
});

describe('the federation URLs', () => {
  it('getSigninToken carries the credentials as the Session JSON, and SessionDuration when asked', () => {
    const url = new URL(formatSigninTokenRequest('https://signin.aws.amazon.com/federation', credentials, 3600));
    assert.equal(url.searchParams.get('Action'), 'getSigninToken');
    assert.equal(url.searchParams.get('SessionDuration'), '3600');
    assert.deepEqual(JSON.parse(url.searchParams.get('Session') ?? ''), {
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    });
    assert.equal(new URL(formatSigninTokenRequest('https://x/federation', credentials)).searchParams.has('SessionDuration'), false);
    assertUsageError(() => formatSigninTokenRequest('https://x/federation', { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }), 'temporary');
  });

  it('login carries the issuer, the destination and the token, all encoded', () => {
    const url = new URL(formatLoginUrl('https://signin.aws.amazon.com/federation', 'tok+en/=', 'https://console.aws.amazon.com/s3/home?region=eu-west-1'));
    assert.equal(url.searchParams.get('Action'), 'login');
    assert.equal(url.searchParams.get('Issuer'), 'stsctl');
    assert.equal(url.searchParams.get('Destination'), 'https://console.aws.amazon.com/s3/home?region=eu-west-1');
    assert.equal(url.searchParams.get('SigninToken'), 'tok+en/=');
  });
});

describe('createConsoleSignin', () => {
  const answer = (status: number, body: string): FetchLike => async () => ({ ok: status < 300, status, text: async () => body });

  it('trades the credentials for a sign-in token and builds the login URL', async () => {
    const seen: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push(url);
      assert.equal(init.redirect, 'error');
      return { ok: true, status: 200, text: async () => '{"SigninToken":"TOKEN123"}' };
    };
    const signin = await createConsoleSignin({ request: { open: false, sessionDurationSeconds: 1800 }, credentials, region: 'eu-west-1', chained: false, now, fetch });
    assert.equal(new URL(seen[0] ?? '').searchParams.get('SessionDuration'), '1800');
    assert.equal(new URL(signin.url).searchParams.get('SigninToken'), 'TOKEN123');
    assert.equal(signin.linkExpiresAt.toISOString(), '2026-11-21T20:15:00.000Z');
    assert.equal(signin.sessionDurationSeconds, 1800);
    assert.deepEqual(signin.warnings, []);
  });

  it('leaves SessionDuration out for role-chained credentials, with a warning', async () => {
    let requested = '';
    const fetch: FetchLike = async (url) => {
      requested = url;
      return { ok: true, status: 200, text: async () => '{"SigninToken":"T"}' };
    };
    const signin = await createConsoleSignin({ request: { open: false, sessionDurationSeconds: 1800 }, credentials, chained: true, now, fetch });
    assert.equal(new URL(requested).searchParams.has('SessionDuration'), false);
    assert.match(signin.warnings[0] ?? '', /role-chained/);
  });

  it('reports a refusal (exit 8) and an unreachable endpoint (exit 7) without the credentials in the message', async () => {
    const refused = await createConsoleSignin({ request: { open: false }, credentials, chained: false, now, fetch: answer(400, 'Credentials from GetSessionToken cannot be used to sign in to the console.\n') }).catch((e: unknown) => e);
    assert.ok(refused instanceof StsctlError);
    assert.equal(refused.exitCode, 8);
    assert.match(refused.message, /HTTP 400.*GetSessionToken cannot be used/);

    const unreachable = await createConsoleSignin({
      request: { open: false },
      credentials,
      chained: false,
      now,
      fetch: async (url) => {
        throw new TypeError(`fetch failed for ${url}`, { cause: { code: 'ECONNREFUSED' } });
      },
    }).catch((e: unknown) => e);
    assert.ok(unreachable instanceof StsctlError);
    assert.equal(unreachable.exitCode, 7);
    assert.match(unreachable.message, /ECONNREFUSED/);
    for (const error of [refused, unreachable]) {
      const text = JSON.stringify({ message: error.message, hints: error.hints, cause: String(error.cause) });
      assert.ok(!text.includes(credentials.secretAccessKey) && !text.includes(credentials.sessionToken), text);
    }

    const noToken = await createConsoleSignin({ request: { open: false }, credentials, chained: false, now, fetch: answer(200, '<html></html>') }).catch((e: unknown) => e);
    assert.ok(noToken instanceof StsctlError && noToken.code === 'SigninTokenMissing');
  });
});

describe('openerFor', () => {
  it('prefers $BROWSER, then the platform opener; the URL is one argument, never shell text', () => {
    const url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x';
    assert.deepEqual(openerFor(url, { env: { BROWSER: 'firefox:chromium' }, platform: 'linux' }), { command: 'firefox', args: [url] });
    assert.deepEqual(openerFor(url, { env: {}, platform: 'linux' }), { command: 'xdg-open', args: [url] });
    assert.deepEqual(openerFor(url, { env: {}, platform: 'darwin' }), { command: 'open', args: [url] });
    const windows = openerFor(url, { env: {}, platform: 'win32' });
    assert.equal(windows.command, 'cmd');
    assert.equal(windows.args.at(-1), `start "" "${url}"`);
  });
});

describe('planDelivery with console options', () => {
  function runtimeWith(env: Record<string, string> = {}, globals: Partial<GlobalOptions> = {}): Runtime {
    return {
      deps: { env, platform: 'linux', stdin: { isTTY: false } } as unknown as Deps,
      globals: () => ({ json: false, color: false, debug: false, ...globals }),
      output: () => {
        throw new Error('not used');
      },
      remember: () => undefined,
      failureContext: {},
    };
  }

  it('plans a console delivery, with --json when asked', () => {
    assert.deepEqual(planDelivery({ console: true }, [], runtimeWith(), { chain: false }), { kind: 'console', console: { open: false }, json: false });
    assert.deepEqual(planDelivery({ open: true }, [], runtimeWith({}, { json: true }), { chain: false }), { kind: 'console', console: { open: true }, json: true });
  });

  it('refuses --console with --exec, --unset or --format, and where the command cannot sign in (exit 2)', () => {
    assertUsageError(() => planDelivery({ console: true, exec: true }, ['ls'], runtimeWith(), { chain: false }), '--console and --exec');
    assertUsageError(() => planDelivery({ open: true, unset: true }, [], runtimeWith(), { chain: false }), '--open and --unset');
    assertUsageError(() => planDelivery({ console: true, format: 'sh' }, [], runtimeWith(), { chain: false }), '--console and --format');
    const refusal = { message: 'Credentials from GetSessionToken cannot sign in to the AWS console.', hints: ['assume a role'] };
    const error = assertUsageError(() => planDelivery({ destination: '/s3/home' }, [], runtimeWith(), { chain: false, consoleRefusal: refusal }), 'GetSessionToken');
    assert.deepEqual(error.hints, ['assume a role']);
    assert.deepEqual(planDelivery({}, [], runtimeWith(), { chain: false, consoleRefusal: refusal }), { kind: 'exports', format: 'sh' });
  });
});
