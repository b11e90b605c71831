// Authentication as STS does it: signature, request time window, session tokens and their expiry, and the
// response envelope (headers, XML shapes) every answer carries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { callSigned, captureSdkError, createStsClient, credentialsOf, readXmlTag } from './fixtures.js';

const FIXED_NOW = Date.UTC(2026, 10, 21, 10, 30, 0);
const MINUTE = 60_000;

describe('SigV4 authentication', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ now: () => FIXED_NOW });
  });
  after(async () => {
    await emulator.close();
  });

  it('accepts a hand-signed POST and a signed GET, with AWS headers and XML shape', async () => {
    const post = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.alice));
    assert.equal(post.status, 200);
    assert.match(post.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(post.headers.get('date'), 'Sat, 21 Nov 2026 10:30:00 GMT');
    assert.equal(post.headers.get('content-type'), 'text/xml');
    assert.match(post.body, /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<GetCallerIdentityResult>/);
    assert.equal(readXmlTag(post.body, 'RequestId'), post.headers.get('x-amzn-requestid'));
    assert.equal(readXmlTag(post.body, 'Arn'), demo.alice.arn);

    const get = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.bob), { method: 'GET' });
    assert.equal(get.status, 200);
    assert.equal(readXmlTag(get.body, 'Arn'), demo.bob.arn);
  });

  it('refuses a request signed 20 minutes ago with AWS\'s "Signature expired" wording', async () => {
    const answer = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.alice), { time: FIXED_NOW - 30 * MINUTE });
    assert.equal(answer.status, 403);
    assert.equal(readXmlTag(answer.body, 'Type'), 'Sender');
    assert.equal(readXmlTag(answer.body, 'Code'), 'SignatureDoesNotMatch');
    assert.equal(
      readXmlTag(answer.body, 'Message'),
      'Signature expired: 20261121T100000Z is now earlier than 20261121T101500Z (20261121T103000Z - 15 min.)',
    );
    const ahead = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.alice), { time: FIXED_NOW + 20 * MINUTE });
    assert.equal(
      readXmlTag(ahead.body, 'Message'),
      'Signature not yet current: 20261121T105000Z is still later than 20261121T104500Z (20261121T103000Z + 15 min.)',
    );
    const within = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.alice), { time: FIXED_NOW - 14 * MINUTE });
    assert.equal(within.status, 200);
  });

  it('applies clockSkewMs to the Date header and the time check (SDK without retries sees the failure)', async () => {
    const real = await startEmulator();
    try {
      real.setFaults({ clockSkewMs: 20 * MINUTE });
      const client = createStsClient(real, credentialsOf(demo.alice));
      const failure = await captureSdkError(client.send(new GetCallerIdentityCommand({})));
      client.destroy();
      assert.equal(failure.name, 'SignatureDoesNotMatch');
      assert.match(failure.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
      const answer = await fetch(real.url, { method: 'POST' });
      const served = Date.parse(answer.headers.get('date') ?? '');
      assert.ok(Math.abs(served - (Date.now() + 20 * MINUTE)) < 5000);
    } finally {
      await real.close();
    }
  });

  it('answers MissingAuthenticationToken to an unsigned request', async () => {
    const answer = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    const body = await answer.text();
    assert.equal(answer.status, 403);
    assert.equal(readXmlTag(body, 'Code'), 'MissingAuthenticationToken');
    assert.equal(readXmlTag(body, 'Message'), 'Request is missing Authentication Token');
    assert.match(body, /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
  });

  it('refuses expired session credentials with ExpiredToken', async () => {
    const expired = emulator.issueSession({ expired: true });
    assert.ok(expired.expiration.getTime() < FIXED_NOW);
    const answer = await callSigned(emulator, { Action: 'GetCallerIdentity' }, expired);
    assert.equal(answer.status, 403);
    assert.equal(readXmlTag(answer.body, 'Code'), 'ExpiredToken');
    assert.equal(readXmlTag(answer.body, 'Message'), 'The security token included in the request is expired');
  });

  it('refuses session keys without, or with the wrong, session token, and long-term keys with one', async () => {
    const session = emulator.issueSession({ principal: 'bob' });
    const other = emulator.issueSession({ principal: 'bob' });
    const cases = [
      { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
      { ...session, sessionToken: other.sessionToken },
      { ...credentialsOf(demo.alice), sessionToken: session.sessionToken },
    ];
    for (const credentials of cases) {
      const answer = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentials);
      assert.equal(answer.status, 403);
      assert.equal(readXmlTag(answer.body, 'Code'), 'InvalidClientTokenId');
    }
    const ok = await callSigned(emulator, { Action: 'GetCallerIdentity' }, session);
    assert.equal(readXmlTag(ok.body, 'Arn'), demo.bob.arn);
  });

  it('treats the demo keys as unknown in another partition', async () => {
    const answer = await callSigned(emulator, { Action: 'GetCallerIdentity' }, credentialsOf(demo.alice), { region: 'cn-north-1' });
    assert.equal(readXmlTag(answer.body, 'Code'), 'InvalidClientTokenId');
  });

  it('answers InvalidAction for an unknown action or version', async () => {
    const answer = await callSigned(emulator, { Action: 'AssumeRoot' }, credentialsOf(demo.alice));
    assert.equal(answer.status, 400);
    assert.equal(readXmlTag(answer.body, 'Code'), 'InvalidAction');
    assert.equal(readXmlTag(answer.body, 'Message'), 'Could not find operation AssumeRoot for version 2011-06-15');
  });
});
