import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Civic Social Desk';
export const WORKSPACE_FILE = 'workspace.sqlite';

/**
 * The same folder Electron's app.getPath('userData') gives, computed without Electron so that the
 * CLI and the app open one workspace.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** `--data-dir DIR` wins over CIVICDESK_DATA_DIR, which wins over the user data folder. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const flag = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (flag >= 0) {
    const arg = argv[flag] ?? '';
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (!value || value.startsWith('--')) throw new Error('--data-dir needs a folder.');
    return resolve(value);
  }
  if (env.CIVICDESK_DATA_DIR) return resolve(env.CIVICDESK_DATA_DIR);
  return defaultUserDataDir(env);
}

export function workspaceFile(dataDir: string): string {
  return join(dataDir, WORKSPACE_FILE);
}
