// Reads error text as other tools print it (AWS CLI/botocore, SDKs for JavaScript v2/v3, Go v1/v2, Java, .NET,
// PHP, Ruby, Terraform, GitHub Actions, raw XML/JSON bodies) and pulls out the error code, operation, message,
// HTTP status, attempts and endpoint host. Whole stack traces are fine: every format is searched across the text
// and the candidates are ranked by how specific the format is (an AWS CLI "An error occurred (X)" line beats a
// bare "X:" somewhere in a log line).
import { isKnownCode } from './catalogue.js';
import type { ErrorSource } from './facts.js';

export interface ParsedErrorText {
  /** Known codes first (most specific format first), then other exception names (CredentialsProviderError…). */
  readonly codes: readonly string[];
  readonly operation?: string;
  readonly message?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly hostname?: string;
  readonly source: ErrorSource;
}

interface Candidate {
  readonly code: string;
  readonly message?: string;
  /** Lower is more specific. */
  readonly rank: number;
  readonly position: number;
}

type Extractor = (text: string) => Candidate[];

function collect(
  text: string,
  pattern: RegExp,
  rank: number,
  pick: (m: RegExpMatchArray) => { code?: string; message?: string },
): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    const { code, message } = pick(match);
    if (code !== undefined && code !== '') found.push({ code, message, rank, position: match.index ?? 0 });
  }
  return found;
}

// Each extractor understands one tool's format. Ranks order them by how unambiguous the format is.
const extractors: readonly Extractor[] = [
  // AWS CLI and boto3: An error occurred (AccessDenied) when calling the AssumeRole operation: …
  (t) =>
    collect(t, /An error occurred \(([\w.]+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?:? ?([^\n]*)/g, 10, (m) => ({
      code: m[1],
      message: m[2],
    })),
  // AWS CLI v1 (old): A client error (X) occurred when calling the Y operation: …
  (t) => collect(t, /A (?:client|server) error \(([\w.]+)\) occurred(?: when calling the \w+ operation)?: ([^\n]*)/g, 10, (m) => ({ code: m[1], message: m[2] })),
  // SDK for Go v2 (and Terraform): …, https response error StatusCode: 403, RequestID: …, api error AccessDenied: …
  (t) => collect(t, /api error ([\w.]+): ([^\n]*)/g, 20, (m) => ({ code: m[1], message: m[2] })),
  (t) => collect(t, /RequestID: [\w-]*, ([A-Z][\w.]+): ([^\n]*)/g, 21, (m) => ({ code: m[1], message: m[2] })),
  // SDK for Java v1: message (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; …)
  (t) =>
    collect(t, /([^\n]*?)\s*\(Service: [^;)]+; Status Code: \d{3}; Error Code: ([\w.]+);/g, 25, (m) => ({
      code: m[2],
      message: m[1]?.replace(/^.*?(?:Exception|Error): /, ''),
    })),
  // Raw query-protocol XML bodies.
  (t) => {
    const message = /<Message>([^<]*)<\/Message>/.exec(t)?.[1];
    return collect(t, /<Code>([\w.]+)<\/Code>/g, 30, (m) => ({ code: m[1], message }));
  },
  // JSON bodies and JSON logs: {"__type":"…#ThrottlingException","message":"Rate exceeded"} / "code":"X".
  (t) => {
    const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/i.exec(t)?.[1];
    return [
      ...collect(t, /"__type"\s*:\s*"(?:[\w.:/-]+#)?([\w.]+)"/g, 35, (m) => ({ code: m[1], message })),
      ...collect(t, /"(?:code|Code|errorCode|name|errno)"\s*:\s*"([\w.]+)"/g, 36, (m) => ({ code: m[1], message })),
    ];
  },
  // SDK for JavaScript object dumps: code: 'AccessDenied', errno: 'ENOTFOUND', name: 'TimeoutError'.
  (t) => {
    const message = /\bmessage\s*:\s*'((?:[^'\\]|\\.)*)'/.exec(t)?.[1];
    return collect(t, /\b(?:code|Code|name|errno)\s*:\s*'([\w.]+)'/g, 40, (m) => ({ code: m[1], message }));
  },
  // SDK for PHP: AccessDenied (client): User: … is not authorized …
  (t) => collect(t, /\b([A-Z][A-Za-z0-9]+) \((?:client|server)\): ([^\n]*?)(?= - <|$)/gm, 45, (m) => ({ code: m[1], message: m[2] })),
  // SDK for Ruby: `call': message (Aws::STS::Errors::AccessDenied)
  (t) =>
    collect(t, /([^\n(]*?)\s*\(Aws::\w+::Errors::(\w+)\)/g, 46, (m) => ({ code: m[2], message: m[1]?.replace(/^.*`call': /, '') })),
  // Exception class names: botocore.exceptions.NoCredentialsError: …, com.amazonaws…RegionDisabledException: …,
  // software.amazon.awssdk.services.sts.model.StsException, Amazon.SecurityToken.Model.ExpiredTokenException.
  (t) =>
    collect(t, /\b(?:[a-z]\w*\.)+([A-Z]\w*(?:Exception|Error))\b(?::\s*([^\n]*))?/g, 50, (m) => ({ code: m[1], message: m[2] })),
  (t) => collect(t, /\bAmazon(?:\.\w+)*\.(\w+Exception)\b(?::\s*([^\n]*))?/g, 50, (m) => ({ code: m[1], message: m[2] })),
  // SDK for JavaScript v2 console output: [InvalidClientTokenId: The security token …]
  (t) => collect(t, /\[([A-Z]\w+): ([^\]\n]*)\]/g, 55, (m) => ({ code: m[1], message: m[2] })),
  // Anything else of the form "Code: message" (Go v1, Terraform v0.x, SDK v3 toString, log lines) — only codes
  // the catalogue knows, since "Error:" and friends are everywhere.
  // Lookarounds keep matches from consuming each other: "ERROR: Forbidden - ExpiredToken: …" yields ExpiredToken.
  (t) =>
    collect(t, /(?<=^|[\s"'`({[,=>*-])([A-Z][A-Za-z0-9]{3,}): (?=([^\n]*))/gm, 60, (m) =>
      m[1] !== undefined && isKnownCode(m[1]) ? { code: m[1], message: m[2] } : {},
    ),
  // Last resort: a distinctive known code standing alone ("InvalidParameterValue Session policy should…").
  (t) =>
    collect(t, /\b([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)\b/g, 80, (m) =>
      m[1] !== undefined && isKnownCode(m[1]) ? { code: m[1] } : {},
    ),
];

/** Names that wrap a real cause and say nothing by themselves. */
const WRAPPER_NAMES = new Set([
  'Error',
  'TypeError',
  'ClientError',
  'BotoServerError',
  'BotoCoreError',
  'CustomError',
  'SdkClientException',
  'AmazonClientException',
  'AmazonServiceException',
  'SdkException',
  'StsException',
  'AwsServiceException',
  'RequestError',
  'ProviderError',
]);

/** Base classes that every error of a client shares (STSServiceException, AmazonSecurityTokenServiceException). */
function isWrapperName(name: string): boolean {
  return WRAPPER_NAMES.has(name) || /ServiceException$|ClientException$/.test(name);
}

/** Cuts the message at the point where the surrounding log line or stack trace takes over. */
function cleanMessage(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let message = raw.split(/\\n|\\t|'\)|' \[|'"|`$|\s+\(Service: /)[0] ?? '';
  message = message.replace(/\s*\(SQLSTATE \w+\)\s*$/, '').trim();
  message = message.replace(/^[`'"(]+/, '').replace(/[`'"]+$/, '').trim();
  // Drop a closing parenthesis that belongs to the surrounding text, not to the message.
  const opens = (message.match(/\(/g) ?? []).length;
  const closes = (message.match(/\)/g) ?? []).length;
  if (closes > opens) message = message.replace(/\)+$/, '').trim();
  return message === '' ? undefined : message;
}

function findOperation(text: string): string | undefined {
  const cli = /when calling the (\w+) operation/.exec(text)?.[1];
  if (cli !== undefined) return cli;
  // Go v2 nests operations ("operation error EC2: …, operation error STS: AssumeRole"); the STS one failed.
  const goOps = [...text.matchAll(/operation error ([\w ]+?): (\w+)/g)];
  const stsOp = goOps.filter((m) => m[1]?.toUpperCase() === 'STS').pop() ?? goOps[0];
  if (stsOp?.[2] !== undefined) return stsOp[2];
  // AWS Tools for PowerShell name the cmdlet, not the operation: Use-STSRole is AssumeRole.
  const cmdlet = /\b(Use|Get|Convert)-STS(\w+?)\b(?: :|\s*\])/.exec(text);
  if (cmdlet?.[1] !== undefined && cmdlet[2] !== undefined) {
    if (cmdlet[1] === 'Use') return cmdlet[2] === 'WebIdentityRole' ? 'AssumeRoleWithWebIdentity' : `Assume${cmdlet[2]}`;
    if (cmdlet[1] === 'Convert') return 'DecodeAuthorizationMessage';
    return `Get${cmdlet[2]}`;
  }
  const patterns = [
    /error calling sts:(\w+)/i,
    /Error executing "(\w+)"/,
    /Error calling (\w+) for/,
    /(?:not authorized|Not authorized) to perform:? sts:(\w+)/,
    /Could not call (\w+)/,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(text)?.[1];
    if (found !== undefined) return found;
  }
  return undefined;
}

function findHttpStatus(text: string): number | undefined {
  const patterns = [
    /StatusCode: (\d{3})/,
    /Status Code: (\d{3})/,
    /status code:? (\d{3})/i,
    /(?:httpStatusCode|statusCode|HTTPStatusCode)['"]?\s*[:=]\s*(\d{3})/,
    /HTTP\/1\.[01]"? (\d{3})/,
    /\b(\d{3}) (?:Forbidden|Bad Request|Too Many Requests|Service Unavailable|Internal Server Error|Unauthorized|Not Found)\b/,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(text)?.[1];
    if (found !== undefined) return Number(found);
  }
  return undefined;
}

function findAttempts(text: string): number | undefined {
  const go = /exceeded maximum number of attempts, (\d+)/.exec(text)?.[1];
  if (go !== undefined) return Number(go);
  const cli = /reached max retries: (\d+)/.exec(text)?.[1];
  if (cli !== undefined) return Number(cli) + 1;
  const js = /\battempts['"]?\s*:\s*(\d+)/.exec(text)?.[1];
  return js === undefined ? undefined : Number(js);
}

function findHostname(text: string): string | undefined {
  const field = /\bhostname['"]?\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
  if (field !== undefined) return field;
  const metadata = /\b(169\.254\.169\.254|169\.254\.170\.2|fd00:ec2::254)\b/.exec(text)?.[1];
  if (metadata !== undefined) return metadata;
  return /\b((?:[a-z0-9_-]+\.)+amazonaws\.com(?:\.cn)?)\b/i.exec(text)?.[1]?.toLowerCase();
}

export function detectSource(text: string): ErrorSource {
  if (/Terraform AWS Provider|provider\.aws|registry\.terraform\.io/.test(text)) return 'terraform';
  if (/Could not assume role with OIDC|please check your action inputs/.test(text)) return 'github-actions';
  if (/An error occurred \(|A client error \(/.test(text)) {
    return /botocore|Traceback|ClientError/.test(text) ? 'botocore' : 'aws-cli';
  }
  if (/botocore\.|boto3/.test(text)) return 'botocore';
  if (/operation error [\w ]+: \w+/.test(text)) return 'sdk-go-v2';
  if (/status code: \d{3}, request id:/i.test(text)) return 'sdk-go';
  if (/\(Service: |com\.amazonaws\.|software\.amazon\.awssdk/.test(text)) return 'sdk-java';
  if (/\bAmazon\.(?:Runtime|SecurityToken|PowerShell|\w+\.Model)|\b(?:Use|Get)-STS\w+/.test(text)) return 'sdk-dotnet';
  if (/AWS HTTP error|Error executing "/.test(text)) return 'sdk-php';
  if (/Aws::|Seahorse::/.test(text)) return 'sdk-ruby';
  if (/\$metadata|@aws-sdk\/|@smithy\/|CredentialsProviderError/.test(text)) return 'sdk-js-v3';
  if (/aws-sdk\/lib|Request\.extractError|retryable:|code: '/.test(text)) return 'sdk-js-v2';
  return 'unknown';
}

export function parseErrorText(text: string): ParsedErrorText {
  const candidates = extractors
    .flatMap((extract) => extract(text))
    .sort((a, b) => a.rank - b.rank || a.position - b.position);
  const known = candidates.filter((c) => isKnownCode(c.code));
  // Unknown names are kept only when they look like error names (CredentialsProviderError, ENOTFOUND), not
  // like whatever else sits in brackets or before a colon.
  const others = candidates.filter(
    (c) => !isKnownCode(c.code) && !isWrapperName(c.code) && /^(?:[A-Z]\w*(?:Error|Exception|Fault)|E[A-Z_]{3,})$/.test(c.code),
  );
  const codes = [...new Set([...known, ...others].map((c) => c.code))];
  const withMessage = [...known, ...others].find((c) => cleanMessage(c.message) !== undefined);
  return {
    codes,
    operation: findOperation(text),
    message: cleanMessage(withMessage?.message),
    httpStatus: findHttpStatus(text),
    attempts: findAttempts(text),
    hostname: findHostname(text),
    source: detectSource(text),
  };
}
