import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePrincipal } from '../../../src/sts/principal.js';

describe('describePrincipal', () => {
  it('names IAM users with their path', () => {
    const principal = describePrincipal('arn:aws:iam::111111111111:user/team/alice');
    assert.equal(principal.type, 'iam-user');
    assert.equal(principal.name, 'alice');
    assert.equal(principal.path, '/team/');
    assert.equal(principal.description, 'IAM user alice');
  });

  it('names assumed roles with role and session', () => {
    const principal = describePrincipal('arn:aws:sts::222222222222:assumed-role/Deploy/alice@example.com');
    assert.equal(principal.type, 'assumed-role');
    assert.equal(principal.name, 'Deploy');
    assert.equal(principal.sessionName, 'alice@example.com');
    assert.equal(principal.account, '222222222222');
  });

  it('recognises IAM Identity Center permission sets', () => {
    const principal = describePrincipal('arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice');
    assert.equal(principal.type, 'sso-permission-set');
    assert.equal(principal.permissionSet, 'AdministratorAccess');
    assert.match(principal.description, /permission set AdministratorAccess \(session alice\)/);
  });

  it('keeps underscores inside permission set names', () => {
    const principal = describePrincipal('arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Read_Only_Access_fedcba9876543210/bob');
    assert.equal(principal.permissionSet, 'Read_Only_Access');
  });

  it('names federated users, root, and other partitions', () => {
    assert.equal(describePrincipal('arn:aws:sts::111111111111:federated-user/bob').type, 'federated-user');
    const root = describePrincipal('arn:aws:iam::111111111111:root');
    assert.equal(root.type, 'root');
    assert.match(root.description, /root user of account 111111111111/);
    const china = describePrincipal('arn:aws-cn:sts::444444444444:assumed-role/CnDeploy/s');
    assert.equal(china.partition, 'aws-cn');
    assert.equal(describePrincipal('not an arn').type, 'unknown');
  });
});
