/**
 * Facebook's "Download Your Information" JSON writes every UTF-8 byte of a string as its own
 * `\u00XX` escape, so JSON.parse yields one Latin-1 character per byte ("Ã©" for "é").
 *
 * The repair re-reads those characters as bytes and decodes them as UTF-8, but only when that is
 * unambiguous: every code point must be <= U+00FF (otherwise the string was already decoded
 * properly) and the bytes must be valid UTF-8 (a lone "é" from genuine Latin-1 text is 0xE9,
 * which is never valid UTF-8 on its own, so such text is left alone).
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function repairMojibake(text: string): string {
  let sawHighByte = false;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    if (code >= 0x80) sawHighByte = true;
    bytes[i] = code;
  }
  if (!sawHighByte) return text;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return text;
  }
}

/** Repair for optional fields, keeping null/undefined as null. */
export function repairOptional(text: string | null | undefined): string | null {
  return typeof text === 'string' ? repairMojibake(text) : null;
}
