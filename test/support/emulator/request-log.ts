// Every request the emulator sees, accepted or not, so tests can count calls ("a cache hit makes none").
// Deliberately no secrets, tokens or client addresses: the log is printed in test failures.

export type LoggedService = 'sts' | 'ec2' | 'federation';

export interface RequestLogEntry {
  /** Emulator-clock milliseconds when the request arrived. */
  readonly time: number;
  readonly service: LoggedService;
  readonly method: string;
  readonly path: string;
  /** The Action parameter ('GetCallerIdentity', 'RunInstances', 'getSigninToken'…), when there was one. */
  readonly action?: string;
  readonly accessKeyId?: string;
  /** Region from the SigV4 credential scope. */
  readonly region?: string;
  /** HTTP status answered; 0 when the connection was reset on purpose. */
  readonly status: number;
  readonly errorCode?: string;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  count(action?: string): number {
    return action === undefined ? this.entries.length : this.entries.filter((e) => e.action === action).length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
