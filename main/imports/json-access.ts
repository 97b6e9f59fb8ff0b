/**
 * Read-only accessors for values that came out of JSON.parse. They only ever look at own
 * properties, so a hostile `"__proto__"` or `"constructor"` key in an export is just data and
 * can never reach Object.prototype; payloads are never merged into other objects.
 */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function ownString(value: unknown, key: string): string | undefined {
  const v = own(value, key);
  return typeof v === 'string' ? v : undefined;
}

export function ownRecord(value: unknown, key: string): JsonRecord | undefined {
  const v = own(value, key);
  return isRecord(v) ? v : undefined;
}

export function ownArray(value: unknown, key: string): unknown[] {
  const v = own(value, key);
  return Array.isArray(v) ? v : [];
}

export function ownNumber(value: unknown, key: string): number | undefined {
  const v = own(value, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
