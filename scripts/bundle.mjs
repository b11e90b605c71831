// Bundle the CLI into a few ESM chunks under dist/bundle. Loading ~100 separate modules plus commander, chalk and
// ini costs as much as the AWS SDK itself; one chunk for start-up and lazily loaded chunks for the SDK and each
// command keep `stsctl --version` near bare Node and `whoami` near a minimal SDK script.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

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
