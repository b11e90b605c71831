// Stand-in for the console federation endpoint (signin.aws.amazon.com/federation): trades temporary credentials
// for a sign-in token, and turns a sign-in token into a redirect to the console destination. Only credentials
// this emulator issued (from AssumeRole or GetFederationToken, as with AWS) are accepted.
import { randomBytes } from 'node:crypto';
import type { CredentialStore, IssuedSession } from './principals.js';

/** AWS's sign-in tokens are good for 15 minutes after they are issued. */
export const SIGNIN_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
export const CONSOLE_SESSION_LIMITS = { min: 900, max: 43200 } as const;

export interface FederationAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly location?: string;
}

interface SigninToken {
  readonly session: IssuedSession;
  readonly issuedAt: number;
  readonly consoleSessionSeconds: number;
}

function refuse(reason: string): FederationAnswer {
  return { status: 400, contentType: 'text/plain', body: `${reason}\n` };
}

export class FederationEndpoint {
  private readonly tokens = new Map<string, SigninToken>();

  constructor(private readonly store: CredentialStore) {}

  listTokens(): string[] {
    return [...this.tokens.keys()];
  }

  handle(params: URLSearchParams, now: number): FederationAnswer {
    const action = params.get('Action');
    if (action === 'getSigninToken') return this.issueSigninToken(params, now);
    if (action === 'login') return this.login(params, now);
    return refuse(`Unsupported Action: ${action ?? '(none)'}`);
  }

  private issueSigninToken(params: URLSearchParams, now: number): FederationAnswer {
    let parsed: unknown;
    try {
      parsed = JSON.parse(params.get('Session') ?? '');
    } catch {
      return refuse('The Session parameter is not valid JSON.');
    }
    const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    const { sessionId, sessionKey, sessionToken } = fields;
    if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') {
      return refuse('The Session parameter must contain sessionId, sessionKey and sessionToken.');
    }
    const session = this.store.findSession(sessionId);
    if (!session || session.secretAccessKey !== sessionKey || session.sessionToken !== sessionToken) {
      return refuse('The credentials in the Session parameter are not valid.');
    }
    if (session.expiration <= now) return refuse('The credentials in the Session parameter have expired.');
    if (session.source === 'session-token') {
      return refuse('Credentials from GetSessionToken cannot be used to sign in to the console.');
    }
    const rawDuration = params.get('SessionDuration');
    let consoleSessionSeconds = 3600;
    if (rawDuration !== null) {
      if (session.chained) return refuse('SessionDuration cannot be used with credentials obtained by role chaining.');
      consoleSessionSeconds = Number(rawDuration);
      if (!Number.isInteger(consoleSessionSeconds) || consoleSessionSeconds < CONSOLE_SESSION_LIMITS.min || consoleSessionSeconds > CONSOLE_SESSION_LIMITS.max) {
        return refuse(`SessionDuration must be between ${CONSOLE_SESSION_LIMITS.min} and ${CONSOLE_SESSION_LIMITS.max} seconds.`);
      }
    }
    const token = randomBytes(384).toString('base64url');
    this.tokens.set(token, { session, issuedAt: now, consoleSessionSeconds });
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ SigninToken: token }) };
  }

  private login(params: URLSearchParams, now: number): FederationAnswer {
    const destination = params.get('Destination');
    const token = this.tokens.get(params.get('SigninToken') ?? '');
    if (!token || now - token.issuedAt > SIGNIN_TOKEN_LIFETIME_MS) return refuse('The SigninToken is not valid or has expired.');
    if (destination === null || !/^https?:\/\//.test(destination)) return refuse('Destination must be an http(s) URL.');
    return { status: 302, contentType: 'text/plain', body: `Redirecting to ${destination}\n`, location: destination };
  }
}
