#!/usr/bin/env node
// `npm run web`: the app in a browser through the test bridge, on the demo workspace.
import { spawn, spawnSync } from 'node:child_process';
import { ensureNode } from './native-abi.mjs';

ensureNode();
const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn('node', ['--import', 'tsx', 'test/bridge/web.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
