// The decode command against a fake STS port: input from arguments, stdin and files; bad input refused before the
// SDK is loaded; the failure context remembered for the diagnosis; string booleans parsed.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';

import { readDecodeInput, runDecode } from '../../../src/commands/decode.js';
import type { Deps } from '../../../src/deps.js';
import { UsageError } from '../../../src/errors.js';
import { createOutput } from '../../../src/render/output.js';
import type { Runtime } from '../../../src/runtime.js';
import type { StsPort } from '../../../src/sts/port.js';

const message = 'AbCdEfGh0123456789_-'.repeat(20);
const decodedMessage = JSON.stringify({
  allowed: 'false',
  explicitDeny: 'false',
  matchedStatements: { items: [] },
  failures: { items: [] },
  context: {
    principal: { id: 'AIDAALICEEXAMPLE00001', name: 'alice', arn: 'arn:aws:iam::111111111111:user/alice' },
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-east-1:111111111111:instance/*',
    conditions: { items: [{ key: 'ec2:Region', values: { items: [{ value: 'us-east-1' }] } }] },
  },
});

interface Harness {
  readonly runtime: Runtime;
  readonly stsCreated: () => number;
  readonly decoded: string[];
  readonly stderr: string[];
}

function harness(options: { stdin?: string; stdinIsTty?: boolean; files?: Record<string, string> } = {}): Harness {
  let created = 0;
  const decoded: string[] = [];
  const stderr: string[] = [];
  const stdin = Object.assign(Readable.from([Buffer.from(options.stdin ?? '')]), { isTTY: options.stdinIsTty ?? false });
  const port = {
    decodeAuthorizationMessage: (encoded: string) => {
      decoded.push(encoded);
      return Promise.resolve(decodedMessage);
    },
  } as unknown as StsPort;
  const deps: Deps = {
    env: { AWS_ACCESS_KEY_ID: 'AKIAALICEEXAMPLE0001', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-value-000000000000000', AWS_REGION: 'us-east-1' },
    homedir: '/nonexistent-home',
    username: 'tester',
    platform: 'linux',
    readFile: (path) => {
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    now: () => new Date('2026-01-01T00:00:00Z'),
    stdout: { write: () => true },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin,
    createSts: () => {
      created += 1;
      return Promise.resolve(port);
    },
  };
  const failureContext: Record<string, unknown> = {};
  const globals = { json: false, color: false, debug: false };
  const runtime: Runtime = {
    deps,
    globals: () => globals,
    output: () => createOutput(deps, deps.env, globals),
    remember: (facts) => void Object.assign(failureContext, facts),
    failureContext,
  };
  return { runtime, stsCreated: () => created, decoded, stderr };
}

describe('readDecodeInput', () => {
  it('joins unquoted words back together', async () => {
    const { runtime } = harness();
    assert.equal(await readDecodeInput({ args: ['Encoded', 'authorization', 'failure', 'message:', message] }, runtime), `Encoded authorization failure message: ${message}`);
  });

  it('reads stdin for "-", and for no argument when stdin is piped', async () => {
    assert.equal(await readDecodeInput({ args: ['-'] }, harness({ stdin: 'pasted\ntext' }).runtime), 'pasted\ntext');
    assert.equal(await readDecodeInput({ args: [] }, harness({ stdin: 'piped' }).runtime), 'piped');
  });

  it('prompts on a terminal for "-", and refuses no argument there', async () => {
    const tty = harness({ stdin: message, stdinIsTty: true });
    assert.equal(await readDecodeInput({ args: ['-'] }, tty.runtime), message);
    assert.match(tty.stderr.join(''), /Paste the error text/);
    await assert.rejects(readDecodeInput({ args: [] }, harness({ stdinIsTty: true }).runtime), UsageError);
  });

  it('reads --file, and refuses an unreadable file or a file plus an argument', async () => {
    const { runtime } = harness({ files: { '/tmp/err.txt': 'from file' } });
    assert.equal(await readDecodeInput({ args: [], file: '/tmp/err.txt' }, runtime), 'from file');
    await assert.rejects(readDecodeInput({ args: [], file: '/tmp/missing.txt' }, runtime), (error: unknown) => error instanceof UsageError && /ENOENT/.test(error.message));
    await assert.rejects(readDecodeInput({ args: ['x'], file: '/tmp/err.txt' }, runtime), UsageError);
  });
});

describe('runDecode', () => {
  it('decodes the cleaned message and returns the parsed document with advice', async () => {
    const h = harness();
    const text = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${message.slice(0, 150)}\n${message.slice(150)}\n`;
    const result = await runDecode(h.runtime, text);
    assert.deepEqual(h.decoded, [message]);
    assert.equal(result.verdict, 'implicit-deny');
    assert.equal(result.allowed, false);
    assert.equal(result.context.action, 'ec2:RunInstances');
    assert.equal(result.advice.allowStatement?.Action, 'ec2:RunInstances');
    assert.deepEqual(result.input, { foundBy: 'marker', length: message.length, joinedLines: 1, others: 0 });
    assert.equal((result.decodedMessage as { allowed: string }).allowed, 'false');
    assert.equal(h.runtime.failureContext.operation, 'DecodeAuthorizationMessage');
    assert.equal(h.runtime.failureContext.region, 'us-east-1');
    assert.equal(h.runtime.failureContext.accessKeyId, 'AKIAALICEEXAMPLE0001');
  });

  it('refuses input that is not a message before the SDK is loaded', async () => {
    for (const text of ['hello world', 'arn:aws:iam::111111111111:user/alice', '', 'Encoded authorization failure message: ']) {
      const h = harness();
      await assert.rejects(runDecode(h.runtime, text), (error: unknown) => error instanceof UsageError && error.exitCode === 2);
      assert.equal(h.stsCreated(), 0, `the STS port was created for ${JSON.stringify(text)}`);
      assert.equal(h.runtime.failureContext.operation, undefined);
    }
  });
});
