import { randomInt } from 'node:crypto';
import { requireCapability, type DomainContext } from '../registry/context';

export interface ReportSampleItem { inboxId: number; siteName: string; author: string | null; text: string; action: string; labels: string[]; at: string; actor: string }

export interface ConsistencyReport {
  from: string;
  to: string;
  generatedAt: string;
  policyVersions: string[];
  byClause: { label: string; hide: number; delete: number }[];
  bySite: { siteName: string; allow: number; hide: number; delete: number; reply: number }[];
  byMonth: { month: string; allow: number; hide: number; delete: number; reply: number }[];
  /** Random samples for the periodic neutrality review: were like cases treated alike? */
  sampleAllowed: ReportSampleItem[];
  sampleRemoved: ReportSampleItem[];
}

interface ActionRow { inbox_id: number; site_name: string; author: string | null; text: string; action: string; labels: string; at: string; actor: string; policy_version: string }

function sample<T>(items: T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(randomInt(pool.length), 1)[0] as T);
  return out;
}

/** Actions by clause, site and month, with random samples of allowed and removed comments. */
export function consistencyReport(ctx: DomainContext, range: { from: string; to: string; sampleSize?: number }): ConsistencyReport {
  requireCapability(ctx, 'comment.moderate', 'run the moderation consistency report');
  const rows = ctx.db.prepare(`
    SELECT a.inbox_id, s.name AS site_name, c.author, c.text, a.action, a.labels, a.at, p.name AS actor, a.policy_version
      FROM moderation_actions a JOIN inbox_comments c ON c.id = a.inbox_id JOIN sites s ON s.id = c.site_id JOIN people p ON p.id = a.actor_id
     WHERE a.at >= ? AND a.at < ? AND a.action IN ('allow', 'hide', 'delete', 'reply') ORDER BY a.at`).all(range.from, range.to) as ActionRow[];
  const clause = new Map<string, { hide: number; delete: number }>();
  const site = new Map<string, { allow: number; hide: number; delete: number; reply: number }>();
  const month = new Map<string, { allow: number; hide: number; delete: number; reply: number }>();
  const zero = () => ({ allow: 0, hide: 0, delete: 0, reply: 0 });
  for (const r of rows) {
    const a = r.action as 'allow' | 'hide' | 'delete' | 'reply';
    const s = site.get(r.site_name) ?? zero();
    s[a] += 1;
    site.set(r.site_name, s);
    const m = month.get(r.at.slice(0, 7)) ?? zero();
    m[a] += 1;
    month.set(r.at.slice(0, 7), m);
    if (a === 'hide' || a === 'delete') {
      for (const l of JSON.parse(r.labels) as string[]) {
        const c = clause.get(l) ?? { hide: 0, delete: 0 };
        c[a] += 1;
        clause.set(l, c);
      }
    }
  }
  const toSample = (r: ActionRow): ReportSampleItem => ({ inboxId: r.inbox_id, siteName: r.site_name, author: r.author, text: r.text, action: r.action,
    labels: JSON.parse(r.labels) as string[], at: r.at, actor: r.actor });
  const n = range.sampleSize ?? 10;
  return {
    from: range.from, to: range.to, generatedAt: ctx.now().toISOString(),
    policyVersions: [...new Set(rows.map((r) => r.policy_version))],
    byClause: [...clause].map(([label, c]) => ({ label, ...c })).sort((a, b) => a.label.localeCompare(b.label)),
    bySite: [...site].map(([siteName, c]) => ({ siteName, ...c })),
    byMonth: [...month].map(([m, c]) => ({ month: m, ...c })),
    sampleAllowed: sample(rows.filter((r) => r.action === 'allow'), n).map(toSample),
    sampleRemoved: sample(rows.filter((r) => r.action === 'hide' || r.action === 'delete'), n).map(toSample),
  };
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed so they stay text. */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(r: ConsistencyReport): string {
  const lines: (string | number | null)[][] = [
    ['Moderation consistency report', `${r.from} to ${r.to}`, `generated ${r.generatedAt}`, `policy ${r.policyVersions.join(' ') || 'n/a'}`],
    [], ['By clause', 'hidden', 'removed'], ...r.byClause.map((c) => [c.label, c.hide, c.delete]),
    [], ['By site', 'allowed', 'hidden', 'removed', 'replied'], ...r.bySite.map((s) => [s.siteName, s.allow, s.hide, s.delete, s.reply]),
    [], ['By month', 'allowed', 'hidden', 'removed', 'replied'], ...r.byMonth.map((m) => [m.month, m.allow, m.hide, m.delete, m.reply]),
    [], ['Sample', 'action', 'clauses', 'site', 'author', 'comment', 'when', 'by'],
    ...[...r.sampleAllowed, ...r.sampleRemoved].map((s) => ['', s.action, s.labels.join(' '), s.siteName, s.author, s.text, s.at, s.actor]),
  ];
  return `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
