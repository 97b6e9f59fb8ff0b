#!/usr/bin/env node
// `npm test`: everything CI checks, in the order that fails fastest. Stops at the first failure
// and ends with one plain line of counts over every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureNode } from './native-abi.mjs';

const reports = 'test-results/reports';
const vitest = (name, extra = []) => ['scripts/with-keyring.mjs', 'npx', 'vitest', 'run', ...extra,
  '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/${name}.json`];

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['unit and integration tests', 'node', vitest('unit')],
  ['build the renderer', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['end-to-end tests in Chromium', 'node', vitest('e2e', ['--config', 'vitest.e2e.config.ts'])],
  ['Electron security scan (electronegativity)', 'node', ['scripts/electronegativity.mjs']],
  ['requirement trace', 'node', ['../shared/tools/trace.mjs']],
];

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const name of ['unit', 'e2e']) {
    const file = `${reports}/${name}.json`;
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
ensureNode();
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    console.log(counts());
    process.exit(r.status || 1);
  }
  console.log(`--- ${name}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\n${counts()}`);
