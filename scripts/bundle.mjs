// Bundle the CLI into a few ESM chunks under dist/bundle. Loading ~100 separate modules plus commander, chalk and
// ini costs as much as the AWS SDK itself; one chunk for start-up and lazily loaded chunks for the SDK and each
// command keep `stsctl --version` near bare Node and `whoami` near a minimal SDK script.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies (the AWS SDK) call require() for Node built-ins.
  banner: { js: "import { createRequire as __stsctlCreateRequire } from 'node:module'; const require = __stsctlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The cached `stsctl assume` fast path, as one self-contained CommonJS file that main.js require()s: one synchronous
// load instead of several ESM chunks keeps `eval "$(stsctl assume X)"` within 1.2× of `stsctl --version` (npm run
// bench). It must not import anything heavy (commander, chalk, the SDK): src/assume/cached-fast-path.ts says why.
await build({
  entryPoints: ['src/assume/cached-fast-path.ts'],
  outfile: `${outdir}assume/cached-fast-path.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Fully minified: less for V8 to read and deserialise on every cached assume. Its failures never surface (the
  // full command runs instead), so readable names buy nothing here.
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// V8's code cache for the fast path, taken after it has served one (throwaway) cache hit so that it holds the compiled
// code of the whole hit path. main.ts loads it with the file; V8 ignores it if its version or flags differ.
const fastPath = `${outdir}assume/cached-fast-path.cjs`;
const script = new Script(Module.wrap(readFileSync(fastPath, 'utf8')), { filename: fastPath });
const fastModule = { exports: {} };
script.runInThisContext().call(fastModule.exports, fastModule.exports, createRequire(fastPath), fastModule, fastPath, dirname(fastPath));
const warmDir = mkdtempSync(join(tmpdir(), 'stsctl-warm-'));
try {
  fastModule.exports.warmUpFastPath(warmDir);
} finally {
  rmSync(warmDir, { recursive: true, force: true });
}
writeFileSync(`${fastPath}.cache`, script.createCachedData());
