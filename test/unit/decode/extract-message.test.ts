// Finding the encoded message in what people paste: AWS CLI, boto3, Terraform, Go and JS SDK errors, log lines and
// JSON logs, with line breaks, quotes and gutters, and refusing everything that is not a message before any request.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { extractEncodedMessage, maxEncodedMessageLength, validateEncodedMessage } from '../../../src/decode/extract-message.js';
import { UsageError } from '../../../src/errors.js';

/** A message shaped like AWS's: long, URL-safe base64, with '-' and '_'. Deterministic per seed. */
function fakeMessage(seed: string, length = 700): string {
  let out = '';
  let block = seed;
  while (out.length < length) {
    block = createHash('sha256').update(block).digest('base64url');
    out += block;
  }
  return out.slice(0, length);
}

const message = fakeMessage('one');
const other = fakeMessage('two');

/** Splits a message into lines of `width` characters, as a terminal or log viewer wraps it. */
function wrap(text: string, width: number, firstLineUsed = 0): string[] {
  const lines: string[] = [text.slice(0, width - firstLineUsed)];
  for (let i = width - firstLineUsed; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines;
}

function assertUsage(input: string, fragment: string | RegExp): UsageError {
  let caught: unknown;
  try {
    extractEncodedMessage(input);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UsageError, `expected a UsageError for ${JSON.stringify(input.slice(0, 60))}, got ${String(caught)}`);
  assert.equal(caught.exitCode, 2);
  assert.equal(caught.code, 'NotAnEncodedMessage');
  if (typeof fragment === 'string') assert.ok(caught.message.includes(fragment), caught.message);
  else assert.match(caught.message, fragment);
  return caught;
}

describe('extractEncodedMessage', () => {
  it('takes a bare message as it is', () => {
    assert.deepEqual(extractEncodedMessage(message), { message, foundBy: 'bare', joinedLines: 0, others: 0 });
  });

  it('strips quotes, surrounding blanks and line breaks around a bare message', () => {
    assert.equal(extractEncodedMessage(`  "${message}"\n`).message, message);
    assert.equal(extractEncodedMessage(`'${message}'`).message, message);
    const wrapped = wrap(message, 80).join('\n');
    const found = extractEncodedMessage(`\n${wrapped}\r\n`);
    assert.equal(found.message, message);
    assert.equal(found.joinedLines, wrapped.split('\n').length - 1);
  });

  it('finds the message in an AWS CLI error', () => {
    const text = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}\n`;
    assert.deepEqual(extractEncodedMessage(text), { message, foundBy: 'marker', joinedLines: 0, others: 0 });
  });

  it('joins an AWS CLI error wrapped by a terminal at 80 columns, the prompt line after it left alone', () => {
    const prefix = 'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ';
    const flat = `${prefix}${message}`;
    const lines = wrap(flat, 80);
    const text = `$ aws ec2 run-instances --image-id ami-123 --instance-type t3.micro\n${lines.join('\n')}\n$ echo done\ndone\n`;
    const found = extractEncodedMessage(text);
    assert.equal(found.message, message);
    assert.ok(found.joinedLines > 5);
  });

  it('finds the message in a boto3 traceback', () => {
    const text = `Traceback (most recent call last):
  File "launch.py", line 12, in <module>
    ec2.run_instances(ImageId="ami-123", MinCount=1, MaxCount=1)
botocore.exceptions.ClientError: An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}`;
    assert.equal(extractEncodedMessage(text).message, message);
  });

  it('finds the message in Terraform output with its box gutter, not swallowing the lines after it', () => {
    const text = `╷
│ Error: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 403, RequestID: 3c1f6e4a-5b2d-4c1e-9f3a-2b7d8e9f0a1b, api error UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111111111111:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: ${message}
│ 
│   with aws_instance.web,
│   on main.tf line 12, in resource "aws_instance" "web":
│   12: resource "aws_instance" "web" {
│ 
╵`;
    assert.deepEqual(extractEncodedMessage(text), { message, foundBy: 'marker', joinedLines: 0, others: 0 });
  });

  it('joins a message Terraform wrapped inside its box', () => {
    const lines = wrap(message, 76, 40);
    const text = `│ Error: UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${lines[0] ?? ''}\n${lines
      .slice(1)
      .map((line) => `│ ${line}`)
      .join('\n')}\n│ \tstatus code: 403, request id: 8f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8\n│ \n│   with aws_instance.web,\n`;
    assert.equal(extractEncodedMessage(text).message, message);
  });

  it('stops at the Go SDK v1 "status code" line', () => {
    const text = `UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}\n\tstatus code: 403, request id: 8f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8`;
    assert.equal(extractEncodedMessage(text).message, message);
  });

  it('finds the message in a JSON log line and a JS SDK error, ending at the quote or escape', () => {
    const json = JSON.stringify({ level: 'error', msg: 'launch failed', error: `UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}\n\tstatus code: 403` });
    assert.equal(extractEncodedMessage(json).message, message);
    const sdk = `UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)`;
    assert.equal(extractEncodedMessage(sdk).message, message);
  });

  it('finds the message in a Java SDK error with the (Service: …) trailer', () => {
    const text = `com.amazonaws.services.ec2.model.AmazonEC2Exception: You are not authorized to perform this operation. Encoded authorization failure message: ${message} (Service: AmazonEC2; Status Code: 403; Error Code: UnauthorizedOperation; Request ID: 1a2b3c4d)`;
    assert.equal(extractEncodedMessage(text).message, message);
  });

  it('accepts the message on the line after the marker, and a quoted one', () => {
    assert.equal(extractEncodedMessage(`Encoded authorization failure message:\n   ${message}\n`).message, message);
    assert.equal(extractEncodedMessage(`Encoded authorization failure message: "${message}".`).message, message);
  });

  it('matches the marker whatever its case and spacing', () => {
    assert.equal(extractEncodedMessage(`encoded  authorization failure message : ${message}`).message, message);
  });

  it('ends at a line holding one ordinary word', () => {
    assert.equal(extractEncodedMessage(`... Encoded authorization failure message: ${message}\nError\n`).message, message);
  });

  it('joins a short last piece of a wrapped message', () => {
    const text = `Encoded authorization failure message: ${message.slice(0, 650)}\n${message.slice(650, 697)}\n${message.slice(697)}`;
    assert.equal(extractEncodedMessage(text).message, message);
  });

  it('decodes the first of several messages and counts the others', () => {
    const text = `Encoded authorization failure message: ${message}\nretrying\nEncoded authorization failure message: ${other}\nEncoded authorization failure message: ${message}\n`;
    assert.deepEqual(extractEncodedMessage(text), { message, foundBy: 'marker', joinedLines: 0, others: 1 });
  });

  it('refuses text that is not a message, saying what is wrong', () => {
    assertUsage('hello world', /not an encoded authorization message \(it contains a space/);
    assertUsage('arn:aws:iam::111111111111:user/alice', /\(it contains ":"\)/);
    assertUsage('{"allowed": false}', 'not an encoded authorization message');
    assertUsage('', 'No encoded message was given');
    assertUsage('  \n ', 'No encoded message was given');
  });

  it('says when the marker is there but the message is missing', () => {
    assertUsage('You are not authorized to perform this operation. Encoded authorization failure message: ', 'no message follows it');
    assertUsage('Encoded authorization failure message: …', 'no message follows it');
  });

  it('explains plain-text denials that carry no encoded message', () => {
    const error = assertUsage(
      'An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:GetObject action',
      'has no "Encoded authorization failure message:"',
    );
    assert.ok(error.hints.some((hint) => hint.includes('already name the principal')));
  });

  it('refuses a message longer than AWS accepts', () => {
    assertUsage(fakeMessage('long', maxEncodedMessageLength + 1), `at most ${String(maxEncodedMessageLength)}`);
    assert.equal(extractEncodedMessage(fakeMessage('max', maxEncodedMessageLength)).message.length, maxEncodedMessageLength);
  });
});

describe('validateEncodedMessage', () => {
  it('accepts the URL-safe and standard base64 alphabets, 1 to 10240 characters', () => {
    validateEncodedMessage('a');
    validateEncodedMessage('Ab0-_+/=');
    assert.throws(() => validateEncodedMessage(''), UsageError);
    assert.throws(() => validateEncodedMessage('abc def'), UsageError);
    assert.throws(() => validateEncodedMessage('abc\ndef'), UsageError);
    assert.throws(() => validateEncodedMessage('é'), UsageError);
  });
});
