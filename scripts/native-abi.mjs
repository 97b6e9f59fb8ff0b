#!/usr/bin/env node
// Native modules (better-sqlite3, keytar) are compiled for one runtime at a time: Node's ABI for
// tests and the CLI, Electron's for the app. A stamp in node_modules records which one is built,
// so `npm test` and `npm start` rebuild only when they must, and never fight over it silently.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const STAMP = join(root, 'node_modules', '.civicdesk-native-abi.json');
const MODULES = ['better-sqlite3', 'keytar'];
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

function writeStamp(stamp) {
  writeFileSync(STAMP, `${JSON.stringify({ ...stamp, at: new Date().toISOString() }, null, 2)}\n`);
}

function loadsUnderNode() {
  try {
    execFileSync(process.execPath, ['-e', MODULES.map((m) => `require(${JSON.stringify(m)})`).join(';')], { cwd: root, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function ensureNode() {
  const want = { runtime: 'node', abi: process.versions.modules };
  const stamp = readStamp();
  if (stamp?.runtime === want.runtime && stamp.abi === want.abi && loadsUnderNode()) return;
  if (!stamp && loadsUnderNode()) {
    writeStamp(want);
    return;
  }
  console.log(`Rebuilding ${MODULES.join(', ')} for Node (ABI ${want.abi}); they were built for ${stamp ? `${stamp.runtime} ${stamp.abi ?? stamp.version}` : 'something else'}…`);
  execFileSync(npm, ['rebuild', ...MODULES], { cwd: root, stdio: 'inherit' });
  if (!loadsUnderNode()) throw new Error(`${MODULES.join(', ')} still do not load under Node after a rebuild; see the output above.`);
  writeStamp(want);
}

export function ensureElectron() {
  const version = require('electron/package.json').version;
  const stamp = readStamp();
  if (stamp?.runtime === 'electron' && stamp.version === version) return;
  console.log(`Rebuilding ${MODULES.join(', ')} for Electron ${version}…`);
  execFileSync(npm, ['exec', '--', 'electron-builder', 'install-app-deps'], { cwd: root, stdio: 'inherit' });
  writeStamp({ runtime: 'electron', version });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, runtime] = process.argv.slice(2);
  if (command !== 'ensure' || (runtime !== 'node' && runtime !== 'electron')) {
    console.error('usage: node scripts/native-abi.mjs ensure node|electron');
    process.exit(2);
  }
  try {
    if (runtime === 'node') ensureNode();
    else ensureElectron();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
