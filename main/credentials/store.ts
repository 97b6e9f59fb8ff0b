import { createRequire } from 'node:module';
import { AppError } from '../shared/errors';

/** The slice of keytar we use; typed here so the rest of the app never touches keytar directly. */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * The one place secrets live: the OS keychain (Keychain, Credential Manager, Secret Service).
 * There is deliberately no fallback: if the keychain is missing, secrets are refused, not written
 * somewhere weaker.
 */
export interface CredentialStore {
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
}

export const KEYCHAIN_HELP =
  'Civic Social Desk keeps passwords, 2FA seeds and tokens only in the operating system keychain. ' +
  'On Linux that is the Secret Service (GNOME Keyring or KWallet), which must be running and unlocked. Nothing was stored.';

let loaded: Keytar | Error | null = null;

function loadKeytar(): Keytar {
  if (loaded === null) {
    try {
      loaded = createRequire(import.meta.url)('keytar') as Keytar;
    } catch (err) {
      loaded = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (loaded instanceof Error) throw unavailable(`the keychain library could not be loaded (${loaded.message})`);
  return loaded;
}

function unavailable(reason: string): AppError {
  return new AppError('keychain_unavailable', `The OS keychain is not available: ${reason}. ${KEYCHAIN_HELP}`);
}

/** A keychain that hangs (a locked collection waiting on a prompt nobody sees) must not hang the app. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(`no answer within ${ms / 1000} s while trying to ${what}`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable(`${what} failed (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    clearTimeout(timer);
  }
}

function checkAccount(account: string): void {
  if (!/^[\w.:@-]{1,200}$/.test(account)) throw new AppError('invalid_input', `"${account}" is not a valid credential name.`);
}

export function serviceName(workspaceId: string): string {
  return `Civic Social Desk/${workspaceId}`;
}

/** Opens the store after proving the keychain answers, so callers learn it is missing up front. */
export async function openCredentialStore(workspaceId: string, options: { timeoutMs?: number } = {}): Promise<CredentialStore> {
  const keytar = loadKeytar();
  const service = serviceName(workspaceId);
  const ms = options.timeoutMs ?? 5000;
  await withTimeout(keytar.findCredentials(service), ms, 'read the keychain');
  return {
    service,
    async get(account) {
      checkAccount(account);
      return withTimeout(keytar.getPassword(service, account), ms, 'read a secret');
    },
    async set(account, secret) {
      checkAccount(account);
      if (secret.length === 0) throw new AppError('invalid_input', 'An empty secret cannot be stored.');
      await withTimeout(keytar.setPassword(service, account, secret), ms, 'store a secret');
    },
    async delete(account) {
      checkAccount(account);
      return withTimeout(keytar.deletePassword(service, account), ms, 'delete a secret');
    },
    async accounts() {
      const found = await withTimeout(keytar.findCredentials(service), ms, 'list secrets');
      return found.map((c) => c.account).sort();
    },
  };
}

export async function keychainStatus(workspaceId: string): Promise<{ available: boolean; message: string }> {
  try {
    await openCredentialStore(workspaceId, { timeoutMs: 3000 });
    return { available: true, message: 'The OS keychain is available; secrets are stored there and nowhere else.' };
  } catch (err) {
    return { available: false, message: err instanceof Error ? err.message : String(err) };
  }
}
