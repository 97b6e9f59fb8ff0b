import type { Migration } from '../migrate';
import { m001Registry } from './001_registry';
import { m002Archive } from './002_archive';
import { m003Connections } from './003_connections';
import { m004Moderation } from './004_moderation';
import { m005Monitor } from './005_monitor';

/** Every schema change, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m001Registry, m002Archive, m003Connections, m004Moderation, m005Monitor];
