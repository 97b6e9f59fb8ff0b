import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ConsistencyReport } from './report';

const MARGIN = 50;
const SIZE = 10;

/** WinAnsi fonts cannot draw every character a comment may hold; those become '?', never a crash. */
function printable(font: PDFFont, text: string): string {
  return [...text.replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ')].map((ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  }).join('');
}

function wrap(font: PDFFont, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of printable(font, text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, SIZE) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The consistency report as a PDF for the City Attorney's periodic neutrality review. */
export async function reportPdf(r: ConsistencyReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Moderation consistency report');
  doc.setCreator('Civic Social Desk');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage();
  let y = page.getHeight() - MARGIN;
  const width = page.getWidth() - 2 * MARGIN;
  const write = (text: string, f: PDFFont = font, size = SIZE) => {
    for (const l of wrap(f, text, width)) {
      if (y < MARGIN) {
        page = doc.addPage();
        y = page.getHeight() - MARGIN;
      }
      page.drawText(l, { x: MARGIN, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
    }
  };
  write('Moderation consistency report', bold, 16);
  write(`Period ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)}; generated ${r.generatedAt}; policy version(s): ${r.policyVersions.join(', ') || 'none'}`);
  y -= 8;
  write('Actions by clause', bold, 12);
  if (r.byClause.length === 0) write('No comments were hidden or removed in this period.');
  for (const c of r.byClause) write(`${c.label}: hidden ${c.hide}, removed ${c.delete}`);
  y -= 8;
  write('Actions by site', bold, 12);
  for (const s of r.bySite) write(`${s.siteName}: allowed ${s.allow}, hidden ${s.hide}, removed ${s.delete}, replied ${s.reply}`);
  y -= 8;
  write('Actions by month', bold, 12);
  for (const m of r.byMonth) write(`${m.month}: allowed ${m.allow}, hidden ${m.hide}, removed ${m.delete}, replied ${m.reply}`);
  for (const [title, items] of [['Random sample of allowed comments', r.sampleAllowed], ['Random sample of hidden or removed comments', r.sampleRemoved]] as const) {
    y -= 8;
    write(title, bold, 12);
    if (items.length === 0) write('None in this period.');
    for (const s of items) {
      write(`${s.at.slice(0, 10)} · ${s.siteName} · ${s.action}${s.labels.length ? ` (${s.labels.join(', ')})` : ''} by ${s.actor}`, bold);
      write(`${s.author ?? 'unknown'}: ${s.text}`);
      y -= 4;
    }
  }
  return doc.save();
}
