// The fixed cast of the local STS emulator. Every e2e test in the repo relies on these exact identities, keys and
// roles, so change them only together with the tests that use them. The keys are fake but shaped like AWS's
// (20-character AKIA ids, 40-character secrets with '/' and '+') so that parsers, maskers and leak checks see
// realistic input.

export type StsAction =
  | 'GetCallerIdentity'
  | 'AssumeRole'
  | 'GetSessionToken'
  | 'GetFederationToken'
  | 'DecodeAuthorizationMessage';

export const ALL_STS_ACTIONS: readonly StsAction[] = [
  'GetCallerIdentity',
  'AssumeRole',
  'GetSessionToken',
  'GetFederationToken',
  'DecodeAuthorizationMessage',
];

export interface DemoPrincipal {
  /** Short name used in profiles and helper options: 'alice', 'bob', 'root'. */
  readonly name: string;
  readonly kind: 'user' | 'root';
  readonly partition: 'aws';
  readonly accountId: string;
  readonly arn: string;
  /** What GetCallerIdentity reports as UserId (AIDA… for users, the account id for root). */
  readonly userId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Virtual MFA device; the only accepted code is demo.mfaCode. */
  readonly mfaSerial?: string;
  /** STS actions the principal's identity policy allows (GetCallerIdentity is never denied anyway). */
  readonly allowedActions: readonly StsAction[];
}

export interface TrustStatement {
  /** The principal ARN the role trusts: an IAM user or an IAM role (for role chaining). */
  readonly principalArn: string;
  /** Condition aws:MultiFactorAuthPresent = true. */
  readonly requireMfa?: boolean;
  /** Condition sts:ExternalId = value. */
  readonly externalId?: string;
}

export interface DemoRole {
  readonly name: string;
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  /** IAM path, '/' unless the role lives under one (e.g. '/team/'). */
  readonly path: string;
  /** Role unique id (AROA…), the prefix of AssumedRoleId. */
  readonly roleId: string;
  readonly maxSessionDuration: number;
  readonly trust: readonly TrustStatement[];
}

const MAIN_ACCOUNT = '111111111111';
const TARGET_ACCOUNT = '222222222222';
const CHINA_ACCOUNT = '444444444444';

const alice: DemoPrincipal = {
  name: 'alice',
  kind: 'user',
  partition: 'aws',
  accountId: MAIN_ACCOUNT,
  arn: `arn:aws:iam::${MAIN_ACCOUNT}:user/alice`,
  userId: 'AIDAALICEEXAMPLE00001',
  accessKeyId: 'AKIAALICEEXAMPLE0001',
  secretAccessKey: 'aliceSECRET/EXAMPLE+key/0123456789abcdef',
  mfaSerial: `arn:aws:iam::${MAIN_ACCOUNT}:mfa/alice`,
  allowedActions: ALL_STS_ACTIONS,
};

const bob: DemoPrincipal = {
  name: 'bob',
  kind: 'user',
  partition: 'aws',
  accountId: MAIN_ACCOUNT,
  arn: `arn:aws:iam::${MAIN_ACCOUNT}:user/bob`,
  userId: 'AIDABOBEXAMPLE0000002',
  accessKeyId: 'AKIABOBEXAMPLE000002',
  secretAccessKey: 'bobSECRET/EXAMPLE+key/0123456789abcdefgh',
  allowedActions: ['GetCallerIdentity', 'GetSessionToken', 'GetFederationToken'],
};

const root: DemoPrincipal = {
  name: 'root',
  kind: 'root',
  partition: 'aws',
  accountId: MAIN_ACCOUNT,
  arn: `arn:aws:iam::${MAIN_ACCOUNT}:root`,
  userId: MAIN_ACCOUNT,
  accessKeyId: 'AKIAROOTEXAMPLE00003',
  secretAccessKey: 'rootSECRET/EXAMPLE+key/0123456789abcdefg',
  // Root may call everything except AssumeRole, which is refused with its own message.
  allowedActions: ALL_STS_ACTIONS,
};

const OPS_ARN = `arn:aws:iam::${MAIN_ACCOUNT}:role/Ops`;

function defineRole(
  partition: string,
  accountId: string,
  path: string,
  name: string,
  roleId: string,
  maxSessionDuration: number,
  trust: readonly TrustStatement[],
): DemoRole {
  return { name, arn: `arn:${partition}:iam::${accountId}:role${path}${name}`, partition, accountId, path, roleId, maxSessionDuration, trust };
}

const roles = {
  deploy: defineRole('aws', TARGET_ACCOUNT, '/', 'Deploy', 'AROADEPLOYEXAMPLE0001', 43200, [
    { principalArn: alice.arn },
    { principalArn: OPS_ARN },
  ]),
  admin: defineRole('aws', TARGET_ACCOUNT, '/', 'Admin', 'AROAADMINEXAMPLE00002', 3600, [
    { principalArn: alice.arn, requireMfa: true },
  ]),
  partner: defineRole('aws', TARGET_ACCOUNT, '/', 'Partner', 'AROAPARTNEREXAMPLE003', 3600, [
    { principalArn: alice.arn, externalId: 'partner-42' },
  ]),
  readOnly: defineRole('aws', TARGET_ACCOUNT, '/team/', 'ReadOnly', 'AROAREADONLYEXAMPLE04', 3600, [
    { principalArn: alice.arn },
  ]),
  ops: defineRole('aws', MAIN_ACCOUNT, '/', 'Ops', 'AROAOPSEXAMPLE0000005', 43200, [{ principalArn: alice.arn }]),
  // Stands in for an IAM Identity Center permission set: the reserved path and name shape are what tools key on.
  ssoAdmin: defineRole(
    'aws',
    MAIN_ACCOUNT,
    '/aws-reserved/sso.amazonaws.com/',
    'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
    'AROASSOADMINEXAMPLE06',
    43200,
    [{ principalArn: alice.arn }],
  ),
  // Another partition: nobody in 'aws' can reach it.
  cnDeploy: defineRole('aws-cn', CHINA_ACCOUNT, '/', 'CnDeploy', 'AROACNDEPLOYEXAMPLE07', 3600, []),
} as const satisfies Record<string, DemoRole>;

const principals = { alice, bob, root } as const satisfies Record<string, DemoPrincipal>;

export const demo = {
  accounts: { main: MAIN_ACCOUNT, target: TARGET_ACCOUNT, china: CHINA_ACCOUNT },
  defaultRegion: 'us-east-1',
  /** The one MFA code the emulator accepts. */
  mfaCode: '123456',
  partnerExternalId: 'partner-42',
  principals,
  roles,
  alice,
  bob,
  root,
} as const;

export type DemoPrincipalName = keyof typeof principals;
export type DemoRoleName = keyof typeof roles;

export function listDemoPrincipals(): readonly DemoPrincipal[] {
  return Object.values(principals);
}

export function listDemoRoles(): readonly DemoRole[] {
  return Object.values(roles);
}

export interface DemoConfigOptions {
  /** Region written into every profile; default us-east-1. */
  readonly region?: string;
}

export interface DemoConfigFiles {
  /** Text for ~/.aws/config. */
  readonly config: string;
  /** Text for ~/.aws/credentials. */
  readonly credentials: string;
}

/**
 * Ready-to-write ~/.aws/config and ~/.aws/credentials for the demo profiles:
 * alice and bob (static keys), deploy (role Deploy via alice), admin (role Admin via alice with MFA).
 */
export function demoConfig(options: DemoConfigOptions = {}): DemoConfigFiles {
  const region = options.region ?? demo.defaultRegion;
  const config = [
    '[profile alice]',
    `region = ${region}`,
    '',
    '[profile bob]',
    `region = ${region}`,
    '',
    '[profile deploy]',
    `role_arn = ${roles.deploy.arn}`,
    'source_profile = alice',
    `region = ${region}`,
    '',
    '[profile admin]',
    `role_arn = ${roles.admin.arn}`,
    'source_profile = alice',
    `mfa_serial = ${alice.mfaSerial ?? ''}`,
    `region = ${region}`,
    '',
  ].join('\n');
  const credentials = [
    '[alice]',
    `aws_access_key_id = ${alice.accessKeyId}`,
    `aws_secret_access_key = ${alice.secretAccessKey}`,
    '',
    '[bob]',
    `aws_access_key_id = ${bob.accessKeyId}`,
    `aws_secret_access_key = ${bob.secretAccessKey}`,
    '',
  ].join('\n');
  return { config, credentials };
}
