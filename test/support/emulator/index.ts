// One import for e2e tests: the emulator, its demo table and the signing helper.
export {
  startEmulator,
  STS_API_VERSION,
  type Emulator,
  type EmulatorOptions,
  type IssuedCredentials,
  type IssueSessionOptions,
} from './server.js';
export { PACKED_POLICY_LIMIT } from './actions.js';
export type { EncodedMessageOptions } from './authorization-messages.js';
export * from './demo.js';
export type { Faults, ThrottleFault } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { IssuedSession, SessionSource } from './principals.js';
export { signRequest, type SignRequestOptions, type SignedRequest } from './sigv4.js';
export { stsMessages } from './sts-errors.js';
