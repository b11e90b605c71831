// Public surface of local input validation. Every function throws UsageError (exit 2) naming the flag, the value and
// what is accepted.
export { showValue } from './describe.js';
export {
  type DurationLimits,
  type ParseDurationOptions,
  assumeRoleDuration,
  getSessionTokenDuration,
  getFederationTokenDuration,
  roleChainingMaxSeconds,
  parseDuration,
  formatDuration,
} from './duration.js';
export {
  type CallerNameSource,
  validateSessionName,
  deriveSessionName,
  validateExternalId,
  validateMfaSerial,
  validateTokenCode,
  validateSourceIdentity,
  validateFederatedName,
} from './names.js';
export { maxPolicyLength, maxPolicyArns, readPolicy, locateJsonError, validatePolicyArn, validatePolicyArns } from './policy.js';
export { maxSessionTags, parseTag, parseTags, validateTransitiveTagKeys } from './tags.js';
export {
  type Arn,
  type RoleArn,
  type Partition,
  knownPartitions,
  roleArnExample,
  parseArn,
  parseRoleArn,
  formatRoleArn,
  partitionOfRegion,
} from './arn.js';
export { type RoleSpec, type RoleReference, parseRoleSpec, resolveRoleArn, suggestProfiles } from './role-spec.js';
