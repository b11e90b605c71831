// --exec: the child's environment (stale credentials and AWS_PROFILE gone, new ones set, the nesting marker), the
// nesting guard, exit statuses and signals passed on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertNotNested,
  buildExecEnvironment,
  execMarkerVariable,
  exitCodeForSignal,
  runWithCredentials,
  type ExecRequest,
} from '../../../src/exec/run-with-credentials.js';
import { StsctlError } from '../../../src/errors.js';

const assignments: [string, string][] = [
  ['AWS_ACCESS_KEY_ID', 'ASIANEWEXAMPLE000001'],
  ['AWS_SECRET_ACCESS_KEY', 'new-secret'],
  ['AWS_SESSION_TOKEN', 'new-token'],
  ['STSCTL_ASSUMED_ROLE', 'arn:aws:iam::222222222222:role/Deploy'],
];

function request(command: string, args: string[], extra: Partial<ExecRequest> = {}): ExecRequest {
  return {
    command,
    args,
    baseEnv: { PATH: process.env['PATH'], AWS_PROFILE: 'old', AWS_SESSION_TOKEN: 'old-token', AWS_SECURITY_TOKEN: 'old', KEEP: 'yes' },
    assignments,
    label: 'arn:aws:iam::222222222222:role/Deploy',
    interactive: false,
    platform: process.platform,
    ...extra,
  };
}

describe('buildExecEnvironment', () => {
  it('drops stale credentials and AWS_PROFILE, sets the new ones and the exec marker, keeps the rest', () => {
    const env = buildExecEnvironment(request('x', []));
    assert.equal(env['AWS_PROFILE'], undefined);
    assert.equal(env['AWS_SECURITY_TOKEN'], undefined);
    assert.equal(env['AWS_SESSION_TOKEN'], 'new-token');
    assert.equal(env['AWS_ACCESS_KEY_ID'], 'ASIANEWEXAMPLE000001');
    assert.equal(env['KEEP'], 'yes');
    assert.equal(env[execMarkerVariable], 'arn:aws:iam::222222222222:role/Deploy');
  });
});

describe('assertNotNested', () => {
  it('refuses inside another stsctl exec unless --chain', () => {
    assert.throws(() => assertNotNested({ [execMarkerVariable]: 'arn:outer' }, false), (error: StsctlError) => error.exitCode === 2 && /--chain/.test(error.hints.join()));
    assertNotNested({ [execMarkerVariable]: 'arn:outer' }, true);
    assertNotNested({}, false);
  });
});

describe('runWithCredentials', () => {
  const node = process.execPath;
  const report = (): void => undefined;

  it("exits with the command's status and gives it the environment", async () => {
    const code = await runWithCredentials(
      request(node, ['-e', 'process.exit(process.env.AWS_SESSION_TOKEN === "new-token" && !process.env.AWS_PROFILE ? 7 : 1)']),
      { report },
    );
    assert.equal(code, 7);
  });

  it('answers 127 when the command does not exist', async () => {
    const lines: string[] = [];
    const code = await runWithCredentials(request('stsctl-no-such-command-xyz', []), { report: (line) => lines.push(line) });
    assert.equal(code, 127);
    assert.match(lines.join('\n'), /command not found: stsctl-no-such-command-xyz/);
  });

  it('passes SIGTERM on and reports 128+15 when the command dies of it', { skip: process.platform === 'win32' }, async () => {
    const handlers = new Map<string, () => void>();
    const signals = {
      on: (signal: string, handler: () => void) => void handlers.set(signal, handler),
      off: (signal: string) => void handlers.delete(signal),
    } as unknown as Pick<NodeJS.Process, 'on' | 'off'>;
    const running = runWithCredentials(request(node, ['-e', 'setInterval(() => {}, 1000); console.error("ready")']), { report, signals });
    await new Promise((resolve) => setTimeout(resolve, 300));
    handlers.get('SIGTERM')?.();
    assert.equal(await running, exitCodeForSignal('SIGTERM'));
    assert.equal(exitCodeForSignal('SIGTERM'), 143);
    assert.equal(handlers.size, 0, 'handlers are removed once the command ends');
  });

  it('does not repeat a terminal Ctrl-C to an interactive command (it already got it)', async () => {
    const handlers = new Map<string, () => void>();
    const signals = {
      on: (signal: string, handler: () => void) => void handlers.set(signal, handler),
      off: (signal: string) => void handlers.delete(signal),
    } as unknown as Pick<NodeJS.Process, 'on' | 'off'>;
    const running = runWithCredentials(request(node, ['-e', 'setTimeout(() => process.exit(3), 400)'], { interactive: true }), { report, signals });
    await new Promise((resolve) => setTimeout(resolve, 100));
    handlers.get('SIGINT')?.();
    assert.equal(await running, 3);
  });
});
