/** Field conversions specific to X archive records. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// v1.1 form "Sat Jan 25 18:01:09 +0000 2020" (%a %b %d %H:%M:%S %z %Y).
const V11_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** ISO 8601 for an X `created_at`/`deleted_at`, or null when it is not in the archive's format. */
export function parseXDate(value: string): string | null {
  const m = V11_DATE.exec(value);
  if (!m) return null;
  const [, mon, day, hh, mm, ss, sign, oh, om, year] = m as unknown as string[];
  const month = MONTHS.indexOf(mon as string);
  if (month < 0) return null;
  const fields = [Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)] as const;
  const local = Date.UTC(...fields);
  const check = new Date(local);
  const roundTrip = [check.getUTCFullYear(), check.getUTCMonth(), check.getUTCDate(), check.getUTCHours(), check.getUTCMinutes(), check.getUTCSeconds()];
  // Date.UTC rolls "Feb 31" over to March; a real archive never says that, so refuse it.
  if (roundTrip.some((v, i) => v !== fields[i])) return null;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/**
 * X escapes only &, < and > in tweet text. Undo exactly those, in one pass so "&amp;lt;" becomes
 * the literal "&lt;" the author typed, for the search index. The payload keeps the original.
 */
export function unescapeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}
