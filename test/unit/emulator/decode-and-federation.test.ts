// DecodeAuthorizationMessage round trips (also through the simulated EC2 denial) and the console sign-in stand-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { callSigned, captureSdkError, createStsClient, credentialsOf, readXmlTag } from './fixtures.js';

describe('DecodeAuthorizationMessage', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('decodes a message it issued into AWS\'s document shape', async () => {
    const message = emulator.issueEncodedMessage({
      principalArn: demo.alice.arn,
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:111111111111:instance/*',
      conditions: { 'ec2:Region': 'us-east-1', 'ec2:InstanceType': ['t3.micro'] },
    });
    assert.match(message, /^[A-Za-z0-9_-]{300,}$/);
    const client = createStsClient(emulator, credentialsOf(demo.alice));
    const answer = await client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: message }));
    client.destroy();
    assert.deepEqual(JSON.parse(answer.DecodedMessage ?? ''), {
      allowed: false,
      explicitDeny: false,
      matchedStatements: { items: [] },
      failures: { items: [] },
      context: {
        principal: { id: 'AIDAALICEEXAMPLE00001', name: 'alice', arn: 'arn:aws:iam::111111111111:user/alice' },
        action: 'ec2:RunInstances',
        resource: 'arn:aws:ec2:us-east-1:111111111111:instance/*',
        conditions: {
          items: [
            { key: 'ec2:Region', values: { items: [{ value: 'us-east-1' }] } },
            { key: 'ec2:InstanceType', values: { items: [{ value: 't3.micro' }] } },
          ],
        },
      },
    });
  });

  it('lists the matched statement for an explicit deny', async () => {
    const message = emulator.issueEncodedMessage({ principalArn: demo.bob.arn, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', explicitDeny: true });
    const answer = await callSigned(emulator, { Action: 'DecodeAuthorizationMessage', EncodedMessage: message }, credentialsOf(demo.alice));
    const decoded = JSON.parse(readXmlTag(answer.body, 'DecodedMessage') ?? '') as { explicitDeny: boolean; matchedStatements: { items: Array<{ effect: string }> } };
    assert.equal(decoded.explicitDeny, true);
    assert.equal(decoded.matchedStatements.items[0]?.effect, 'DENY');
  });

  it('denies bob and rejects messages it did not issue', async () => {
    const message = emulator.issueEncodedMessage({ principalArn: demo.bob.arn, action: 'ec2:RunInstances', resource: '*' });
    const bob = createStsClient(emulator, credentialsOf(demo.bob));
    const denied = await captureSdkError(bob.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: message })));
    bob.destroy();
    assert.deepEqual(denied, {
      name: 'AccessDenied',
      message: 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:DecodeAuthorizationMessage',
      status: 403,
    });
    const alice = createStsClient(emulator, credentialsOf(demo.alice));
    const tampered = `${message.slice(0, -4)}AAAA`;
    const invalid = await captureSdkError(alice.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: tampered })));
    alice.destroy();
    assert.equal(invalid.name, 'InvalidAuthorizationMessageException');
    assert.equal(invalid.status, 400);
  });

  it('serves an EC2 RunInstances denial whose encoded message decodes to the caller', async () => {
    const role = emulator.issueSession({ roleArn: demo.roles.deploy.arn, roleSessionName: 'ci' });
    const ec2 = await callSigned(emulator, { Action: 'RunInstances', Version: '2016-11-15', InstanceType: 'm5.large' }, role, {
      path: '/ec2',
      service: 'ec2',
      region: 'eu-west-1',
    });
    assert.equal(ec2.status, 403);
    assert.match(ec2.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>UnauthorizedOperation<\/Code>/);
    assert.match(ec2.body, /<RequestID>[0-9a-f-]{36}<\/RequestID>/);
    const text = readXmlTag(ec2.body, 'Message') ?? '';
    const prefix = 'You are not authorized to perform this operation. Encoded authorization failure message: ';
    assert.ok(text.startsWith(prefix));
    const decoded = await callSigned(emulator, { Action: 'DecodeAuthorizationMessage', EncodedMessage: text.slice(prefix.length) }, role);
    const document = JSON.parse(readXmlTag(decoded.body, 'DecodedMessage') ?? '') as {
      context: { principal: { id: string; arn: string }; resource: string };
    };
    assert.deepEqual(document.context.principal, {
      id: 'AROADEPLOYEXAMPLE0001:ci',
      arn: 'arn:aws:sts::222222222222:assumed-role/Deploy/ci',
    });
    assert.equal(document.context.resource, 'arn:aws:ec2:eu-west-1:222222222222:instance/*');
  });
});

describe('console federation stand-in', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  function signinTokenUrl(session: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, duration?: number): string {
    const json = JSON.stringify({ sessionId: session.accessKeyId, sessionKey: session.secretAccessKey, sessionToken: session.sessionToken });
    const query = new URLSearchParams({ Action: 'getSigninToken', ...(duration === undefined ? {} : { SessionDuration: String(duration) }), Session: json });
    return `${emulator.federationUrl}?${query.toString()}`;
  }

  it('trades role credentials for a sign-in token and redirects login to the destination', async () => {
    const role = emulator.issueSession({ roleArn: demo.roles.deploy.arn });
    const tokenAnswer = await fetch(signinTokenUrl(role, 3600));
    assert.equal(tokenAnswer.status, 200);
    const { SigninToken } = (await tokenAnswer.json()) as { SigninToken: string };
    assert.ok(SigninToken.length > 100);
    assert.ok(emulator.secrets().includes(SigninToken));

    const destination = 'https://console.aws.amazon.com/';
    const login = new URLSearchParams({ Action: 'login', Issuer: 'https://example.com', Destination: destination, SigninToken });
    const redirect = await fetch(`${emulator.federationUrl}?${login.toString()}`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), destination);

    const bogus = new URLSearchParams({ Action: 'login', Destination: destination, SigninToken: 'nope' });
    assert.equal((await fetch(`${emulator.federationUrl}?${bogus.toString()}`, { redirect: 'manual' })).status, 400);
  });

  it('refuses credentials it did not issue, expired ones and GetSessionToken ones', async () => {
    const before = emulator.requestCount('getSigninToken');
    const forged = { accessKeyId: 'ASIAFORGEDEXAMPLE000', secretAccessKey: 'x'.repeat(40), sessionToken: 'y'.repeat(100) };
    assert.equal((await fetch(signinTokenUrl(forged))).status, 400);
    assert.equal((await fetch(signinTokenUrl(emulator.issueSession({ roleArn: demo.roles.deploy.arn, expired: true })))).status, 400);
    assert.equal((await fetch(signinTokenUrl(emulator.issueSession({ principal: 'alice' })))).status, 400);
    assert.equal((await fetch(signinTokenUrl(emulator.issueSession({ federatedName: 'guest' })))).status, 200);
    assert.equal(emulator.requestCount('getSigninToken') - before, 4);
  });
});
