import type { CaptureSource } from './types';

/** Bad input from a caller: the operation changed nothing, and the message says what to fix. */
export class ArchiveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveInputError';
  }
}

export const KINDS = new Set<string>(['post', 'comment', 'reply', 'profile', 'followers', 'media']);
export const SOURCES = new Set<CaptureSource>(['api', 'import', 'moderation']);

export function checkSource(source: unknown): CaptureSource {
  if (!SOURCES.has(source as CaptureSource)) throw new ArchiveInputError(`Unknown capture source ${String(source)}.`);
  return source as CaptureSource;
}

/** Capture times are compared as strings, so every one we store is the same ISO 8601 UTC form. */
export function isoTime(value: string, what: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new ArchiveInputError(`${what} is not a date: ${String(value)}`);
  return new Date(ms).toISOString();
}
