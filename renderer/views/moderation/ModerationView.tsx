import { useEffect, useState } from 'react';
import { EmptyState, FormError, formatDateTime, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { useModeration } from '../../store/moderation';
import { useSession } from '../../store/session';
import { CLAUSE_NAME } from '../inbox/labels';
import { ReportCard } from './ReportCard';

function PolicyCard() {
  const policy = useModeration((s) => s.policy);
  if (!policy) return null;
  return (
    <section className="card policy-card" aria-labelledby="policy-title">
      <h2 id="policy-title">Policy in force</h2>
      <p>Version <strong className="mono">{policy.version}</strong>. Every decision records the version it applied.</p>
      <table className="table clauses">
        <caption className="sr-only">Clauses of the Civility and Acceptable Use Policy</caption>
        <thead><tr><th scope="col">Clause</th><th scope="col">Screener label</th><th scope="col">Text</th></tr></thead>
        <tbody>
          {policy.clauses.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.clause}</th>
              <td>{CLAUSE_NAME[c.label as keyof typeof CLAUSE_NAME] ?? c.label}</td>
              <td>{c.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>History</h3>
      <ol className="plain policy-history">
        {policy.history.map((h) => (
          <li key={h.version}><span className="mono">{h.version}</span>{Date.parse(h.createdAt) === 0 ? '' : ` · ${formatDateTime(h.createdAt)}`}{h.note ? ` · ${h.note}` : ''}</li>
        ))}
      </ol>
    </section>
  );
}

function LearningCard({ canTeach }: { canTeach: boolean }) {
  const learned = useModeration((s) => s.policy?.learned ?? []);
  const relearn = useModeration((s) => s.relearn);
  const resetLearning = useModeration((s) => s.resetLearning);
  const [confirm, setConfirm] = useState(false);
  const learn = useAction(async () => { await relearn(); return 'The screener relearned from the city’s decisions.'; });
  const reset = useAction(async () => { await resetLearning(); setConfirm(false); return 'What the screener learned was reset.'; });
  return (
    <section className="card" aria-labelledby="learned-title">
      <h2 id="learned-title">What the screener learned</h2>
      <p className="sub">From the city’s own decisions: verdicts the moderators confirmed or overturned adjust later ones.</p>
      <ul className="learned">{learned.map((line, i) => <li key={i}>{line}</li>)}</ul>
      {canTeach ? (
        <div className="actions">
          <button type="button" className="secondary" disabled={learn.busy} onClick={() => void learn.run()}>{learn.busy ? 'Relearning…' : 'Relearn from decisions'}</button>
          <button type="button" className="danger" onClick={() => setConfirm(true)}>Reset learning…</button>
        </div>
      ) : null}
      <FormError error={learn.error} />
      <Dialog title="Reset what the screener learned?" open={confirm} onClose={() => setConfirm(false)}>
        <p>The screener goes back to the seed rules of the policy. Past decisions stay on record; Relearn can learn from them again.</p>
        <FormError error={reset.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirm(false)}>Cancel</button>
          <button type="button" className="danger" disabled={reset.busy} onClick={() => void reset.run()}>Reset learning</button>
        </div>
      </Dialog>
    </section>
  );
}

/** Moderation (Alt+3): the policy the screener applies, what it learned, and the consistency report. */
export function ModerationView() {
  const policy = useModeration((s) => s.policy);
  const error = useModeration((s) => s.error);
  const loadPolicy = useModeration((s) => s.loadPolicy);
  const ownerId = useSession((s) => s.info?.owner?.personId);
  const canModerate = useSession((s) => s.can('comment.moderate'));
  useEffect(() => { if (ownerId !== undefined) void loadPolicy(); }, [ownerId, loadPolicy]);
  return (
    <section className="view moderation-view">
      <header className="view-head"><h1>Moderation</h1></header>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {!policy && !error ? <p role="status">Loading the policy…</p> : null}
      <div className="cards moderation-cards">
        <PolicyCard />
        <LearningCard canTeach={canModerate} />
      </div>
      {canModerate ? <ReportCard /> : (
        <EmptyState title="The consistency report is for moderators">
          <p>The Communications Manager, City Manager and City Attorney review how comments were handled.</p>
        </EmptyState>
      )}
    </section>
  );
}
