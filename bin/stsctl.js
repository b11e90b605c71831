#!/usr/bin/env node
// Launcher. The two invocations that run most often (shell prompts, scripts, `eval "$(stsctl assume X)"` in every
// new shell, credential_process on every AWS CLI call) are answered with the least code loaded: `--version` from
// package.json, and a cached `assume` by the bundled fast path, one CommonJS file compiled from V8's code cache
// (scripts/bundle.mjs makes both). Everything else, and anything the fast path does not fully handle, goes to the
// bundled entry point. README "Performance" has the figures.
import { readFileSync, writeSync } from 'node:fs';

const argv = process.argv.slice(2);

/** Returns the exit code when the fast path served the request, undefined when the full command must run. */
async function serveCachedAssume() {
  // One dynamic import; further built-ins come through require(), which is synchronous and cheaper.
  const { default: Module, createRequire } = await import('node:module');
  const { Script } = createRequire(import.meta.url)('node:vm');
  // A file: URL's path, decoded (node:url's fileURLToPath would cost another module load; on Windows, drop the
  // slash before the drive letter).
  const url = new URL('../dist/bundle/assume/', import.meta.url);
  const directory = decodeURIComponent(process.platform === 'win32' ? url.pathname.slice(1) : url.pathname);
  const file = `${directory}cached-fast-path.cjs`;
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No code cache: compile from source. V8 also ignores a cache made by another version.
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, directory);
  return module.exports.serveCachedAssumeForProcess(argv);
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  writeSync(1, `${version}\n`);
} else {
  const served = argv[0] === 'assume' ? await serveCachedAssume() : undefined;
  if (served !== undefined) {
    process.exitCode = served;
  } else {
    const { runProcess } = await import('../dist/bundle/main.js');
    runProcess();
  }
}
