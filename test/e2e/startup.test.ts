// `stsctl --help` and `--version` must not load the AWS SDK: a resolve hook records every module the process loads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI_PATH } from '../support/cli-runner.js';

function modulesLoadedBy(args: readonly string[]): { urls: string[]; status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stsctl-startup-'));
  try {
    const log = join(dir, 'loaded.txt');
    const hooks = join(dir, 'hooks.mjs');
    const register = join(dir, 'register.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
  return result;
}\n`,
    );
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    writeFileSync(log, '');
    const result = spawnSync(process.execPath, ['--import', register, CLI_PATH, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, NO_COLOR: '1' },
    });
    return { urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sdkModules(urls: readonly string[]): string[] {
  return urls.filter((url) => /@aws-sdk|@smithy|sdk-adapter|credential-providers/.test(url));
}

describe('start-up', () => {
  it('--version answers without loading the AWS SDK or commander', () => {
    const run = modulesLoadedBy(['--version']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.ok(run.urls.some((url) => url.includes('stsctl') || url.includes('bundle')), 'the hook saw stsctl load');
    assert.deepEqual(sdkModules(run.urls), []);
    assert.deepEqual(run.urls.filter((url) => /program-|commander/.test(url)), []);
  });

  it('--help and a command\'s --help do not load the AWS SDK', () => {
    for (const args of [['--help'], ['whoami', '--help']]) {
      const run = modulesLoadedBy(args);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Usage: stsctl/);
      assert.ok(run.urls.some((url) => /program-/.test(url)), 'the program chunk was loaded');
      assert.deepEqual(sdkModules(run.urls), [], `${args.join(' ')} loaded the SDK`);
    }
  });

  it('every command\'s help has a worked example', () => {
    const help = spawnSync(process.execPath, [CLI_PATH, '--help'], { encoding: 'utf8' }).stdout;
    const commandSection = help.slice(help.indexOf('Commands:'));
    const commands = [...commandSection.matchAll(/^ {2}([a-z-]+)(?: \[options\]| \[|\s)/gm)].map((match) => match[1] ?? '').filter((name) => name && name !== 'help');
    assert.ok(commands.includes('whoami'));
    for (const command of commands) {
      const commandHelp = spawnSync(process.execPath, [CLI_PATH, command, '--help'], { encoding: 'utf8' }).stdout;
      assert.match(commandHelp, /Examples?:\n\s+\$ .*stsctl /, `stsctl ${command} --help has no example`);
    }
  });

  it('unknown commands and options exit 2 with a suggestion', () => {
    const command = spawnSync(process.execPath, [CLI_PATH, 'whoamii'], { encoding: 'utf8' });
    assert.equal(command.status, 2);
    assert.match(command.stderr, /Did you mean whoami\?/);
    const option = spawnSync(process.execPath, [CLI_PATH, 'whoami', '--jsn'], { encoding: 'utf8' });
    assert.equal(option.status, 2);
    assert.match(option.stderr, /Did you mean --json\?/);
    assert.equal(option.stdout, '');
  });
});
