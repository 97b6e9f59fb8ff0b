#!/usr/bin/env node
// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as Electron's
// sandbox requires) into out/. Native modules and electron stay external.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning', legalComments: 'none' };

await build({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: 'out/main/index.js',
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'keytar'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('Built out/main/index.js and out/preload/index.cjs');
