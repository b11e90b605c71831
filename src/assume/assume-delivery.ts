// What `stsctl assume` exports next to the credentials and says on stderr, in one place for both the full command
// and the cached fast path, so the two cannot drift apart. Light on purpose: no commander, no chalk.
import { credentialMarkerNames } from '../commands/credential-markers.js';
import { formatSummaryLine } from '../render/issued-summary.js';
import { assumedRoleMarker } from './plan.js';

export interface AssumeDeliveryParts {
  /** Exported next to the credentials: STSCTL_ASSUMED_ROLE=<role ARN>. */
  readonly marker: Readonly<Record<string, string>>;
  /** The other commands' markers (STSCTL_MFA…), cleared so none describes credentials that are gone. */
  readonly clear: readonly string[];
  /** `Assumed <role ARN> as <session> until <local time> (cached | fresh)`. */
  readonly summary: string;
  /** What --exec records in STSCTL_EXEC. */
  readonly execLabel: string;
}

export function assumeDeliveryParts(input: {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly expiration: Date;
  readonly cacheHit: boolean;
}): AssumeDeliveryParts {
  return {
    marker: { [assumedRoleMarker]: input.roleArn },
    clear: credentialMarkerNames.filter((name) => name !== assumedRoleMarker),
    summary: formatSummaryLine({
      verb: 'Assumed',
      subject: input.roleArn,
      sessionName: input.sessionName,
      expiration: input.expiration,
      cacheHit: input.cacheHit,
    }),
    execLabel: input.roleArn,
  };
}
