// The yardstick for `stsctl whoami`: the smallest program that makes the same single SDK call.
// Credentials and endpoint come from the environment the benchmark sets.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const client = new STSClient({
  region: process.env['AWS_REGION'] ?? 'us-east-1',
  endpoint: process.env['AWS_ENDPOINT_URL_STS'],
  credentials: {
    accessKeyId: process.env['BENCH_ACCESS_KEY_ID'] ?? '',
    secretAccessKey: process.env['BENCH_SECRET_ACCESS_KEY'] ?? '',
  },
});
const identity = await client.send(new GetCallerIdentityCommand({}));
process.stdout.write(`${identity.Arn ?? ''}\n`);
