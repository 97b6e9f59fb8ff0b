import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { RecordView } from '../../../preload/contract';
import { formatDateTime } from '../../components/common';
import { useArchive } from '../../store/archive';
import { useRegistry } from '../../store/registry';
import { KIND_LABEL, PLATFORM_LABEL } from './format';
import { VersionColumn } from './VersionColumn';

interface Mark { at: string; kind: 'deleted' | 'hidden' | 'shown' | 'action'; text: string }

/** Everything that happened to the record besides new text, in time order. */
function marksOf(r: RecordView): Mark[] {
  const marks: Mark[] = [];
  let hidden = false;
  for (const v of r.versions) {
    if (v.hidden !== hidden) {
      marks.push(v.hidden
        ? { at: v.capturedAt, kind: 'hidden', text: `Hidden on the platform: seen hidden in version ${v.version}.` }
        : { at: v.capturedAt, kind: 'shown', text: `Shown again on the platform: seen in version ${v.version}.` });
      hidden = v.hidden;
    }
  }
  for (const d of r.deletions) {
    const lastSeen = d.lastSeenAt ? ` Last seen ${formatDateTime(d.lastSeenAt)}${d.version !== null ? ` (version ${d.version})` : ''}.` : '';
    marks.push({ at: d.foundGoneAt, kind: 'deleted', text: `Found gone from the platform.${lastSeen}` });
  }
  for (const a of r.actions) {
    marks.push({ at: a.at, kind: 'action', text: `${a.action} by ${a.actorName ?? 'an unknown person'}${a.note ? `: ${a.note}` : ''}.` });
  }
  return marks.sort((a, b) => a.at.localeCompare(b.at));
}

const MARK_LABEL: Record<Mark['kind'], string> = { deleted: 'Deleted', hidden: 'Hidden', shown: 'Unhidden', action: 'Action' };

export function RecordPage() {
  const { selected, record, recordError, active } = useArchive();
  const close = useArchive((s) => s.close);
  const sites = useRegistry((s) => s.sites);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [record]);

  const back = () => {
    close();
    // Back where the person was in the results.
    requestAnimationFrame(() => document.getElementById(`hit-${active}`)?.focus());
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      back();
    }
  };
  if (!selected) return null;
  const latest = record?.versions[record.versions.length - 1];
  const site = sites.find((s) => s.id === selected.siteId)?.name ?? `Site ${selected.siteId}`;
  const marks = record ? marksOf(record) : [];
  return (
    <section className="record" aria-labelledby="record-title" onKeyDown={onKey}>
      <button type="button" className="secondary back" onClick={back}>Back to results</button>
      <h2 id="record-title" ref={heading} tabIndex={-1}>
        {latest ? `${KIND_LABEL[latest.kind]} by ${latest.author ?? 'unknown author'}` : 'Record'}
      </h2>
      <p className="sub">
        {site} · {PLATFORM_LABEL[selected.platform] ?? selected.platform} id <span className="mono">{selected.externalId}</span>
        {latest?.parentExternalId ? <> · in reply to <span className="mono">{latest.parentExternalId}</span></> : null}
        {latest?.createdAt ? <> · posted {formatDateTime(latest.createdAt)}</> : null}
      </p>
      {recordError ? <p className="form-error" role="alert">{recordError}</p> : null}
      {!record && !recordError ? <p role="status">Loading…</p> : null}
      {record ? (
        <>
          <p className="record-badges">
            {record.deleted ? <span className="badge badge-deleted">Deleted from the platform</span> : <span className="badge badge-active">On the platform at last capture</span>}
            {record.hidden ? <span className="badge badge-hidden">Hidden</span> : null}
            <span className="badge">{record.versions.length === 1 ? '1 version' : `${record.versions.length} versions`}</span>
          </p>
          <section aria-labelledby="marks-title">
            <h3 id="marks-title">Marks</h3>
            {marks.length === 0 ? <p className="sub">Never deleted, hidden or acted on.</p> : (
              <ul className="marks">
                {marks.map((m, i) => (
                  <li key={i} className={`mark mark-${m.kind}`}>
                    <span className={`badge badge-${m.kind}`}>{MARK_LABEL[m.kind]}</span>{' '}
                    <time dateTime={m.at}>{formatDateTime(m.at)}</time>: {m.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="versions-title">
            <h3 id="versions-title">Versions side by side</h3>
            <p className="hint">Each version is compared with the one before it: removed words are struck through, added words underlined.</p>
            <div className="versions" role="region" aria-label="Versions side by side" tabIndex={0}>
              {record.versions.map((v, i) => (
                <VersionColumn key={v.entryId} v={v} prev={record.versions[i - 1] ?? null} latest={i === record.versions.length - 1} />
              ))}
            </div>
          </section>
        </>
      ) : null}
    </section>
  );
}
