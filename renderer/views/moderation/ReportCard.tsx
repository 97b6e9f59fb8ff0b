import { useId, useState } from 'react';
import type { ConsistencyReport } from '../../../preload/contract';
import { FormError, formatDate, formatDateTime, useAction } from '../../components/common';
import { useModeration, type ReportRange } from '../../store/moderation';
import { CLAUSE_NAME, cut } from '../inbox/labels';
import { downloadBlob } from './download';

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function defaultRange(): ReportRange {
  const now = new Date();
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth() - 2, 1)), to: isoDay(now) };
}

type Sample = ConsistencyReport['sampleAllowed'][number];

function Samples({ title, items }: { title: string; items: Sample[] }) {
  return (
    <>
      <h4>{title} <span className="count">{items.length}</span></h4>
      {items.length === 0 ? <p className="sub">None in this period.</p> : (
        <ul className="samples">
          {items.map((s) => (
            <li key={`${s.inboxId}-${s.at}`}>
              <span className="sub">{s.siteName} · <bdi>{s.author ?? 'unknown'}</bdi> · {s.action}{s.labels.length ? ` (${s.labels.map((l) => CLAUSE_NAME[l as keyof typeof CLAUSE_NAME] ?? l).join(', ')})` : ''} by {s.actor}, {formatDateTime(s.at)}</span>
              <p className="comment-text" dir="auto">{cut(s.text, 300)}{s.text.length > 300 ? '…' : ''}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="table report-table">
      <caption>{caption}</caption>
      <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><td colSpan={head.length} className="sub">No actions in this period.</td></tr>
          : rows.map((r) => <tr key={String(r[0])}>{r.map((c, i) => i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>)}</tr>)}
      </tbody>
    </table>
  );
}

/** The periodic neutrality review: were like cases treated alike, by clause, site and month? */
export function ReportCard() {
  const report = useModeration((s) => s.report);
  const reportRange = useModeration((s) => s.reportRange);
  const runReport = useModeration((s) => s.runReport);
  const reportFile = useModeration((s) => s.reportFile);
  const [range, setRange] = useState<ReportRange>(defaultRange);
  const fromId = useId();
  const toId = useId();
  const run = useAction(async () => { await runReport(range); });
  const download = useAction(async (format: 'csv' | 'pdf') => {
    const { blob, fileName } = await reportFile(range, format);
    downloadBlob(blob, fileName);
    return `${fileName} downloaded.`;
  });
  const invalid = !range.from || !range.to || range.from > range.to;
  return (
    <section className="card report-card" aria-labelledby="report-title">
      <h2 id="report-title">Consistency report</h2>
      <form className="report-range" noValidate onSubmit={(e) => { e.preventDefault(); if (!invalid) void run.run(); }}>
        <div className="field">
          <label htmlFor={fromId}>From</label>
          <input id={fromId} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={toId}>To (inclusive)</label>
          <input id={toId} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
        <button type="submit" disabled={invalid || run.busy}>{run.busy ? 'Running…' : 'Run report'}</button>
        <button type="button" className="secondary" disabled={invalid || download.busy} onClick={() => void download.run('csv')}>Download CSV</button>
        <button type="button" className="secondary" disabled={invalid || download.busy} onClick={() => void download.run('pdf')}>Download PDF</button>
      </form>
      {invalid ? <p className="field-error" role="alert">The “from” day must not be after the “to” day.</p> : null}
      <FormError error={run.error ?? download.error} />
      {report ? (
        <div className="report">
          <p className="sub">{reportRange ? `${formatDate(reportRange.from)} to ${formatDate(reportRange.to)}` : `${formatDateTime(report.from)} to ${formatDateTime(report.to)}`} · policy {report.policyVersions.join(', ') || 'no actions'} · generated {formatDateTime(report.generatedAt)}</p>
          <div className="report-tables">
            <Table caption="By clause" head={['Clause', 'Hidden', 'Removed']}
              rows={report.byClause.map((c) => [CLAUSE_NAME[c.label as keyof typeof CLAUSE_NAME] ?? c.label, c.hide, c.delete])} />
            <Table caption="By site" head={['Site', 'Allowed', 'Hidden', 'Removed', 'Replied']}
              rows={report.bySite.map((s) => [s.siteName, s.allow, s.hide, s.delete, s.reply])} />
            <Table caption="By month" head={['Month', 'Allowed', 'Hidden', 'Removed', 'Replied']}
              rows={report.byMonth.map((m) => [m.month, m.allow, m.hide, m.delete, m.reply])} />
          </div>
          <Samples title="Sample of allowed comments" items={report.sampleAllowed} />
          <Samples title="Sample of hidden or removed comments" items={report.sampleRemoved} />
        </div>
      ) : null}
    </section>
  );
}
