import type { Migration } from '../migrate';
import { m001Registry } from './001_registry';

/** Every schema change, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m001Registry];
