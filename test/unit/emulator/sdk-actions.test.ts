// The real AWS SDK against the emulator: identities, the happy paths of every action, and what the returned
// credentials look like to GetCallerIdentity.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  type Credentials,
} from '@aws-sdk/client-sts';
import { demo } from '../../support/emulator/demo.js';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { captureSdkError, createStsClient, credentialsOf } from './fixtures.js';

function toTestCredentials(c: Credentials | undefined): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

describe('emulator with the real SDK', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('answers GetCallerIdentity for alice, bob and root', async () => {
    const expected = [
      [demo.alice, 'AIDAALICEEXAMPLE00001', 'arn:aws:iam::111111111111:user/alice'],
      [demo.bob, 'AIDABOBEXAMPLE0000002', 'arn:aws:iam::111111111111:user/bob'],
      [demo.root, '111111111111', 'arn:aws:iam::111111111111:root'],
    ] as const;
    for (const [principal, userId, arn] of expected) {
      const client = createStsClient(emulator, credentialsOf(principal));
      const identity = await client.send(new GetCallerIdentityCommand({}));
      assert.deepEqual({ UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn }, { UserId: userId, Account: '111111111111', Arn: arn });
      assert.match(identity.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      client.destroy();
    }
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId', async () => {
    const wrong = createStsClient(emulator, { accessKeyId: demo.alice.accessKeyId, secretAccessKey: demo.bob.secretAccessKey });
    const mismatch = await captureSdkError(wrong.send(new GetCallerIdentityCommand({})));
    assert.equal(mismatch.name, 'SignatureDoesNotMatch');
    assert.equal(mismatch.status, 403);
    assert.match(mismatch.message, /^The request signature we calculated does not match the signature you provided\./);
    wrong.destroy();

    const unknown = createStsClient(emulator, { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: demo.alice.secretAccessKey });
    const invalid = await captureSdkError(unknown.send(new GetCallerIdentityCommand({})));
    assert.deepEqual(invalid, { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
    unknown.destroy();
  });

  it('assumes Deploy and the new credentials are the assumed role', async () => {
    const alice = createStsClient(emulator, credentialsOf(demo.alice));
    const before = emulator.now();
    const answer = await alice.send(new AssumeRoleCommand({ RoleArn: demo.roles.deploy.arn, RoleSessionName: 'ci-run', DurationSeconds: 7200 }));
    alice.destroy();
    assert.equal(answer.AssumedRoleUser?.Arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/ci-run');
    assert.equal(answer.AssumedRoleUser?.AssumedRoleId, 'AROADEPLOYEXAMPLE0001:ci-run');
    assert.equal(answer.PackedPolicySize, undefined);
    const creds = toTestCredentials(answer.Credentials);
    assert.match(creds.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(creds.secretAccessKey.length, 40);
    const expiresIn = (answer.Credentials?.Expiration?.getTime() ?? 0) - before;
    assert.ok(Math.abs(expiresIn - 7200_000) < 5000, `expiration ${expiresIn} ms ahead`);

    const role = createStsClient(emulator, creds);
    const identity = await role.send(new GetCallerIdentityCommand({}));
    role.destroy();
    assert.equal(identity.Arn, 'arn:aws:sts::222222222222:assumed-role/Deploy/ci-run');
    assert.equal(identity.UserId, 'AROADEPLOYEXAMPLE0001:ci-run');
    assert.equal(identity.Account, '222222222222');

    const session = emulator.sessions().find((s) => s.accessKeyId === creds.accessKeyId);
    assert.equal(session?.source, 'role');
    assert.equal(session?.principal.name, 'alice');
    assert.equal(session?.chained, false);
    assert.equal(session?.mfaAuthenticated, false);
  });

  it('drops the role path from the assumed-role ARN and reports PackedPolicySize and SourceIdentity', async () => {
    const alice = createStsClient(emulator, credentialsOf(demo.alice));
    const policy = '{"Version":"2012-10-17","Statement":[{"Sid":"Stmt1","Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    const answer = await alice.send(
      new AssumeRoleCommand({ RoleArn: demo.roles.readOnly.arn, RoleSessionName: 'alice', Policy: policy, SourceIdentity: 'alice' }),
    );
    alice.destroy();
    assert.equal(answer.AssumedRoleUser?.Arn, 'arn:aws:sts::222222222222:assumed-role/ReadOnly/alice');
    assert.equal(answer.PackedPolicySize, 7);
    assert.equal(answer.SourceIdentity, 'alice');
  });

  it('issues session tokens and federation tokens with the identities AWS reports for them', async () => {
    const bob = createStsClient(emulator, credentialsOf(demo.bob));
    const session = await bob.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const federation = await bob.send(new GetFederationTokenCommand({ Name: 'contractor', Policy: '{"Version":"2012-10-17","Statement":[]}' }));
    bob.destroy();
    assert.equal(federation.FederatedUser?.Arn, 'arn:aws:sts::111111111111:federated-user/contractor');
    assert.equal(federation.FederatedUser?.FederatedUserId, '111111111111:contractor');
    assert.equal(typeof federation.PackedPolicySize, 'number');

    const sessionClient = createStsClient(emulator, toTestCredentials(session.Credentials));
    const sessionIdentity = await sessionClient.send(new GetCallerIdentityCommand({}));
    sessionClient.destroy();
    assert.equal(sessionIdentity.Arn, demo.bob.arn);
    assert.equal(sessionIdentity.UserId, demo.bob.userId);

    const federatedClient = createStsClient(emulator, toTestCredentials(federation.Credentials));
    const federatedIdentity = await federatedClient.send(new GetCallerIdentityCommand({}));
    federatedClient.destroy();
    assert.equal(federatedIdentity.Arn, 'arn:aws:sts::111111111111:federated-user/contractor');
    assert.equal(federatedIdentity.UserId, '111111111111:contractor');
  });

  it('shortens root session tokens to one hour', async () => {
    const root = createStsClient(emulator, credentialsOf(demo.root));
    const start = emulator.now();
    const answer = await root.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    root.destroy();
    const lifetime = (answer.Credentials?.Expiration?.getTime() ?? 0) - start;
    assert.ok(Math.abs(lifetime - 3600_000) < 5000, `lifetime ${lifetime}`);
  });
});
