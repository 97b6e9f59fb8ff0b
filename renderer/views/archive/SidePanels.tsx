import type { CaptureStatus, SiteSchedule } from '../../../preload/contract';
import { formatDateTime } from '../../components/common';
import { useArchive } from '../../store/archive';
import { useSession } from '../../store/session';
import { formatBytes, plural } from './format';

export function IntegrityPanel() {
  const { overview, verifying, verifyResult, verifyError } = useArchive();
  const verify = useArchive((s) => s.verify);
  const last = overview?.lastVerify ?? null;
  return (
    <section className="side-section" aria-labelledby="integrity-title">
      <h2 id="integrity-title">Integrity</h2>
      <div role="status" aria-live="polite">
        {verifying ? (
          <>
            <progress aria-label="Verifying the archive" />
            <p>Checking every entry, its hash chain and signed checkpoints…</p>
          </>
        ) : verifyResult ? (
          verifyResult.ok ? (
            <p className="integrity-ok"><strong>Intact.</strong> {plural(verifyResult.checked, 'entry', 'entries')}, {plural(verifyResult.checkpoints, 'signed checkpoint')} and {plural(verifyResult.media, 'media file')} checked: nothing changed, removed or reordered.</p>
          ) : (
            <div className="integrity-bad">
              <p><strong>Problems found: {verifyResult.problems.length}.</strong> The archive differs from what was recorded. Keep this file as it is and tell IT.</p>
              <ul className="plain">
                {verifyResult.problems.slice(0, 20).map((p) => <li key={`${p.entryId}-${p.kind}`}>Entry {p.entryId} ({p.kind}): {p.message}</li>)}
              </ul>
            </div>
          )
        ) : null}
        {verifyError ? <p className="form-error">{verifyError}</p> : null}
      </div>
      <p className="sub">
        {last ? <>Last verified <time dateTime={last.at}>{formatDateTime(last.at)}</time>{last.by ? ` by ${last.by}` : ''}: {last.ok ? 'intact' : `${plural(last.problems, 'problem')}`} ({plural(last.checked, 'entry', 'entries')}).</> : 'Not verified yet.'}
      </p>
      <button type="button" onClick={() => void verify()} disabled={verifying}>{verifying ? 'Verifying…' : 'Verify now'}</button>
      {overview ? (
        <dl className="facts archive-stats">
          <dt>Records</dt><dd>{overview.objects.toLocaleString('en-US')}</dd>
          <dt>Versions</dt><dd>{overview.versions.toLocaleString('en-US')}</dd>
          <dt>Deletions</dt><dd>{overview.deletions.toLocaleString('en-US')}</dd>
          <dt>Media</dt><dd>{overview.media.count.toLocaleString('en-US')} ({formatBytes(overview.media.bytes)})</dd>
          <dt>Last signed</dt><dd>{overview.lastCheckpoint ? formatDateTime(overview.lastCheckpoint.signedAt) : '—'}</dd>
        </dl>
      ) : null}
    </section>
  );
}

function outcomeText(s: SiteSchedule, capturing: boolean): string {
  if (capturing) return 'Capturing now…';
  const last = s.last;
  if (!last) return 'Never captured.';
  const when = formatDateTime(last.at);
  if (last.stopped) return `Stopped ${when}; the next capture continues from there.`;
  if (!last.ok) return `Failed ${when}: ${last.error ?? 'unknown error'}`;
  const c = last.counts;
  return c ? `${when}: ${c.new} new, ${plural(c.versions, 'new version')}, ${plural(c.deletions, 'deletion')}.` : `Captured ${when}.`;
}

function Progress({ status }: { status: CaptureStatus }) {
  const c = status.current;
  if (!c) return null;
  const label = `${c.siteName ?? 'Capture'}: ${c.stopping ? 'stopping after this batch…' : c.message}`;
  return (
    <div className="capture-progress">
      <p id="capture-progress-label">{label}</p>
      {c.total > 0 ? <progress aria-labelledby="capture-progress-label" max={c.total} value={c.done} /> : <progress aria-labelledby="capture-progress-label" />}
      {c.waiting ? <p className="sub">Waiting until {formatDateTime(c.waiting.until)}: {c.waiting.reason}</p> : null}
    </div>
  );
}

export function CapturePanel() {
  const { status, captureError, finishedAt } = useArchive();
  const startCapture = useArchive((s) => s.startCapture);
  const stopCapture = useArchive((s) => s.stopCapture);
  const canCapture = useSession((s) => s.can('archive.capture'));
  const connected = status?.sites.filter((s) => s.connected) ?? [];
  return (
    <section className="side-section" aria-labelledby="capture-title">
      <h2 id="capture-title">Capture</h2>
      {status?.running ? <Progress status={status} /> : null}
      <div role="status">
        {!status?.running && finishedAt ? <p className="ok"><strong>Capture finished</strong> {formatDateTime(finishedAt)}.</p> : null}
      </div>
      {captureError ? <p className="form-error" role="alert">{captureError}</p> : null}
      {canCapture ? (
        <div className="actions start">
          {status?.running ? (
            <button type="button" className="secondary" onClick={() => void stopCapture()} disabled={status.current?.stopping}>Stop</button>
          ) : (
            <button type="button" onClick={() => void startCapture()} disabled={!status || connected.length === 0}>Capture now</button>
          )}
        </div>
      ) : <p className="sub">Your role reads the archive; the Communications Manager or IT Director captures.</p>}
      {status && connected.length === 0 ? <p className="sub">No site is connected for capture yet: see the Capture tab.</p> : null}
      {connected.length > 0 ? (
        <ul className="plain site-outcomes">
          {connected.map((s) => (
            <li key={s.siteId}>
              <strong>{s.siteName}</strong>
              <span className={s.last && !s.last.ok && !s.last.stopped && status?.current?.siteId !== s.siteId ? 'form-error block' : 'sub block'}>
                {outcomeText(s, status?.current?.siteId === s.siteId)}
              </span>
              <span className="sub block">{s.nextDueAt ? `Next capture ${formatDateTime(s.nextDueAt)}.` : s.captureMinutes === 0 ? 'Captured on demand only.' : 'Not scheduled in this window.'}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {status?.paused ? <p className="sub">{status.paused}</p> : null}
      {status?.lastError ? <p className="form-error">Last problem ({formatDateTime(status.lastError.at)}): {status.lastError.message}</p> : null}
    </section>
  );
}
