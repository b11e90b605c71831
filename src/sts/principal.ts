// Name the kind of principal behind an ARN returned by GetCallerIdentity.

export type PrincipalType = 'iam-user' | 'assumed-role' | 'sso-permission-set' | 'federated-user' | 'root' | 'unknown';

export interface Principal {
  readonly type: PrincipalType;
  readonly partition?: string;
  readonly account?: string;
  /** User name, role name, federated user name. */
  readonly name?: string;
  readonly path?: string;
  readonly sessionName?: string;
  /** For IAM Identity Center roles (AWSReservedSSO_<PermissionSet>_<suffix>). */
  readonly permissionSet?: string;
  /** One phrase for people: "assumed role Deploy (session alice)". */
  readonly description: string;
}

const arnPattern = /^arn:([\w-]+):(iam|sts)::(\d{12}):(.+)$/;
const ssoRolePattern = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

export function describePrincipal(arn: string): Principal {
  const match = arnPattern.exec(arn);
  if (!match) return { type: 'unknown', description: 'unrecognised principal' };
  const [, partition = '', service, account = '', resource = ''] = match;
  const base = { partition, account };
  if (service === 'iam' && resource === 'root') {
    return { ...base, type: 'root', description: `root user of account ${account}` };
  }
  if (service === 'iam' && resource.startsWith('user/')) {
    const parts = resource.slice('user/'.length).split('/');
    const name = parts.pop() ?? '';
    const path = parts.length > 0 ? `/${parts.join('/')}/` : '/';
    return { ...base, type: 'iam-user', name, path, description: `IAM user ${name}` };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, roleName = '', ...session] = resource.split('/');
    const sessionName = session.join('/');
    const sso = ssoRolePattern.exec(roleName);
    if (sso) {
      const permissionSet = sso[1] ?? roleName;
      return {
        ...base,
        type: 'sso-permission-set',
        name: roleName,
        sessionName,
        permissionSet,
        description: `IAM Identity Center permission set ${permissionSet} (session ${sessionName})`,
      };
    }
    return { ...base, type: 'assumed-role', name: roleName, sessionName, description: `assumed role ${roleName} (session ${sessionName})` };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    const name = resource.slice('federated-user/'.length);
    return { ...base, type: 'federated-user', name, description: `federated user ${name}` };
  }
  return { ...base, type: 'unknown', description: `principal ${resource}` };
}
