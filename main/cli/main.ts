import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { resolveDataDir } from '../workspace/paths';
import { processIo, type Io } from './output';
import { archiveCommands } from './archive-commands';
import { moderationCommands } from './moderation-commands';
import { registryCommands } from './registry-commands';
import { vaultCommands } from './vault-commands';

export interface Command {
  /** Words that name the command, e.g. ['registry', 'sites']. */
  words: string[];
  usage: string;
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[]; dataDir: string; io: Io }): Promise<number> | number;
}

const COMMON = { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export const COMMANDS: Command[] = [...registryCommands, ...archiveCommands, ...vaultCommands, ...moderationCommands];

function usage(): string {
  return ['Usage: civicdesk <command> [options]   (every command takes --data-dir DIR; default: $CIVICDESK_DATA_DIR or the app\'s user data folder)', '',
    ...COMMANDS.map((c) => `  civicdesk ${c.usage}`)].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of COMMANDS) {
    const n = command.words.length;
    if (command.words.every((w, i) => argv[i] === w) && (!best || n > best.command.words.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

/** Runs one command; returns the exit code. Errors go to stderr and nothing is changed. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.out(usage());
      return 0;
    }
    io.err(`civicdesk: unknown command "${argv.join(' ')}".\n\n${usage()}`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(`Usage: civicdesk ${command.usage}`);
      return 0;
    }
    const dataDir = resolveDataDir(rest, io.env);
    return await command.run({ values: values as Record<string, string | boolean | undefined>, positionals, dataDir, io });
  } catch (err) {
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    io.err(`civicdesk ${command.words.join(' ')}: ${message}`);
    if (err instanceof TypeError && /ERR_PARSE_ARGS/.test(String((err as { code?: string }).code))) io.err(`Usage: civicdesk ${command.usage}`);
    return 2;
  }
}
