// `npm run emulator`: the emulator as a long-running process for trying stsctl (or the AWS CLI) by hand.
// The only file of the test bench that prints.
import { demoConfig } from './demo.js';
import { startEmulator } from './server.js';

export const DEFAULT_EMULATOR_PORT = 4599;

function readPort(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const flagIndex = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const flag = argv[flagIndex];
  const raw =
    flag === undefined ? env.STSCTL_EMULATOR_PORT : flag.includes('=') ? flag.slice('--port='.length) : argv[flagIndex + 1];
  if (raw === undefined || raw === '') return DEFAULT_EMULATOR_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const port = readPort(process.argv.slice(2), process.env);
  const emulator = await startEmulator({ port });
  const { config, credentials } = demoConfig();
  const out = process.stdout;
  out.write(`# stsctl STS emulator listening on ${emulator.url} (Ctrl-C to stop)\n`);
  out.write(`export AWS_ENDPOINT_URL_STS=${emulator.url}\n`);
  out.write(`# optional, for the simulated EC2 RunInstances denial:\n# export AWS_ENDPOINT_URL_EC2=${emulator.ec2Url}\n`);
  out.write('\n# ---- ~/.aws/config (or a file named by AWS_CONFIG_FILE) ----\n');
  out.write(config);
  out.write('\n# ---- ~/.aws/credentials (or a file named by AWS_SHARED_CREDENTIALS_FILE) ----\n');
  out.write(credentials);
  out.write(`\n# MFA code for alice's device: 123456\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// `npm test` runs `node --test dist/test/`, which treats every .js file under a test/ directory as a test file,
// this one included. Under the test runner (NODE_TEST_CONTEXT is set in its child processes) starting a server
// that never stops would hang the whole run, so do nothing there.
if (process.env.NODE_TEST_CONTEXT === undefined) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
