/**
 * The message to the IT Director (SEC-7: notified at once). The app never sends mail: it hands the
 * person a mailto: link for their mail program and the same message as a draft .eml file. Header
 * values come from the registry only; what a vandal wrote (a new Page name, a post) appears in the
 * body alone, where it cannot add headers.
 */
import type { Db } from '../db/connection';
import type { MonitorAlert, PreparedEmail } from './types';

export interface Recipient { name: string; email: string }

/** The registry's active IT Directors: the people SEC-7 says to notify. */
export function itDirectors(db: Db): Recipient[] {
  return db.prepare("SELECT name, email FROM people WHERE role = 'it_director' AND active = 1 AND email <> '' ORDER BY id").all() as Recipient[];
}

const WHAT: Record<MonitorAlert['kind'], string> = {
  unexplained_post: 'an unapproved post',
  picture_changed: 'altered graphics',
  profile_changed: 'an altered profile',
  unknown_admin: 'an unknown administrator',
};

function describe(alert: MonitorAlert): string[] {
  const e = alert.evidence;
  const lines: string[] = [alert.summary, ''];
  const side = (label: string, v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const value = o.sha256 !== undefined ? `image sha256 ${String(o.sha256 ?? '(none: removed)')}` : `\u201c${String(o.text ?? '(empty)')}\u201d`;
    lines.push(`${label}: ${value}`, `        archived profile version: entry ${String(o.entryId)}${o.capturedAt ? `, captured ${String(o.capturedAt)}` : ''}`);
  };
  if (alert.kind === 'picture_changed' || alert.kind === 'profile_changed') {
    side('Approved', e.before);
    side('Now     ', e.after);
  } else if (alert.kind === 'unexplained_post') {
    lines.push(`Post id: ${String(e.externalId)} (archive entry ${String(e.entryId)}, payload sha256 ${String(e.payloadSha256)})`);
    if (e.permalink) lines.push(`Link: ${String(e.permalink)}`);
    const creator = e.adminCreator as { name?: string | null; id?: string | null } | null;
    if (creator) lines.push(`Made by: ${creator.name ?? '(no name)'} (platform id ${creator.id ?? '?'})`);
    lines.push(`Text: ${String(e.text ?? '')}`);
  } else {
    lines.push(`Platform user: ${String(e.name ?? '(no name)')} (id ${String(e.platformUserId)}), tasks: ${(e.tasks as string[] | undefined)?.join(', ') ?? ''}`);
    lines.push(`Approved administrators in the registry: ${(e.registryAdmins as string[] | undefined)?.join(', ') || '(none)'}`);
  }
  return lines;
}

function statusLine(alert: MonitorAlert): string {
  if (alert.suspension === 'suspended') return `${alert.siteName} has been suspended in Civic Social Desk: publishing to it is blocked until you clear this alert, with a note, in the app.`;
  if (alert.suspension === 'already_suspended') return `${alert.siteName} was already suspended; publishing to it stays blocked until you clear this alert, with a note, in the app.`;
  return `${alert.siteName} could not be marked suspended in the registry, but publishing to it is blocked until you clear this alert, with a note, in the app.`;
}

export function composeEmail(alert: MonitorAlert, to: Recipient[], now: Date): PreparedEmail {
  const subject = `[SEC-7] Possible vandalism of ${alert.siteName}: ${WHAT[alert.kind]}`;
  const greeting = to.length ? `Dear ${to.map((r) => r.name).join(' and ')},` : 'To the IT Director (the registry names none: please forward),';
  const body = [
    greeting,
    '',
    `Civic Social Desk found a sign that the city's ${alert.platform === 'x' ? 'X account' : 'Facebook Page'} ${alert.siteName} may have been vandalized (Social Media Use Policy, Security: SEC-7).`,
    '',
    ...describe(alert),
    '',
    statusLine(alert),
    '',
    `Alert ${alert.id}, raised ${alert.raisedAt}.`,
    '',
    'Evidence (as recorded with the alert):',
    JSON.stringify(alert.evidence, null, 2),
    '',
    '-- ',
    'Civic Social Desk',
  ].join('\n');
  return { alertId: alert.id, to, subject, body, mailto: mailtoUrl(to, subject, body), eml: emlText(to, subject, body, now) };
}

/** Mail programs cut long mailto: links (Outlook at about 2,000 characters): the .eml has it all. */
const MAILTO_BODY_MAX = 1500;

export function mailtoUrl(to: Recipient[], subject: string, body: string): string {
  const short = body.length <= MAILTO_BODY_MAX ? body : `${body.slice(0, MAILTO_BODY_MAX)}\n\u2026 (shortened: the full evidence is in the alert and its .eml)`;
  // RFC 6068: addresses and fields percent-encoded, line breaks as CRLF.
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${to.map((r) => enc(r.email)).join(',')}?subject=${enc(subject)}&body=${enc(short)}`;
}

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');
const isAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);
/** RFC 2047 encoded word for a header value that is not plain ASCII. */
const headerText = (s: string): string => (isAscii(oneLine(s)) ? oneLine(s) : `=?UTF-8?B?${Buffer.from(oneLine(s), 'utf8').toString('base64')}?=`);

function address(r: Recipient): string {
  const name = oneLine(r.name);
  const display = isAscii(name) ? `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"` : headerText(name);
  return `${display} <${oneLine(r.email).replace(/[<>\s]/g, '')}>`;
}

/** RFC 5322 date, e.g. "Mon, 01 Jun 2026 15:00:00 +0000". */
function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * Quoted-printable (RFC 2045 6.7): the body stays readable as ASCII, any UTF-8 text travels safely,
 * and no line exceeds 76 characters however long the evidence is.
 */
export function quotedPrintable(text: string): string {
  return text.split(/\r?\n/).map((line) => {
    const bytes = Buffer.from(line, 'utf8');
    const tokens: string[] = [];
    bytes.forEach((b, i) => {
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      tokens.push(literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
    });
    const out: string[] = [];
    let current = '';
    for (const t of tokens) {
      if (current.length + t.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += t;
    }
    out.push(current);
    return out.join('\r\n');
  }).join('\r\n');
}

export function emlText(to: Recipient[], subject: string, body: string, now: Date): string {
  const headers = [
    ...(to.length ? [`To: ${to.map(address).join(', ')}`] : []),
    `Subject: ${headerText(subject)}`,
    `Date: ${rfc5322Date(now)}`,
    // Outlook and Apple Mail open a message with this header as a draft to send.
    'X-Unsent: 1',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${quotedPrintable(body)}\r\n`;
}
