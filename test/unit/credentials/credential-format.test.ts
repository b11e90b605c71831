import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { UsageError } from '../../../src/errors.js';
import { detectFormat, parseCredentialFormat } from '../../../src/credentials/index.js';

describe('detectFormat', () => {
  const cases: ReadonlyArray<[string | undefined, NodeJS.Platform, string]> = [
    ['/bin/bash', 'linux', 'sh'],
    ['/usr/bin/zsh', 'darwin', 'sh'],
    ['/bin/sh', 'linux', 'sh'],
    ['/bin/dash', 'linux', 'sh'],
    ['/bin/ksh', 'openbsd', 'sh'],
    ['/usr/local/bin/fish', 'darwin', 'fish'],
    ['/opt/homebrew/bin/fish', 'darwin', 'fish'],
    ['/usr/bin/pwsh', 'linux', 'powershell'],
    ['/opt/microsoft/powershell/7/pwsh', 'darwin', 'powershell'],
    ['/usr/bin/tcsh', 'linux', 'sh'],
    [undefined, 'linux', 'sh'],
    ['', 'darwin', 'sh'],
    ['C:\\Program Files\\Git\\usr\\bin\\bash.exe', 'win32', 'sh'],
    ['/usr/bin/bash', 'win32', 'sh'],
    ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'win32', 'powershell'],
  ];
  for (const [shell, platform, expected] of cases) {
    it(`SHELL=${String(shell)} on ${platform} → ${expected}`, () => {
      assert.equal(detectFormat({ SHELL: shell }, platform), expected);
    });
  }

  const machineWide =
    'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
  it('on Windows without SHELL, picks cmd when PSModulePath is only the machine-wide value cmd also sees', () => {
    assert.equal(detectFormat({ PSModulePath: machineWide }, 'win32'), 'cmd');
    assert.equal(detectFormat({}, 'win32'), 'cmd');
  });

  it('on Windows without SHELL, picks powershell when PSModulePath has the per-user folder PowerShell adds', () => {
    const pwsh7 = `C:\\Users\\ana\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\Modules;c:\\program files\\powershell\\7\\Modules;${machineWide}`;
    const windowsPowerShell = `C:\\Users\\ana\\OneDrive\\Dokumente\\WindowsPowerShell\\Modules;${machineWide}`;
    assert.equal(detectFormat({ PSModulePath: pwsh7 }, 'win32'), 'powershell');
    assert.equal(detectFormat({ PSModulePath: windowsPowerShell }, 'win32'), 'powershell');
  });

  it('ignores PSModulePath off Windows', () => {
    assert.equal(detectFormat({ PSModulePath: 'C:\\Users\\a\\Documents\\PowerShell\\Modules' }, 'linux'), 'sh');
  });
});

describe('parseCredentialFormat', () => {
  it('accepts the names and common aliases', () => {
    assert.equal(parseCredentialFormat('sh'), 'sh');
    assert.equal(parseCredentialFormat('Bash'), 'sh');
    assert.equal(parseCredentialFormat('zsh'), 'sh');
    assert.equal(parseCredentialFormat('pwsh'), 'powershell');
    assert.equal(parseCredentialFormat('env'), 'dotenv');
    assert.equal(parseCredentialFormat('credential_process'), 'json');
    assert.equal(parseCredentialFormat('cmd'), 'cmd');
  });

  it('lists the accepted formats when the value is unknown', () => {
    assert.throws(
      () => parseCredentialFormat('tcsh'),
      (error: unknown) =>
        error instanceof UsageError &&
        error.exitCode === 2 &&
        error.message === '--format "tcsh" is not a known format: use one of sh, fish, powershell, cmd, dotenv, json',
    );
  });
});
