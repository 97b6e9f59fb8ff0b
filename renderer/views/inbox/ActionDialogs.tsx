import { useState } from 'react';
import type { InboxItem, PolicySummary } from '../../../preload/contract';
import { ApiError } from '../../api';
import { FormError, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextArea } from '../../components/Field';
import { fillReply, useInbox, type ActInput, type Label } from '../../store/inbox';
import { ALL_LABELS, CLAUSE_NAME, cut } from './labels';

export type OpenDialog = { kind: 'hide' | 'delete' | 'reply' | 'flag'; item: InboxItem } | null;
type Close = (done: boolean) => void;

function Quote({ item }: { item: InboxItem }) {
  return <blockquote className="dialog-quote" dir="auto">{cut(item.text, 400)}{item.text.length > 400 ? '…' : ''}</blockquote>;
}

/**
 * Sends the action; a platform failure closes the dialog so the inbox's Retry takes over, while a
 * refusal (no clause, not permitted) stays in the dialog to be fixed. Nothing was recorded either way.
 */
function useSend(onClose: Close) {
  const act = useInbox((s) => s.act);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (input: ActInput) => {
    setBusy(true);
    setError(null);
    const done = await act(input);
    setBusy(false);
    const failure = useInbox.getState().failure;
    if (done || failure?.retryable) onClose(Boolean(done));
    else {
      setError(failure?.message ?? 'The action failed.');
      useInbox.getState().dismissFailure();
    }
  };
  return { send, error, busy };
}

function ClauseForm({ kind, item, policy, onClose }: { kind: 'hide' | 'delete'; item: InboxItem; policy: PolicySummary | null; onClose: Close }) {
  // Start from the screener's clauses; a referral to a department is not a reason to hide.
  const [labels, setLabels] = useState<Label[]>(() => item.labels.filter((l) => l !== 'service_complaint'));
  const [note, setNote] = useState('');
  const { send, error, busy } = useSend(onClose);
  const verb = kind === 'hide' ? 'Hide' : 'Remove';
  const clauseOf = (l: Label) => policy?.clauses.find((c) => c.label === l)?.clause;
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void send({ inboxId: item.id, action: kind, labels, ...(note.trim() ? { note: note.trim() } : {}) }); }}>
      <Quote item={item} />
      <fieldset>
        <legend>Clause(s) of the Civility and Acceptable Use Policy it breaks</legend>
        <div className="clause-grid">
          {ALL_LABELS.filter((l) => l !== 'service_complaint').map((l) => (
            <label key={l} className="clause-option">
              <input type="checkbox" checked={labels.includes(l)}
                onChange={(e) => setLabels(e.target.checked ? [...labels, l] : labels.filter((x) => x !== l))} />
              {clauseOf(l) ? <span className="clause-code">{clauseOf(l)}</span> : null} {CLAUSE_NAME[l]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea label="Note for the record (optional)" value={note} onChange={setNote} rows={2} />
      {kind === 'delete' ? <p className="hint">Removal cannot be undone on the platform. The archive keeps the comment as it was.</p> : null}
      <FormError error={error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onClose(false)}>Cancel</button>
        <button type="submit" disabled={busy}>{busy ? `${kind === 'hide' ? 'Hiding' : 'Removing'}…` : `${verb} comment`}</button>
      </div>
    </form>
  );
}

/**
 * Hide or remove: the moderator names the clause(s) relied on, pre-filled from the verdict. An
 * empty choice is sent as is, so main's refusal (criticism is not a reason) is what the user reads.
 */
export function ClauseDialog({ open, onClose, policy }: { open: OpenDialog; onClose: Close; policy: PolicySummary | null }) {
  const kind = open?.kind === 'hide' || open?.kind === 'delete' ? open.kind : null;
  return (
    <Dialog title={kind === 'delete' ? 'Remove this comment' : 'Hide this comment'} open={kind !== null} onClose={() => onClose(false)}>
      {open && kind ? <ClauseForm key={open.item.id} kind={kind} item={open.item} policy={policy} onClose={onClose} /> : null}
    </Dialog>
  );
}

function ReplyForm({ item, onClose }: { item: InboxItem; onClose: Close }) {
  const saved = useInbox((s) => s.savedReplies);
  const referral = item.verdict === 'redirect' || item.labels.includes('service_complaint') ? saved.find((r) => r.kind === 'service_referral') : undefined;
  const [templateId, setTemplateId] = useState(referral ? String(referral.id) : '');
  const [text, setText] = useState(referral ? fillReply(referral.body, item) : '');
  const { send, error, busy } = useSend(onClose);
  const choose = (id: string) => {
    setTemplateId(id);
    const t = saved.find((r) => String(r.id) === id);
    if (t) setText(fillReply(t.body, item));
  };
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void send({ inboxId: item.id, action: 'reply', replyText: text }); }}>
      <Quote item={item} />
      {item.referral ? <p className="hint">The screener refers this to {item.referral.department}: {item.referral.contact}</p> : null}
      <SelectField label="Saved reply" value={templateId} onChange={choose} placeholder="Write your own…"
        options={saved.map((r) => ({ value: String(r.id), label: r.kind === 'service_referral' ? `${r.title} (names the department)` : r.title }))} />
      <TextArea label="Reply" value={text} onChange={setText} rows={5} required />
      <FormError error={error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onClose(false)}>Cancel</button>
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send reply'}</button>
      </div>
    </form>
  );
}

/** A reply on behalf of the city (CMT-2); the service-complaint referral names the department (CIV-2). */
export function ReplyDialog({ open, onClose }: { open: OpenDialog; onClose: Close }) {
  const item = open?.kind === 'reply' ? open.item : null;
  return (
    <Dialog title="Reply for the city" open={item !== null} onClose={() => onClose(false)}>
      {item ? <ReplyForm key={item.id} item={item} onClose={onClose} /> : null}
    </Dialog>
  );
}

function FlagForm({ item, onClose }: { item: InboxItem; onClose: Close }) {
  const flag = useInbox((s) => s.flag);
  const [reason, setReason] = useState('');
  const send = useAction(async () => {
    if (!reason.trim()) throw new ApiError('invalid_input', 'Say what is wrong with this comment.');
    await flag(item.id, reason);
    onClose(true);
    return 'Reported to the Communications Manager.';
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void send.run(); }}>
      <Quote item={item} />
      <p className="hint">Only the Communications Manager, City Manager or City Attorney act on public comments; your report goes to them.</p>
      <TextArea label="What is wrong with it?" value={reason} onChange={setReason} rows={3} required error={send.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onClose(false)}>Cancel</button>
        <button type="submit" disabled={send.busy}>Send report</button>
      </div>
    </form>
  );
}

/** CMT-4: a role that may not moderate reports the comment to the Communications Manager. */
export function FlagDialog({ open, onClose }: { open: OpenDialog; onClose: Close }) {
  const item = open?.kind === 'flag' ? open.item : null;
  return (
    <Dialog title="Report to the Communications Manager" open={item !== null} onClose={() => onClose(false)}>
      {item ? <FlagForm key={item.id} item={item} onClose={onClose} /> : null}
    </Dialog>
  );
}
