import { useEffect, useState } from 'react';
import type { MediaRef, RecordVersionView } from '../../../preload/contract';
import { formatDateTime } from '../../components/common';
import { useArchive } from '../../store/archive';
import { indentJson, lineDiff, wordDiff, type DiffPart } from './diff';
import { formatBytes } from './format';

const SOURCE_LABEL: Record<string, string> = { api: 'Platform capture', import: 'Archive import', moderation: 'Moderation action' };

/** Changes shown inline: struck-through removals, underlined additions, each also named for screen readers. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) => {
        if (p.kind === 'same') return <span key={i}>{p.text}</span>;
        if (p.kind === 'add') return <ins key={i}><span className="sr-only">[added: </span>{p.text}<span className="sr-only">]</span></ins>;
        return <del key={i}><span className="sr-only">[removed: </span>{p.text}<span className="sr-only">]</span></del>;
      })}
    </>
  );
}

function payloadText(v: RecordVersionView, exact: boolean): string {
  if (v.payload.encoding !== 'utf8') return v.payload.data;
  return exact ? v.payload.data : (indentJson(v.payload.data) ?? v.payload.data);
}

function Payload({ v, prev }: { v: RecordVersionView; prev: RecordVersionView | null }) {
  const [exact, setExact] = useState(false);
  const text = payloadText(v, exact);
  const binary = v.payload.encoding === 'base64';
  const comparable = prev !== null && !binary && prev.payload.encoding === 'utf8';
  const same = prev !== null && prev.payloadSha256 === v.payloadSha256;
  return (
    <details className="payload">
      <summary>Payload as the platform sent it ({formatBytes(v.payload.size)}, {v.contentType || 'unknown type'})</summary>
      <p className="hint">
        SHA-256 <span className="mono">{v.payloadSha256}</span>
        {binary ? '. Not UTF-8 text: shown as base64.' : null}
        {v.payload.truncated ? ' Only the first megabyte is shown; the archive keeps all of it.' : null}
        {same ? ' Same bytes as the version before.' : null}
      </p>
      {!binary ? (
        <button type="button" className="link" aria-pressed={exact} onClick={() => setExact(!exact)}>
          {exact ? 'Show indented, with changes' : 'Show exactly as stored'}
        </button>
      ) : null}
      <pre className="payload-text" tabIndex={0} aria-label={`Payload of version ${v.version}`}>
        {comparable && !exact && !same ? <DiffText parts={lineDiff(payloadText(prev, false), text)} /> : text}
      </pre>
    </details>
  );
}

function Picture({ m, version }: { m: MediaRef; version: number }) {
  const shown = useArchive((s) => s.media[m.sha256]);
  const loadMedia = useArchive((s) => s.loadMedia);
  useEffect(() => { void loadMedia(m.sha256); }, [loadMedia, m.sha256]);
  const caption = `${m.mediaType}, ${formatBytes(m.size)}`;
  return (
    <figure className="media">
      {shown && 'dataUrl' in shown && shown.dataUrl ? (
        <img src={shown.dataUrl} alt={`Archived picture ${m.ordinal + 1} of version ${version}`} />
      ) : (
        <p className="sub">{!shown ? 'Loading…' : 'error' in shown ? shown.error : shown.reason}</p>
      )}
      <figcaption>{caption}<br /><span className="mono">{m.sha256.slice(0, 16)}…</span></figcaption>
    </figure>
  );
}

export function VersionColumn({ v, prev, latest }: { v: RecordVersionView; prev: RecordVersionView | null; latest: boolean }) {
  const text = v.text ?? '';
  const changedText = prev !== null && (prev.text ?? '') !== text;
  const changedMedia = prev !== null && prev.media.map((m) => m.sha256).join() !== v.media.map((m) => m.sha256).join();
  return (
    <article className={latest ? 'version latest' : 'version'} aria-labelledby={`version-${v.entryId}`}>
      <h4 id={`version-${v.entryId}`}>Version {v.version}{latest ? ' (latest)' : ''}</h4>
      <dl className="facts">
        <dt>Captured</dt><dd><time dateTime={v.capturedAt}>{formatDateTime(v.capturedAt)}</time></dd>
        <dt>From</dt><dd>{SOURCE_LABEL[v.source] ?? v.source}</dd>
        <dt>Hidden</dt><dd>{v.hidden ? <span className="badge badge-hidden">Hidden</span> : 'No'}{prev && prev.hidden !== v.hidden ? ' (changed)' : ''}</dd>
      </dl>
      <p className="change-note">
        {prev === null ? 'First captured version.' : [changedText ? 'Text changed' : 'Text unchanged', changedMedia ? 'media changed' : null, prev.hidden !== v.hidden ? 'visibility changed' : null].filter(Boolean).join('; ') + '.'}
      </p>
      <div className="version-text">
        {text === '' ? <span className="sub">(no text)</span> : changedText && prev ? <DiffText parts={wordDiff(prev.text ?? '', text)} /> : text}
      </div>
      {v.media.length > 0 ? <div className="media-list">{v.media.map((m) => <Picture key={`${m.ordinal}-${m.sha256}`} m={m} version={v.version} />)}</div> : null}
      <Payload v={v} prev={prev} />
    </article>
  );
}
