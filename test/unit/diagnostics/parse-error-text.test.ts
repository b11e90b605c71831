// Parsing error text as each tool prints it: code, operation, message, HTTP status, attempts, host and source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import { parseErrorText } from '../../../src/diagnostics/parse-error-text.js';

const DENIED =
  'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Deploy';

describe('parseErrorText', () => {
  it('reads the AWS CLI form, with and without retries', () => {
    const p = parseErrorText(`An error occurred (AccessDenied) when calling the AssumeRole operation: ${DENIED}`);
    assert.equal(p.codes[0], 'AccessDenied');
    assert.equal(p.operation, 'AssumeRole');
    assert.equal(p.message, DENIED);
    assert.equal(p.source, 'aws-cli');
    const retried = parseErrorText('An error occurred (Throttling) when calling the GetCallerIdentity operation (reached max retries: 4): Rate exceeded');
    assert.deepEqual([retried.codes[0], retried.operation, retried.attempts, retried.message], ['Throttling', 'GetCallerIdentity', 5, 'Rate exceeded']);
  });

  it('reads boto3/botocore tracebacks and exception classes', () => {
    const trace = [
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      '    sts.get_caller_identity()',
      '  File "/usr/lib/python3/site-packages/botocore/client.py", line 1058, in _make_api_call',
      '    raise error_class(parsed_response, operation_name)',
      'botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    ].join('\n');
    const p = parseErrorText(trace);
    assert.deepEqual([p.codes[0], p.operation, p.source], ['ExpiredToken', 'GetCallerIdentity', 'botocore']);
    assert.equal(p.message, 'The security token included in the request is expired');
    assert.equal(parseErrorText('botocore.exceptions.NoCredentialsError: Unable to locate credentials').codes[0], 'NoCredentialsError');
    assert.equal(parseErrorText('botocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed').codes[0], 'TokenRetrievalError');
  });

  it('reads SDK for JavaScript v2 console output', () => {
    const text = "{ AccessDenied: User: arn:aws:iam::1:user/a is not authorized\n  message: 'User: arn:aws:iam::1:user/a is not authorized',\n  code: 'AccessDenied',\n  statusCode: 403,\n  retryable: false }";
    const p = parseErrorText(text);
    assert.equal(p.codes[0], 'AccessDenied');
    assert.equal(p.httpStatus, 403);
    assert.equal(p.source, 'sdk-js-v2');
  });

  it('reads SDK for JavaScript v3 output with $metadata', () => {
    const text = "ExpiredTokenException: The security token included in the request is expired\n    at de_ExpiredTokenExceptionRes (node_modules/@aws-sdk/client-sts/dist-cjs/index.js:1:1) {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 400, requestId: 'x', attempts: 1, totalRetryDelay: 0 }\n}";
    const p = parseErrorText(text);
    assert.deepEqual([p.codes[0], p.httpStatus, p.attempts, p.source], ['ExpiredTokenException', 400, 1, 'sdk-js-v3']);
  });

  it('reads the SDK for Go v2 form, taking the innermost STS operation', () => {
    const text =
      'operation error EC2: DescribeInstances, failed to sign request: failed to retrieve credentials: failed to refresh cached credentials, operation error STS: AssumeRole, exceeded maximum number of attempts, 3, https response error StatusCode: 400, RequestID: abc-123, api error Throttling: Rate exceeded';
    const p = parseErrorText(text);
    assert.deepEqual([p.codes[0], p.operation, p.httpStatus, p.attempts, p.message, p.source], ['Throttling', 'AssumeRole', 400, 3, 'Rate exceeded', 'sdk-go-v2']);
  });

  it('reads the SDK for Go v1 form and Terraform output', () => {
    const go = parseErrorText('InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: 86d1302f');
    assert.deepEqual([go.codes[0], go.httpStatus, go.source], ['InvalidClientTokenId', 403, 'sdk-go']);
    const tf = parseErrorText(
      'Error: configuring Terraform AWS Provider: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 1f2e, api error ExpiredToken: The security token included in the request is expired',
    );
    assert.deepEqual([tf.codes[0], tf.operation, tf.source], ['ExpiredToken', 'GetCallerIdentity', 'terraform']);
  });

  it('reads the SDK for Java v1 form and v2 class names', () => {
    const v1 = parseErrorText(`${DENIED} (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: 1234)`);
    assert.deepEqual([v1.codes[0], v1.httpStatus, v1.message, v1.source], ['AccessDenied', 403, DENIED, 'sdk-java']);
    const v2 = parseErrorText('software.amazon.awssdk.services.sts.model.RegionDisabledException: STS is not activated in this region for account:123456789012. (Service: Sts, Status Code: 403, Request ID: 1)');
    assert.equal(v2.codes[0], 'RegionDisabledException');
    assert.equal(v2.message, 'STS is not activated in this region for account:123456789012.');
  });

  it('reads .NET, PHP and Ruby forms', () => {
    assert.equal(parseErrorText('Amazon.SecurityToken.Model.ExpiredTokenException: The security token included in the request is expired').codes[0], 'ExpiredTokenException');
    const php = parseErrorText('Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"; AWS HTTP error: Client error: AccessDenied (client): Not authorized to perform sts:AssumeRole - <ErrorResponse');
    assert.deepEqual([php.codes[0], php.operation, php.hostname, php.source], ['AccessDenied', 'AssumeRole', 'sts.eu-west-1.amazonaws.com', 'sdk-php']);
    const ruby = parseErrorText("client.rb:15:in `call': MultiFactorAuthentication failed with invalid MFA one time pass code. (Aws::STS::Errors::AccessDenied)");
    assert.deepEqual([ruby.codes[0], ruby.message], ['AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.']);
  });

  it('reads AWS Tools for PowerShell output, mapping the cmdlet to its operation', () => {
    const text = [
      `Use-STSRole : ${DENIED}`,
      'At line:1 char:1',
      '+ Use-STSRole -RoleArn arn:aws:iam::444455556666:role/Deploy -RoleSessionName s1',
      '    + CategoryInfo          : InvalidOperation: (Amazon.PowerShell.Cmdlets.STS.UseSTSRoleCmdlet:UseSTSRoleCmdlet) [Use-STSRole], InvalidOperationException',
      '    + FullyQualifiedErrorId : Amazon.SecurityToken.AmazonSecurityTokenServiceException,Amazon.PowerShell.Cmdlets.STS.UseSTSRoleCmdlet',
    ].join('\n');
    const p = parseErrorText(text);
    assert.deepEqual([p.operation, p.source], ['AssumeRole', 'sdk-dotnet']);
    const d = classify(text);
    assert.equal(d.category, 'access-denied');
    assert.ok(d.nextSteps.some((s) => s.includes('"Resource": "arn:aws:iam::444455556666:role/Deploy"')));
    assert.equal(parseErrorText('Get-STSSessionToken : The security token included in the request is expired').operation, 'GetSessionToken');
    assert.equal(parseErrorText('Use-STSWebIdentityRole : Not authorized').operation, 'AssumeRoleWithWebIdentity');
  });

  it('reads raw XML and JSON error bodies', () => {
    const xml = parseErrorText('<ErrorResponse><Error><Type>Sender</Type><Code>IDPRejectedClaim</Code><Message>Token rejected</Message></Error></ErrorResponse>');
    assert.deepEqual([xml.codes[0], xml.message], ['IDPRejectedClaim', 'Token rejected']);
    const json = parseErrorText('{"__type":"com.amazonaws.sts#ThrottlingException","message":"Rate exceeded"}');
    assert.deepEqual([json.codes[0], json.message], ['ThrottlingException', 'Rate exceeded']);
  });

  it('reads the GitHub Actions action’s messages', () => {
    const text = 'Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity';
    const p = parseErrorText(text);
    assert.equal(p.source, 'github-actions');
    assert.equal(p.operation, 'AssumeRoleWithWebIdentity');
    assert.equal(classify(text).category, 'web-identity');
  });

  it('finds the most specific signal in a long, mixed log', () => {
    const log = [
      '2024-05-01T10:00:00Z INFO starting deploy',
      'WARN retrying after Error: connect ETIMEDOUT 10.0.0.1:443',
      'ERROR deploy failed: ClientError: An error occurred (RegionDisabledException) when calling the AssumeRole operation: STS is not activated in this region for account:123456789012.',
      '    at deploy (deploy.js:10:5)',
    ].join('\n');
    const d = classify(log);
    assert.equal(d.category, 'region-disabled');
    assert.equal(d.code, 'RegionDisabledException');
    assert.equal(d.operation, 'AssumeRole');
    assert.equal(d.message, 'STS is not activated in this region for account:123456789012.');
  });

  it('keeps a host name and ignores words that are not error names', () => {
    const p = parseErrorText("Error: getaddrinfo ENOTFOUND sts.eu.amazonaws.com {\n  code: 'ENOTFOUND',\n  hostname: 'sts.eu.amazonaws.com'\n}");
    assert.equal(p.hostname, 'sts.eu.amazonaws.com');
    assert.deepEqual(p.codes, ['ENOTFOUND']);
    assert.deepEqual(parseErrorText('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed').codes, []);
  });
});
