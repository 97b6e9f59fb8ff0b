#!/usr/bin/env node
// Runs the CLI from the TypeScript sources, so `npx civicdesk` works in a fresh clone without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
