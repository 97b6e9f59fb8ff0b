import { useState, type Ref } from 'react';
import type { InboxItem, InboxItemDetail, PolicySummary } from '../../../preload/contract';
import { FormError, formatDateTime, useAction } from '../../components/common';
import { SelectField, TextArea } from '../../components/Field';
import { useInbox } from '../../store/inbox';
import { useRegistry } from '../../store/registry';
import { CommentText } from './CommentText';
import { CLAUSE_NAME, STATE_LABEL, VERDICT_LABEL, platformName } from './labels';

export type Command = 'allow' | 'hide' | 'delete' | 'reply' | 'refer_attorney' | 'undo' | 'flag';

export interface Permissions { moderate: boolean; reply: boolean }

const ACTION_WORD: Record<string, string> = {
  allow: 'Allowed', hide: 'Hidden', unhide: 'Unhidden', delete: 'Removed', reply: 'Replied', refer_attorney: 'Sent to the City Attorney', reopen: 'Reopened (undo)',
};

/** The action bar: every button names its key, which also works from anywhere in the inbox. */
export function ActionBar({ item, can, busy, onCommand }: { item: InboxItem; can: Permissions; busy: boolean; onCommand(c: Command): void }) {
  const closed = item.state === 'gone' || item.state === 'removed';
  const button = (c: Command, label: string, key: string, extra?: string) => (
    <button type="button" className={extra} disabled={busy || (closed && c !== 'undo')} aria-keyshortcuts={key} onClick={() => onCommand(c)}>
      {label} <kbd aria-hidden="true">{key}</kbd>
    </button>
  );
  return (
    <div className="action-bar" role="toolbar" aria-label="Act on this comment">
      {can.moderate ? (
        <>
          {button('allow', 'Allow', 'a', 'secondary')}
          {button('hide', 'Hide…', 'h')}
          {button('delete', 'Remove…', 'd', 'danger')}
          {can.reply ? button('reply', 'Reply…', 'r', 'secondary') : null}
          {button('refer_attorney', 'Send to City Attorney', 'e', 'secondary')}
          {button('undo', 'Undo', 'u', 'secondary')}
        </>
      ) : (
        <>
          {can.reply ? button('reply', 'Reply…', 'r', 'secondary') : null}
          {button('flag', 'Report to the Communications Manager', 'f')}
        </>
      )}
    </div>
  );
}

function ConsultForm({ inboxId }: { inboxId: number }) {
  const people = useRegistry((s) => s.people);
  const consult = useInbox((s) => s.consult);
  const [personId, setPersonId] = useState('');
  const [question, setQuestion] = useState('');
  const ask = useAction(async () => {
    await consult(inboxId, Number(personId), question);
    setQuestion('');
    return 'Question recorded.';
  });
  return (
    <form className="consult-form" noValidate onSubmit={(e) => { e.preventDefault(); if (personId) void ask.run(); }}>
      <SelectField label="Ask a colleague" value={personId} onChange={setPersonId} placeholder="Choose a person…"
        options={people.filter((p) => p.active).map((p) => ({ value: String(p.id), label: `${p.name} (${p.roleName})` }))} />
      <TextArea label="Question" value={question} onChange={setQuestion} rows={2} />
      <FormError error={ask.error} />
      <button type="submit" className="secondary" disabled={!personId || !question.trim() || ask.busy}>Ask</button>
    </form>
  );
}

function AnswerForm({ consultId }: { consultId: number }) {
  const answer = useInbox((s) => s.answer);
  const [text, setText] = useState('');
  const save = useAction(async () => { await answer(consultId, text); return 'Answer recorded.'; });
  return (
    <form className="inline-form" noValidate onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
      <TextArea label="Their answer" value={text} onChange={setText} rows={1} error={save.error} />
      <button type="submit" className="secondary" disabled={!text.trim() || save.busy}>Record</button>
    </form>
  );
}

/** The reading pane: the whole comment with its evidence, what was done, and the colleagues asked (CMT-3). */
export function ItemDetail({ item, detail, policy, can, busy, onCommand, onBack, ref }: {
  item: InboxItem; detail: InboxItemDetail | null; policy: PolicySummary | null; can: Permissions; busy: boolean; onCommand(c: Command): void;
  /** Esc in the pane goes back to the list, as in a mail client. */
  onBack(): void; ref?: Ref<HTMLElement>;
}) {
  const current = detail?.item.id === item.id ? detail : null;
  const clauseOf = (l: InboxItem['labels'][number]) => policy?.clauses.find((c) => c.label === l)?.clause;
  return (
    <section ref={ref} className="reading-pane" tabIndex={-1} aria-labelledby="reading-title"
      onKeyDown={(e) => { if (e.key === 'Escape' && !document.querySelector('dialog[open]')) { e.preventDefault(); onBack(); } }}>
      <h2 id="reading-title" className="reading-title">
        <bdi>{item.author ?? 'Unknown author'}</bdi> on {item.siteName}
      </h2>
      <p className="sub">
        {platformName(item)} {item.kind} · written {item.createdAt ? formatDateTime(item.createdAt) : 'at an unknown time'} · captured {formatDateTime(item.capturedAt)}
      </p>
      <p className="verdict-line">
        <span className={`verdict verdict-${item.verdict}`}>{VERDICT_LABEL[item.verdict]}</span>
        <span className={`state-chip state-${item.state}`}>{STATE_LABEL[item.state]}</span>
        <span className="sub">confidence {Math.round(item.confidence * 100)}% · policy {item.policyVersion}</span>
        {item.flags > 0 ? <span className="flag-chip">Reported {item.flags}×</span> : null}
      </p>
      <ActionBar item={item} can={can} busy={busy} onCommand={onCommand} />
      <h3>Comment</h3>
      <CommentText key={item.id} text={item.text} evidence={item.evidence} id={`comment-text-${item.id}`} />
      {item.evidence.length ? (
        <>
          <h3>Why the screener says so</h3>
          <ul className="evidence">
            {item.evidence.map((e, i) => (
              <li key={i}>
                <span className="clause-chip">{clauseOf(e.label) ? `${clauseOf(e.label)} ` : ''}{CLAUSE_NAME[e.label]}</span>{' '}
                “<bdi>{e.text}</bdi>”: {e.why}
              </li>
            ))}
          </ul>
        </>
      ) : <p className="sub">The screener found nothing in this comment that the policy names.</p>}
      {item.referral ? <p className="referral">Service complaint: refer to <strong>{item.referral.department}</strong>, {item.referral.contact}</p> : null}
      {item.postText ? (
        <>
          <h3>The city’s post</h3>
          <CommentText key={`post-${item.id}`} text={item.postText} evidence={[]} clamp={400} id={`post-text-${item.id}`} />
        </>
      ) : null}
      <h3>What was done</h3>
      {!current ? <p role="status" className="sub">Loading…</p> : current.actions.length === 0 ? <p className="sub">Nothing yet.</p> : (
        <ol className="history">
          {current.actions.map((a) => (
            <li key={a.id}>
              <strong>{ACTION_WORD[a.action] ?? a.action}</strong> by {a.actorName}, {formatDateTime(a.at)}
              {a.labels.length ? ` · ${a.labels.map((l) => CLAUSE_NAME[l]).join(', ')}` : ''} · policy {a.policyVersion}
              {a.note ? <span className="sub"> · {a.note}</span> : null}
              {a.replyText ? <blockquote dir="auto">{a.replyText}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
      {current && (can.reply || current.consults.length > 0) ? (
        <>
          <h3>Colleagues consulted</h3>
          {current.consults.length === 0 ? <p className="sub">No one yet.</p> : (
            <ul className="consults">
              {current.consults.map((c) => (
                <li key={c.id}>
                  <strong>{c.personName}</strong>, asked {formatDateTime(c.askedAt)}: <span dir="auto">{c.question}</span>
                  {c.answer !== null ? <p dir="auto">Answer: {c.answer}</p> : can.reply ? <AnswerForm consultId={c.id} /> : <p className="sub">Not answered yet.</p>}
                </li>
              ))}
            </ul>
          )}
          {can.reply ? <ConsultForm inboxId={item.id} /> : null}
        </>
      ) : null}
    </section>
  );
}
