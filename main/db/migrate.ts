import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Applies numbered migrations in order, each in its own transaction with user_version bumped
 * inside it, so a crash mid-way leaves the file at the last whole version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  checkSequence(migrations);
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MigrationError(
      `This workspace was written by a newer version of Civic Social Desk (schema ${current}, this build knows ${latest}). Update the app before opening it.`,
    );
  }
  const goal = target ?? latest;
  for (const m of migrations) {
    if (m.version <= current || m.version > goal) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return Number(db.pragma('user_version', { simple: true }));
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migration ${m.name} has version ${m.version}, expected ${i + 1}.`);
  });
}
