import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api';
import { useAction } from '../components/common';
import { useInbox } from '../store/inbox';
import { useModeration } from '../store/moderation';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';
import { useUi } from '../store/ui';
import { ClauseDialog, FlagDialog, ReplyDialog, type OpenDialog } from './inbox/ActionDialogs';
import { Counts, Filters } from './inbox/Filters';
import { InboxList } from './inbox/InboxList';
import { ItemDetail, type Command } from './inbox/ItemDetail';
import { MonitorAlerts } from './inbox/MonitorAlerts';
import { legend, useTriageKeys, type TriageKey } from './inbox/useTriageKeys';

const SCREEN_EVERY_MS = 60_000;
const CAPTURE_WAIT_MS = 5 * 60_000;

function ComplianceAlerts() {
  const findings = useRegistry((s) => s.findings);
  const go = useUi((s) => s.go);
  if (findings.length === 0) return null;
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="section-title">Compliance findings <span className="count">{findings.length}</span></h2>
      <ul className="alert-list">
        {findings.map((f, i) => (
          <li key={`${f.kind}-${f.siteId ?? 'p'}-${i}`}><span className="req">{f.requirement}</span>{f.message}</li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => go('registry')}>Open the registry to resolve them</button>
    </section>
  );
}

function FailureBanner() {
  const failure = useInbox((s) => s.failure);
  const retry = useInbox((s) => s.retry);
  const dismiss = useInbox((s) => s.dismissFailure);
  const busy = useInbox((s) => s.busy);
  if (!failure) return null;
  return (
    <div className="failure" role="alert">
      <p>{failure.message}</p>
      <p className="sub">Nothing was recorded as done.</p>
      <div className="actions">
        {failure.retryable && failure.input ? <button type="button" disabled={busy} onClick={() => void retry()}>Retry</button> : null}
        <button type="button" className="secondary" onClick={dismiss}>Dismiss</button>
      </div>
    </div>
  );
}

/** The CM's day starts here: compliance alerts first, then every comment waiting, triaged by keyboard. */
export function InboxView() {
  const { items, selected, hasMore, loaded, loading, error, counts, detail, busy, filters } = useInbox();
  const { load, loadMore, refresh, screenQuietly, select, move, act, undo, loadSavedReplies, reset } = useInbox.getState();
  const policy = useModeration((s) => s.policy);
  const loadPolicy = useModeration((s) => s.loadPolicy);
  const ownerId = useSession((s) => s.info?.owner?.personId);
  const can = { moderate: useSession((s) => s.can('comment.moderate')), reply: useSession((s) => s.can('comment.reply')) };
  const toast = useUi((s) => s.toast);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const paneRef = useRef<HTMLElement>(null);
  const listbox = useCallback(() => document.querySelector<HTMLElement>('.inbox-scroller'), []);

  // Another person (Settings → Act as) sees the inbox with their own permissions: start afresh.
  useEffect(() => {
    if (ownerId === undefined) return;
    reset();
    void loadPolicy();
    refresh().catch(() => load());
  }, [ownerId, reset, refresh, load, loadPolicy]);

  const canCapture = useSession((s) => s.can('archive.capture'));
  const arrived = useInbox((s) => s.arrived);
  const [capturing, setCapturing] = useState(false);
  const check = useAction(async () => {
    if (canCapture) {
      // Capture first where this window runs captures (the app does; a bare test bridge does not).
      let status = await call('capture.status');
      if (status.sites.length > 0) {
        setCapturing(true);
        try {
          if (!status.running) status = await call('capture.start');
          for (let waited = 0; status.running && waited < CAPTURE_WAIT_MS; waited += 1000) {
            await new Promise((r) => setTimeout(r, 1000));
            status = await call('capture.status');
          }
        } finally {
          setCapturing(false);
        }
      }
    }
    const screened = await refresh();
    return screened ? `${screened} new comment(s) screened.` : 'No new comments since the last capture.';
  });

  // Scheduled captures keep coming while the inbox is open: screen them, and say so without moving the list.
  useEffect(() => {
    if (ownerId === undefined) return;
    const timer = setInterval(() => void screenQuietly().catch(() => undefined), SCREEN_EVERY_MS);
    return () => clearInterval(timer);
  }, [ownerId, screenQuietly]);

  const current = items[selected] ?? null;
  const focusList = () => listbox()?.focus();
  const closeDialog = () => { setDialog(null); setTimeout(focusList, 0); };

  const command = (c: Command | TriageKey) => {
    if (c === 'next') return move(1);
    if (c === 'previous') return move(-1);
    if (c === 'open') { paneRef.current?.focus(); return; }
    const allowed = c === 'flag' ? !can.moderate : c === 'reply' ? can.reply : can.moderate;
    if (!allowed) {
      toast(c === 'flag' ? 'You may act on comments yourself; reporting is for other roles.' : c === 'reply'
        ? 'Only the Communications Manager, City Manager or City Attorney reply for the city.'
        : 'Your role may not act on public comments: press f to report it to the Communications Manager.');
      return;
    }
    if (c === 'undo') return void undo().then(focusList);
    if (!current) return;
    if (c === 'allow' || c === 'refer_attorney') return void act({ inboxId: current.id, action: c }).then(focusList);
    if (c === 'reply') return void loadSavedReplies().then(() => setDialog({ kind: 'reply', item: current }), (err: unknown) => toast(String(err), 'error'));
    setDialog({ kind: c, item: current });
  };
  useTriageKeys(command, listbox);

  const onOpen = useCallback((i: number) => { select(i); paneRef.current?.focus(); }, [select]);
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);
  const filtered = filters.siteId !== null || filters.verdict !== null || filters.label !== null || filters.text.trim() !== '' || filters.state !== 'waiting';

  return (
    <section className="view inbox-view">
      <header className="view-head inbox-head">
        <h1>Inbox</h1>
        <button type="button" className="secondary" disabled={check.busy} onClick={() => void check.run()}>
          {capturing ? 'Capturing the sites…' : check.busy ? 'Checking…' : 'Check for new comments'}
        </button>
      </header>
      <MonitorAlerts />
      <ComplianceAlerts />
      <Filters policy={policy} />
      <Counts counts={counts} />
      <p className="legend" id="inbox-legend">
        <span className="sr-only">Keyboard shortcuts: </span>
        {legend(can).map(([k, what]) => <span key={k}><kbd>{k}</kbd> {what}</span>)}
      </p>
      {arrived > 0 ? (
        <p className="arrived" role="status">
          {arrived} new comment(s) arrived. <button type="button" className="link" onClick={() => void load()}>Show them</button>
        </p>
      ) : null}
      <FailureBanner />
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {check.error ? <p className="form-error" role="alert">{check.error}</p> : null}
      {!loaded ? <p role="status">Loading the inbox…</p> : items.length === 0 ? (
        <div className="empty" role="status">
          <h2 className="section-title">{filtered ? 'No comments match these filters' : 'Nothing is waiting for you'}</h2>
          <p>{filtered ? 'Change the filters or the search to see more.' : 'Every captured comment has been dealt with. New comments appear here after each capture of the sites.'}</p>
        </div>
      ) : (
        <div className="inbox-split">
          <div className="inbox-column">
            <InboxList items={items} selected={selected} hasMore={hasMore} label={`Comments: ${filters.state === 'waiting' ? 'waiting for you' : 'filtered'}`}
              onSelect={select} onOpen={onOpen} onNearEnd={onNearEnd} />
            <p className="sub list-foot" role="status">{items.length.toLocaleString('en-US')} shown{hasMore ? ', more load as you scroll' : ''}{loading ? ' · loading…' : ''}</p>
          </div>
          {current ? <ItemDetail ref={paneRef} item={current} detail={detail} policy={policy} can={can} busy={busy} onCommand={command} onBack={focusList} /> : null}
        </div>
      )}
      <ClauseDialog open={dialog} policy={policy} onClose={closeDialog} />
      <ReplyDialog open={dialog} onClose={closeDialog} />
      <FlagDialog open={dialog} onClose={closeDialog} />
    </section>
  );
}
