// Facts about AWS regions and STS endpoints that change which cause is likely: opt-in regions only accept
// session tokens that are valid in every region, partitions do not share keys, and an endpoint host built from a
// misspelt region simply does not exist.

/** Regions an account must opt in to before use (all others are enabled by default). */
const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-eusc';

// Region names are "<area>[-gov|-iso|-isob]-<direction>-<number>"; anything else (eu, us-east, us-east-1a,
// southeast-2, aws_region) is a configuration mistake, not a region.
const REGION_NAME = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)(?:-gov|-iso|-isob)?(?:-[a-z]+)+-\d{1,2}$/;

/** Region names embedded anywhere in text, e.g. "region:ap-east-1" or the "us-east-1_Ab12" of a user-pool id. */
const REGION_IN_TEXT = /(?<![a-z0-9-])((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso|-isob)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2})(?![a-z0-9-])/g;

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.has(region);
}

export function isRegionName(value: string): boolean {
  return REGION_NAME.test(value);
}

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

export function findRegionsInText(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(REGION_IN_TEXT)) {
    if (match[1] !== undefined) found.add(match[1]);
  }
  return [...found];
}

export interface EndpointHost {
  readonly host: string;
  readonly service: string;
  /** The label where the region belongs ("global" for the region-less STS endpoint). */
  readonly regionLabel: string;
}

/** Splits "sts.eu-west-1.amazonaws.com" (or a URL containing it) into service and region label. */
export function parseEndpointHost(value: string): EndpointHost | undefined {
  const host = value.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();
  const match = /^([a-z0-9-]+)\.(?:(.+)\.)?amazonaws\.com(?:\.cn)?$/.exec(host);
  if (match === null || match[1] === undefined) return undefined;
  const service = match[1].replace(/-fips$/, '');
  return { host, service, regionLabel: match[2] ?? 'global' };
}

/** The STS global endpoint issues version-1 tokens by default, which opt-in regions reject. */
export function isGlobalStsEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  const parsed = parseEndpointHost(endpoint);
  return parsed !== undefined && parsed.service === 'sts' && parsed.regionLabel === 'global';
}
