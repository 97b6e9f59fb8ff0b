import { readFileSync } from 'node:fs';
import { openCredentialStore } from '../credentials/store';
import { checkCliPassphrase } from '../lock/app-lock';
import { requireCapability, type DomainContext } from '../registry/context';
import { findSite } from '../registry/site-read';
import { updateSite } from '../registry/sites';
import { AppError } from '../shared/errors';
import { setPassword, setTotp, totpCode } from '../vault/service';
import type { TotpSource } from '../vault/totp-source';
import { contextFor, openWorkspace, type Workspace } from '../workspace/workspace';
import type { Command } from './main';
import { printJson, type Io } from './output';

/**
 * The vault from a terminal, for IT's scripts. It acts as the workspace's owner like every other
 * command; once the workspace has a passphrase (SEC-5), it must be given in CIVICDESK_PASSPHRASE.
 */

/** Opens the workspace as its owner and refuses at once if the owner's role may not use the vault. */
async function withVault<T>(dataDir: string, io: Io, fn: (ws: Workspace, ctx: DomainContext) => Promise<T>): Promise<T> {
  const ws = openWorkspace(dataDir);
  try {
    const ctx = contextFor(ws);
    requireCapability(ctx, 'vault.use', 'use the vault');
    await checkCliPassphrase(ws, await openCredentialStore(ws.id), io.env.CIVICDESK_PASSPHRASE);
    return await fn(ws, ctx);
  } finally {
    ws.close();
  }
}

function oneSite(positionals: string[], usage: string): string {
  if (positionals.length !== 1 || !positionals[0]?.trim()) throw new AppError('invalid_input', `Name one site by its id or handle: civicdesk ${usage}`);
  return positionals[0].trim();
}

/** Longest line read from stdin: a password is at most 1024 characters, an otpauth link 2048. */
const MAX_LINE = 4096;

/**
 * One line from stdin, without its line ending. Reading stops at the first newline so a password
 * piped with `printf '%s\n'` or typed at a terminal works the same; nothing is echoed back.
 */
export async function readLine(io: Io, what: string): Promise<string> {
  const input = io.stdin;
  if (!input) throw new AppError('invalid_input', `Give the ${what} on standard input.`);
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const end = text.indexOf('\n');
    if (end >= 0) {
      text = text.slice(0, end);
      break;
    }
    if (text.length > MAX_LINE) break;
  }
  const line = text.replace(/\r$/, '');
  if (line.length > MAX_LINE) throw new AppError('invalid_input', `The ${what} on standard input is longer than ${MAX_LINE} characters.`);
  if (line.length === 0) throw new AppError('invalid_input', `No ${what} on standard input: pipe it in, e.g. printf '%s\\n' "$PW" | civicdesk vault set-password SITE.`);
  return line;
}

function unixSeconds(raw: unknown): number {
  if (raw === undefined) return Date.now() / 1000;
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw.trim())) throw new AppError('invalid_input', '--at takes a time in whole Unix seconds, e.g. --at 1781000000.');
  return Number(raw.trim());
}

export const vaultCommands: Command[] = [
  {
    words: ['vault', 'set-password'],
    usage: 'vault set-password SITE [--login L] [--confirm] [--json]   store the site\'s password, read as one line from stdin (SEC-8)',
    options: { login: { type: 'string' }, confirm: { type: 'boolean' } },
    async run({ values, positionals, dataDir, io }) {
      const siteArg = oneSite(positionals, 'vault set-password SITE');
      return withVault(dataDir, io, async (ws, ctx) => {
        const site = findSite(ctx, siteArg);
        const password = await readLine(io, 'password');
        const result = await setPassword(ctx, ws.id, {
          siteId: site.id, password, confirm: values.confirm === true,
          ...(typeof values.login === 'string' ? { login: values.login } : {}),
        });
        if (!result.stored) {
          const why = result.findings.filter((f) => f.kind !== 'weak').map((f) => f.message).join(' ');
          throw new AppError('conflict', `Not stored. ${why} Choose another password, or add --confirm to store it anyway (it stays flagged).`);
        }
        if (values.json) printJson(io, { stored: true, siteId: site.id, findings: result.findings });
        else {
          io.out(`Stored the password for ${site.name} (@${site.handle}) in the OS keychain.`);
          for (const f of result.findings) io.out(`Warning: ${f.message}`);
        }
        return 0;
      });
    },
  },
  {
    words: ['vault', 'set-totp'],
    usage: 'vault set-totp SITE (--uri URI | --uri - | --key KEY | --qr FILE.png) [--mark-2fa-on] [--json]   store the site\'s 2FA seed (SEC-2); "-" reads the link from stdin',
    options: { uri: { type: 'string' }, key: { type: 'string' }, qr: { type: 'string' }, 'mark-2fa-on': { type: 'boolean' } },
    async run({ values, positionals, dataDir, io }) {
      const siteArg = oneSite(positionals, 'vault set-totp SITE --uri URI');
      const given = (['uri', 'key', 'qr'] as const).filter((k) => typeof values[k] === 'string');
      if (given.length !== 1) throw new AppError('invalid_input', 'Give exactly one of --uri, --key or --qr.');
      return withVault(dataDir, io, async (ws, ctx) => {
        const site = findSite(ctx, siteArg);
        // Checked first, so a refused registry change cannot leave the seed stored behind an error.
        if (values['mark-2fa-on']) requireCapability(ctx, 'registry.manage', 'change sites');
        let source: TotpSource;
        if (typeof values.uri === 'string') {
          // A link on the command line lands in shell history; "-" keeps it out.
          source = { kind: 'uri', uri: values.uri === '-' ? await readLine(io, 'setup link') : values.uri };
        } else if (typeof values.key === 'string') source = { kind: 'key', key: values.key };
        else source = { kind: 'qr', png: readQrFile(String(values.qr)) };
        const result = await setTotp(ctx, ws.id, site.id, source);
        let marked = false;
        if (values['mark-2fa-on'] && !site.twofaEnabled) {
          updateSite(ctx, site.id, { twofaEnabled: true });
          marked = true;
        }
        if (values.json) printJson(io, { stored: true, siteId: site.id, twofaMarkedOn: marked, offerTwofa: result.offerTwofa && !marked });
        else {
          io.out(`Stored the 2FA seed for ${site.name} (@${site.handle}) in the OS keychain.`);
          if (marked) io.out('The registry now records 2FA as on for this site (SEC-2).');
          else if (result.offerTwofa) io.out('The registry still records 2FA as off for this site. Once 2FA is on at the site, run this again with --mark-2fa-on, or mark it in the Registry.');
        }
        return 0;
      });
    },
  },
  {
    words: ['vault', 'code'],
    usage: 'vault code SITE [--at UNIX_SECONDS] [--json]   print the site\'s 2FA code for now or for the given time (SEC-2)',
    options: { at: { type: 'string' } },
    async run({ values, positionals, dataDir, io }) {
      const siteArg = oneSite(positionals, 'vault code SITE');
      const at = unixSeconds(values.at);
      return withVault(dataDir, io, async (ws, ctx) => {
        const site = findSite(ctx, siteArg);
        const view = await totpCode(ctx, ws.id, site.id, at);
        // One line, so a script can read it with a plain `read` as well as with a JSON parser.
        io.out(values.json ? JSON.stringify({ code: view.code }) : view.code);
        return 0;
      });
    },
  },
];

function readQrFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new AppError('invalid_input', `Cannot read the QR code image ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
