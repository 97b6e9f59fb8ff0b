import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAudit } from '../../main/registry/audit-read';
import { createPerson, listPeople, updatePerson } from '../../main/registry/people';
import { listSites } from '../../main/registry/site-read';
import { updateSite } from '../../main/registry/sites';
import { addViolationStep, listViolations, reportViolation } from '../../main/registry/violations';
import { ATTORNEY, CITY_MANAGER, CM, countRows, demoWorkspace, DESIGNEE, EMPLOYEE, PW_DIRECTOR, type TestWorkspace } from '../helpers/workspace';

let t: TestWorkspace;
beforeEach(() => { t = demoWorkspace(); });
afterEach(() => t.cleanup());

describe('people', () => {
  it('[REG-4] keeps the list of employees who submit content, each designee with the director who approves for them', () => {
    const submitters = listPeople(t.as(CM)).filter((p) => p.maySubmit);
    expect(submitters.map((p) => [p.name, p.roleName, p.approverName])).toEqual([
      ['Avery Nakamura', 'Department Director', null],
      ['Casey Lindqvist', 'Department Director', null],
      ['Jamie Ortiz', 'Designee', 'Casey Lindqvist'],
    ]);
  });

  it('[CNT-1] a designee must be linked to a Department Director, and only submitting roles can submit', () => {
    const base = { name: 'New Person', email: 'new@kalispell.example' };
    expect(() => createPerson(t.as(CM), { ...base, role: 'designee', maySubmit: true })).toThrow(/linked to the Department Director/);
    expect(() => createPerson(t.as(CM), { ...base, role: 'designee', approverId: t.personId(CM) })).toThrow(/is not a Department Director/);
    expect(() => createPerson(t.as(CM), { ...base, role: 'employee', maySubmit: true })).toThrow(/Only Department Directors and Designees/);
    expect(() => createPerson(t.as(CM), { ...base, role: 'employee', approverId: t.personId(PW_DIRECTOR) })).toThrow(/Only a Designee/);
    const ok = createPerson(t.as(CM), { ...base, role: 'designee', maySubmit: true, approverId: t.personId(PW_DIRECTOR) });
    expect(ok.approverName).toBe('Casey Lindqvist');
    expect(() => updatePerson(t.as(CM), t.personId(DESIGNEE), { approverId: null })).toThrow(/linked to the Department Director/);
  });

  it('refuses a second person with the same email and unknown roles, changing nothing', () => {
    const before = countRows(t.ws, 'people');
    expect(() => createPerson(t.as(CM), { name: 'Dup', role: 'employee', email: 'JAVERY@kalispell.example' })).toThrow(/UNIQUE|already/);
    expect(() => createPerson(t.as(CM), { name: 'X', role: 'mayor', email: 'x@kalispell.example' })).toThrow(/Unknown role/);
    expect(() => createPerson(t.as(EMPLOYEE), { name: 'X', role: 'employee', email: 'x@kalispell.example' })).toThrow(/may not add people/);
    expect(countRows(t.ws, 'people')).toBe(before);
  });
});

describe('violation reports', () => {
  it('[VIO-1] anyone records a report; the CM or City Manager tracks it to the action steps taken', () => {
    const x = listSites(t.as(CM)).find((s) => s.platform === 'x');
    const report = reportViolation(t.as(EMPLOYEE), { siteId: x?.id ?? null, summary: 'A director replied to a resident from a personal account', details: 'Seen on the X reply thread.' });
    expect(report).toMatchObject({ status: 'open', reportedBy: 'Drew Patel', siteName: 'City of Kalispell (X)' });
    expect(() => addViolationStep(t.as(EMPLOYEE), { reportId: report.id, step: 'Looked into it' })).toThrow(/may not act on violation reports/);

    addViolationStep(t.as(CM), { reportId: report.id, step: 'Spoke with the director about CMT-4' });
    const closed = addViolationStep(t.as(CITY_MANAGER), { reportId: report.id, step: 'Reminder sent to all directors', close: true });
    expect(closed.status).toBe('closed');
    expect(closed.steps.map((s) => [s.actor, s.step])).toEqual([
      ['Jordan Avery', 'Spoke with the director about CMT-4'],
      ['Morgan Ellis', 'Reminder sent to all directors'],
    ]);
    expect(() => addViolationStep(t.as(CM), { reportId: report.id, step: 'More' })).toThrow(/closed/);
  });

  it('[VIO-1] reporters see their own reports; those who act on them see all', () => {
    reportViolation(t.as(EMPLOYEE), { summary: 'Mine' });
    reportViolation(t.as(ATTORNEY), { summary: 'Theirs' });
    expect(listViolations(t.as(EMPLOYEE)).map((r) => r.summary)).toEqual(['Mine']);
    expect(listViolations(t.as(CM)).map((r) => r.summary).sort()).toEqual(['Mine', 'Theirs']);
    expect(() => reportViolation(t.as(EMPLOYEE), { summary: '   ' })).toThrow(/what happened/);
  });
});

describe('audit log', () => {
  it('records every change with actor, time, before and after, and cannot be rewritten', () => {
    const x = listSites(t.as(CM)).find((s) => s.platform === 'x');
    if (!x) throw new Error('x missing');
    t.setNow(new Date('2026-06-01T16:30:00Z'));
    updateSite(t.as(CM), x.id, { twofaEnabled: true });
    const [entry] = readAudit(t.as(CM), { entity: 'site', entityId: String(x.id), limit: 1 });
    expect(entry).toMatchObject({ action: 'site.update', actorName: 'Jordan Avery', actorRole: 'communications_manager', at: '2026-06-01T16:30:00.000Z' });
    expect((entry?.before as { twofaEnabled: boolean }).twofaEnabled).toBe(false);
    expect((entry?.after as { twofaEnabled: boolean }).twofaEnabled).toBe(true);
    expect(() => t.ws.db.prepare('UPDATE audit_log SET action = ? WHERE id = ?').run('x', entry?.id)).toThrow(/append-only/);
    expect(() => t.ws.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => readAudit(t.as(EMPLOYEE))).toThrow(/may not read the audit log/);
  });

  it('pages the audit log newest first without overlap', () => {
    const first = readAudit(t.as(CM), { limit: 5 });
    const second = readAudit(t.as(CM), { limit: 5, before: first.at(-1)?.id });
    expect(first).toHaveLength(5);
    expect(second[0]?.id).toBeLessThan(first.at(-1)?.id ?? 0);
  });
});
