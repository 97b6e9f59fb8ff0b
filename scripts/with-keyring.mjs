#!/usr/bin/env node
// Runs a command with a real Secret Service: a private D-Bus session with gnome-keyring unlocked.
// Tests of the credential store talk to it exactly as the app talks to the desktop's keychain.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs COMMAND [ARGS...]');
  process.exit(2);
}

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
let child;
if (process.platform === 'linux' && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  // A throwaway keyring in its own folder, so it never meets (or fails to unlock) the user's own.
  const keyringHome = mkdtempSync(join(tmpdir(), 'civicdesk-keyring-'));
  const script = 'printf %s "$CIVICDESK_TEST_KEYRING_PW" | XDG_DATA_HOME="$CIVICDESK_TEST_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
  child = spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], {
    stdio: 'inherit',
    env: { ...process.env, CIVICDESK_TEST_KEYRING_PW: 'civicdesk-test', CIVICDESK_TEST_KEYRING_HOME: keyringHome },
  });
  child.on('exit', () => rmSync(keyringHome, { recursive: true, force: true }));
} else {
  if (process.platform === 'linux') console.warn('with-keyring: dbus-run-session or gnome-keyring-daemon not found; using the session keychain as it is.');
  child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
