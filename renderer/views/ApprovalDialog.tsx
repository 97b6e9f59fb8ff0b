import { useState } from 'react';
import { call } from '../api';
import { FormError, fileToBase64, today, useAction } from '../components/common';
import { Dialog } from '../components/Dialog';
import { FileField, SelectField, TextArea, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';

export interface ApprovalSubject { subject: 'site' | 'admin_change'; subjectId: number; what: string }

/** REG-2: who approved, on what date, and the memo or email that shows it. */
export function ApprovalDialog({ target, onClose }: { target: ApprovalSubject | null; onClose(): void }) {
  const { people, roles, applySite } = useRegistry();
  const granting = new Set(roles.filter((r) => r.capabilities.includes('approval.grant')).map((r) => r.key));
  const approvers = people.filter((p) => p.active && granting.has(p.role));
  const [approverId, setApproverId] = useState('');
  const [approvedOn, setApprovedOn] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const chosen = approverId || (approvers.length === 1 ? String(approvers[0]?.id) : '');
  const errors = {
    approver: chosen ? null : 'Choose who approved.',
    date: /^\d{4}-\d{2}-\d{2}$/.test(approvedOn) ? (approvedOn > today() ? 'The approval cannot be dated in the future.' : null) : 'Enter the date of the approval.',
    file: file ? (file.size === 0 ? 'That file is empty.' : null) : 'Attach the memo or email that records the approval.',
  };
  const action = useAction(async () => {
    if (!target || !file) return;
    const detail = await call('registry.approvals.record', {
      subject: target.subject, subjectId: target.subjectId, approverId: Number(chosen), approvedOn,
      evidence: { fileName: file.name, mediaType: file.type || 'application/octet-stream', dataBase64: await fileToBase64(file) }, note,
    });
    await applySite(detail);
    setFile(null);
    setNote('');
    setTouched(false);
    onClose();
    return `Approval recorded: ${target.what}.`;
  });
  return (
    <Dialog title={target ? `Record approval: ${target.what}` : 'Record approval'} open={target !== null} onClose={onClose}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!Object.values(errors).some(Boolean)) void action.run();
      }}>
        {approvers.length === 0 ? <p className="form-error" role="alert">No one in the registry can grant approvals. Add the City Manager under People first.</p> : null}
        <SelectField label="Approved by" required value={chosen} onChange={setApproverId} placeholder="Choose…" error={touched ? errors.approver : null}
          options={approvers.map((p) => ({ value: String(p.id), label: `${p.name} (${p.roleName})` }))} />
        <TextField label="Date of approval" type="date" required value={approvedOn} onChange={setApprovedOn} error={touched ? errors.date : null} />
        <FileField label="Evidence (memo or email)" required onChange={setFile} error={touched ? errors.file : null}
          hint="Kept whole in the workspace with its SHA-256 so an auditor can see it." />
        <TextArea label="Note" value={note} onChange={setNote} />
        <FormError error={action.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={action.busy}>{action.busy ? 'Recording…' : 'Record approval'}</button>
        </div>
      </form>
    </Dialog>
  );
}
