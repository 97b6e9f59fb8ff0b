#!/usr/bin/env node
// `npm start`: build, make sure native modules match Electron, and open the app on the demo workspace.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary, ensureElectron } from './native-abi.mjs';

const electron = electronBinary();
if (!electron) {
  console.error([
    'Electron\u2019s binary is not installed here (installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 skip it).',
    'On a desktop machine: `npm ci` without that variable, then `npm start`.',
    'To try the app without Electron: `npm run web` opens it in your browser on the same demo workspace.',
  ].join('\n'));
  process.exit(1);
}
const dataDir = resolve(process.env.CIVICDESK_DATA_DIR ?? '.civicdesk-data/demo');
ensureElectron();
const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(electron, ['.', '--data-dir', dataDir, '--demo'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
