// stsctl cache list / clear: what is cached (masked access keys, expiry, no secrets anywhere) and emptying it.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTempHome, runCli, writeAwsFiles, type TempHome } from '../support/cli-runner.js';
import { demo, demoConfig, startEmulator, type Emulator } from '../support/emulator/index.js';

const files = demoConfig();

describe('stsctl cache', () => {
  let emulator: Emulator;
  let home: TempHome;

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.clearRequests();
    home = await createTempHome();
    await writeAwsFiles(home.path, files);
  });

  const run = (args: string[]) => runCli(args, { emulator, home });

  it('list shows each cached role with a masked access key and its expiry, and never a secret', async () => {
    const assumed = await run(['assume', 'deploy', '--format', 'json']);
    assert.equal(assumed.code, 0, assumed.stderr);
    const issued = JSON.parse(assumed.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };

    const list = await run(['cache', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /KEY\s+OPERATION\s+ROLE\s+SESSION\s+ACCESS KEY\s+EXPIRES\s+SOURCE/);
    assert.match(list.stdout, new RegExp(`AssumeRole\\s+${demo.roles.deploy.arn}\\s+alice\\s+${issued.AccessKeyId.slice(0, 4)}…${issued.AccessKeyId.slice(-4)}`));
    assert.match(list.stdout, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(in (59 min|1 h 0 min)\)/);
    assert.match(list.stdout, /1 cached in .*\.cache\/stsctl/);
    for (const text of [list.stdout, list.stderr]) {
      assert.ok(!text.includes(issued.AccessKeyId), 'the access key id is masked');
      assert.ok(!text.includes(issued.SecretAccessKey));
      assert.ok(!text.includes(issued.SessionToken));
    }
    assert.equal(emulator.requestCount('AssumeRole'), 1, 'listing makes no call');

    const json = await run(['cache', 'list', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout) as { entries: { accessKeyId: string; roleArn: string; status: string }[] };
    assert.equal(document.entries.length, 1);
    assert.equal(document.entries[0]?.roleArn, demo.roles.deploy.arn);
    assert.equal(document.entries[0]?.status, 'valid');
    assert.match(document.entries[0]?.accessKeyId ?? '', /^ASIA…[A-Z0-9]{4}$/);
    assert.ok(!json.stdout.includes(issued.SecretAccessKey) && !json.stdout.includes(issued.SessionToken));
  });

  it('clear removes every entry, and the next assume is fresh', async () => {
    await run(['assume', 'deploy']);
    await run(['assume', 'Ops', '--source-profile', 'alice']);
    const dir = join(home.path, '.cache', 'stsctl');
    assert.equal(readdirSync(dir).length, 2);

    const cleared = await run(['cache', 'clear']);
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.match(cleared.stderr, /Removed 2 cached credential sets from .*stsctl/);
    assert.equal(readdirSync(dir).length, 0);

    emulator.clearRequests();
    const again = await run(['assume', 'deploy']);
    assert.match(again.stderr, /\(fresh\)/);
    assert.equal(emulator.requestCount('AssumeRole'), 1);
  });

  it('list on an empty cache says so', async () => {
    const list = await run(['cache', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /No cached credentials in .*stsctl/);
  });
});
