// What profile resolution produces: the active profile, the credential chain from its root source to the final
// credentials, and where every setting came from. Pure data, rendered by whoami and consumed by the STS layer.

/** Where a value came from, in words a person recognises: `--profile`, `AWS_REGION`, `~/.aws/config:12 [profile x]`. */
export interface Origin {
  readonly source: 'flag' | 'env' | 'config' | 'credentials' | 'default' | 'derived';
  readonly detail: string;
}

export interface Sourced<T> {
  readonly value: T;
  readonly origin: Origin;
}

export type ChainLink =
  | {
      readonly kind: 'env-keys';
      readonly accessKeyId: string;
      readonly hasSessionToken: boolean;
      readonly origin: Origin;
    }
  | {
      readonly kind: 'static-keys';
      readonly profile: string;
      readonly accessKeyId: string;
      readonly hasSessionToken: boolean;
      readonly origin: Origin;
    }
  | {
      readonly kind: 'assume-role';
      readonly profile: string;
      readonly roleArn: string;
      readonly sessionName?: string;
      readonly externalId?: string;
      readonly mfaSerial?: Sourced<string>;
      readonly durationSeconds?: number;
      /** `source_profile = X` or `credential_source = Environment|Ec2InstanceMetadata|EcsContainer`. */
      readonly via: { readonly sourceProfile: string } | { readonly credentialSource: string };
      readonly origin: Origin;
    }
  | {
      readonly kind: 'web-identity';
      readonly profile: string;
      readonly roleArn: string;
      readonly tokenFile: string;
      readonly sessionName?: string;
      readonly origin: Origin;
    }
  | {
      readonly kind: 'sso';
      readonly profile: string;
      readonly ssoSession?: string;
      readonly startUrl: string;
      readonly ssoRegion: string;
      readonly accountId: string;
      readonly roleName: string;
      readonly origin: Origin;
    }
  | {
      readonly kind: 'credential-process';
      readonly profile: string;
      readonly command: string;
      readonly origin: Origin;
    }
  | {
      readonly kind: 'login-session';
      readonly profile: string;
      readonly session: string;
      readonly origin: Origin;
    }
  | { readonly kind: 'container'; readonly uri: string; readonly origin: Origin }
  | { readonly kind: 'instance-metadata'; readonly origin: Origin };

export type ChainLinkKind = ChainLink['kind'];

export interface ResolvedEndpoint {
  /** Full URL the STS calls go to. */
  readonly url: string;
  /** Region used to sign requests (us-east-1 for the global endpoint). */
  readonly signingRegion: string;
  readonly scope: 'regional' | 'global' | 'custom';
  readonly origin: Origin;
}

export interface Resolution {
  /** The profile whose settings apply. Absent when no profile exists and none was asked for. */
  readonly profile?: Sourced<string>;
  /** Whether that profile exists in the files (the implicit `default` may not). */
  readonly profileExists: boolean;
  /** Ordered from the root source (first) to the credentials actually used (last). Empty: nothing found. */
  readonly chain: readonly ChainLink[];
  readonly region?: Sourced<string>;
  readonly endpoint: ResolvedEndpoint;
  readonly retry: {
    readonly mode?: Sourced<'standard' | 'adaptive' | 'legacy'>;
    readonly maxAttempts?: Sourced<number>;
  };
  readonly warnings: readonly string[];
}
