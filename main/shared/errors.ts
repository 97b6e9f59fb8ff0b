/**
 * The error codes every channel, the CLI and the renderer agree on. A code tells the caller what
 * kind of thing went wrong; the message tells a person what to do about it.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'no_actor'
  | 'keychain_unavailable'
  | 'locked'
  | 'platform'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** Turns anything thrown into the wire shape; unknown errors keep their message but not their stack. */
export function toFailure(err: unknown): { ok: false; error: { code: ErrorCode; message: string } } {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_CONSTRAINT/i.test(String((err as { code?: unknown })?.code ?? '')) || /constraint failed/i.test(message)) {
    return { ok: false, error: { code: 'conflict', message: describeConstraint(message) } };
  }
  return { ok: false, error: { code: 'internal', message: `Unexpected error: ${message}` } };
}

function describeConstraint(message: string): string {
  if (/UNIQUE/i.test(message)) return `That already exists (${message.replace(/^UNIQUE constraint failed: /, '')}).`;
  if (/FOREIGN KEY/i.test(message)) return 'That refers to something that does not exist.';
  return `The change was refused by the database: ${message}`;
}
