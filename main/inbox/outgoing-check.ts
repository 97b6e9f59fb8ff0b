import { AppError } from '../shared/errors';

/** Luhn's checksum, so a run of digits is called a card number only when it could be one. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SSN = /\b(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}\b/;
const CARD = /\b(?:\d[ -]?){13,19}\b/g;
const BIRTH = /\b(?:date of birth|DOB|born on)\b\s*[:-]?\s*\d/i;

/**
 * SEC-6: nothing the city posts may carry personally identifiable or private information. A reply
 * with a Social Security number, a payment card number or a date of birth is refused before it
 * reaches the platform; the CM rewrites it (or takes the matter off social media).
 */
export function checkOutgoingText(text: string): void {
  const found: string[] = [];
  if (SSN.test(text)) found.push('a Social Security number');
  for (const m of text.match(CARD) ?? []) {
    const digits = m.replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) {
      found.push('a payment card number');
      break;
    }
  }
  if (BIRTH.test(text)) found.push('a date of birth');
  if (found.length) {
    throw new AppError('invalid_input', `This reply contains ${found.join(' and ')}. Personal or private information never goes on social media (SEC-6): remove it, or answer the person directly by phone or email.`);
  }
}
