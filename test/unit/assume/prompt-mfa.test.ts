// The MFA prompt: the question's wording, re-asking until the answer is six digits, and a clean failure (exit 4,
// with the --token-code alternative) when there is no terminal — the credential_process-under-an-IDE case.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { StsctlError } from '../../../src/errors.js';
import { createMfaPrompt, createTerminalAsker, noTerminalCode } from '../../../src/terminal/prompt-mfa.js';

const serial = 'arn:aws:iam::111111111111:mfa/alice';

describe('createMfaPrompt', () => {
  it('asks "Enter MFA code for <serial>:" and returns the digits', async () => {
    const questions: string[] = [];
    const prompt = createMfaPrompt({
      ask: async (question) => {
        questions.push(question);
        return ' 123 456 ';
      },
    });
    assert.equal(await prompt(serial), '123456');
    assert.deepEqual(questions, [`Enter MFA code for ${serial}: `]);
  });

  it('asks again, saying why, until the answer is six digits', async () => {
    const answers = ['12345', 'abcdef', '654321'];
    const questions: string[] = [];
    const prompt = createMfaPrompt({
      ask: async (question) => {
        questions.push(question);
        return answers.shift() ?? '';
      },
    });
    assert.equal(await prompt(serial), '654321');
    assert.equal(questions.length, 3);
    assert.match(questions[1] ?? '', /has 5 digits.*exactly six digits.*\nEnter MFA code for/s);
    assert.match(questions[2] ?? '', /other than digits/);
  });

  it('gives up after three bad answers with a usage error', async () => {
    const prompt = createMfaPrompt({ ask: async () => '1' });
    await assert.rejects(prompt(serial), (error: StsctlError) => error.exitCode === 2 && /six digits/.test(error.message));
  });
});

describe('createTerminalAsker', () => {
  it('fails with MfaCodeRequired (exit 4) and the --token-code hint when there is no terminal', () => {
    // A new session (setsid) has no controlling terminal, so /dev/tty cannot be opened: exactly the situation of a
    // credential_process started by an IDE or a CI job.
    if (process.platform === 'win32') return;
    const module = fileURLToPath(new URL('../../../src/terminal/prompt-mfa.js', import.meta.url));
    const script = `
      import(${JSON.stringify(module)}).then(async ({ createTerminalMfaPrompt }) => {
        try { await createTerminalMfaPrompt(process.platform, 'stsctl assume admin')(${JSON.stringify(serial)}); console.log('no error'); }
        catch (error) { console.log(JSON.stringify({ name: error.name, code: error.code, exitCode: error.exitCode, message: error.message, hints: error.hints })); }
      });`;
    const result = spawnSync('setsid', [process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return; // no setsid here
    const error = JSON.parse(result.stdout) as { code: string; exitCode: number; message: string; hints: string[] };
    assert.equal(error.code, noTerminalCode);
    assert.equal(error.exitCode, 4);
    assert.match(error.message, /An MFA code is needed for arn:aws:iam::111111111111:mfa\/alice, and there is no terminal to ask on/);
    assert.match(error.hints.join('\n'), /stsctl assume admin --token-code 123456/);
  });

  it('is a function of the platform only (nothing is opened until asked)', () => {
    assert.equal(typeof createTerminalAsker('linux'), 'function');
  });
});
