/**
 * Phone numbers, found with libphonenumber-js so that every written form of a real number
 * ("(406) 555-0100", "406.555.0100", "+1 406 555 0100") is caught and dates, prices, SSNs and
 * plate numbers are not. Whether a number is private (CIV-6g) or an ad (CIV-6b) is decided by
 * the detectors from the words around it.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

export interface PhoneInfo {
  start: number;
  end: number;
  text: string;
  e164: string;
}

/** The shapes a phone number takes in a comment; libphonenumber only runs when one is present. */
const PHONE_SHAPE = /\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}|\+\d[\d\s().-]{7,}\d/;
const PHONE_SHAPES = new RegExp(PHONE_SHAPE.source, 'g');

export function findPhones(text: string): PhoneInfo[] {
  if (!PHONE_SHAPE.test(text)) return [];
  // libphonenumber's scan is costly on long text, so it only reads a window around each shape.
  const out: PhoneInfo[] = [];
  for (const m of text.matchAll(PHONE_SHAPES)) {
    const from = Math.max(0, m.index - 8);
    const window = text.slice(from, m.index + m[0].length + 8);
    for (const f of findPhoneNumbersInText(window, 'US')) {
      const start = from + f.startsAt;
      if (out.some((p) => p.start === start)) continue;
      out.push({ start, end: from + f.endsAt, text: text.slice(start, from + f.endsAt), e164: f.number.number });
    }
    if (out.length >= 50) break;
  }
  return out;
}
