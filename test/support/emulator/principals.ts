// Who is calling: long-term demo keys and the temporary credentials the emulator has issued. Every issued session
// remembers how it came to be (source, MFA, chaining, expiry) because STS's rules depend on exactly that.
import { randomBytes } from 'node:crypto';
import { listDemoPrincipals, type DemoPrincipal, type DemoRole } from './demo.js';

export type SessionSource = 'role' | 'federation' | 'session-token';

export interface IssuedSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Emulator-clock milliseconds. */
  readonly issuedAt: number;
  readonly expiration: number;
  readonly source: SessionSource;
  /** The long-term principal at the start of the chain. */
  readonly principal: DemoPrincipal;
  readonly role?: DemoRole;
  readonly roleSessionName?: string;
  readonly federatedName?: string;
  /** aws:MultiFactorAuthPresent for requests made with these credentials. */
  readonly mfaAuthenticated: boolean;
  /** Role credentials obtained with role credentials (role chaining). */
  readonly chained: boolean;
  readonly sourceIdentity?: string;
  readonly policy?: string;
}

export interface Identity {
  readonly arn: string;
  readonly userId: string;
  readonly accountId: string;
}

export interface Caller {
  readonly accessKeyId: string;
  readonly principal: DemoPrincipal;
  readonly session?: IssuedSession;
  readonly identity: Identity;
}

export function formatAssumedRoleArn(role: DemoRole, sessionName: string): string {
  // The assumed-role ARN drops the role's path: arn:aws:sts::ACCT:assumed-role/Name/session.
  return `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
}

export function formatFederatedUserArn(principal: DemoPrincipal, name: string): string {
  return `arn:${principal.partition}:sts::${principal.accountId}:federated-user/${name}`;
}

export function describeIdentity(principal: DemoPrincipal, session?: IssuedSession): Identity {
  if (session?.source === 'role' && session.role && session.roleSessionName !== undefined) {
    return {
      arn: formatAssumedRoleArn(session.role, session.roleSessionName),
      userId: `${session.role.roleId}:${session.roleSessionName}`,
      accountId: session.role.accountId,
    };
  }
  if (session?.source === 'federation' && session.federatedName !== undefined) {
    return {
      arn: formatFederatedUserArn(principal, session.federatedName),
      userId: `${principal.accountId}:${session.federatedName}`,
      accountId: principal.accountId,
    };
  }
  return { arn: principal.arn, userId: principal.userId, accountId: principal.accountId };
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function generateAccessKeyId(): string {
  const bytes = randomBytes(16);
  let id = 'ASIA';
  for (const byte of bytes) id += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return id;
}

export type SessionSpec = Omit<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

/** Long-term keys from the demo table plus every session minted since the emulator started. */
export class CredentialStore {
  private readonly longTerm = new Map(listDemoPrincipals().map((p) => [p.accessKeyId, p] as const));
  private readonly sessions = new Map<string, IssuedSession>();

  findLongTerm(accessKeyId: string): DemoPrincipal | undefined {
    return this.longTerm.get(accessKeyId);
  }

  findSession(accessKeyId: string): IssuedSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  findSessionByToken(sessionToken: string): IssuedSession | undefined {
    for (const session of this.sessions.values()) if (session.sessionToken === sessionToken) return session;
    return undefined;
  }

  mint(spec: SessionSpec): IssuedSession {
    const session: IssuedSession = {
      ...spec,
      accessKeyId: generateAccessKeyId(),
      // 30 random bytes → 40 base64 characters, like AWS's secrets (and likely to contain '/' or '+').
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real tokens are several hundred opaque base64 characters; the prefix mimics their usual start.
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(330).toString('base64')}`,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  listSessions(): readonly IssuedSession[] {
    return [...this.sessions.values()];
  }

  listSecrets(): string[] {
    const secrets = [...this.longTerm.values()].map((p) => p.secretAccessKey);
    for (const session of this.sessions.values()) secrets.push(session.secretAccessKey, session.sessionToken);
    return secrets;
  }
}
