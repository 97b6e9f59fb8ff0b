import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordApproval } from '../../main/registry/approvals';
import { cancelAdminChange, requestAdminChange } from '../../main/registry/admins';
import { complianceFindings } from '../../main/registry/compliance';
import { createPerson, updatePerson } from '../../main/registry/people';
import { getSiteDetail, listSites } from '../../main/registry/site-read';
import { createSite, setSiteStatus, updateSite } from '../../main/registry/sites';
import { recordTermsReview } from '../../main/registry/terms';
import { CITY_MANAGER, CM, demoWorkspace, EMPLOYEE, IT_DIRECTOR, memo, PW_DIRECTOR, type TestWorkspace } from '../helpers/workspace';

let t: TestWorkspace;
beforeEach(() => { t = demoWorkspace(); });
afterEach(() => t.cleanup());

const xSite = () => {
  const s = listSites(t.as(CM)).find((site) => site.platform === 'x');
  if (!s) throw new Error('demo X site missing');
  return s;
};
const kinds = (siteId: number | null) => complianceFindings(t.as(CM)).filter((f) => f.siteId === siteId).map((f) => `${f.requirement}:${f.kind}`);

function approveChange(siteId: number, personId: number) {
  const pending = getSiteDetail(t.as(CM), siteId).adminChanges.find((c) => c.personId === personId && c.state === 'pending');
  if (!pending) throw new Error('no pending change');
  return recordApproval(t.as(CM), { subject: 'admin_change', subjectId: pending.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-31', evidence: memo() });
}

describe('administrators', () => {
  it('[REG-5] an administrator change has no effect until the City Manager\u2019s approval is recorded', () => {
    const x = xSite();
    const it = t.personId(IT_DIRECTOR);
    const requested = requestAdminChange(t.as(CM), { siteId: x.id, personId: it, action: 'add', reason: 'REG-6' });
    expect(requested.admins.map((a) => a.personId)).not.toContain(it);
    expect(requested.adminChanges[0]).toMatchObject({ state: 'pending', action: 'add', personName: 'Sam Okafor' });
    expect(kinds(x.id)).toContain('REG-5:admin_not_approved');

    const approved = approveChange(x.id, it);
    expect(approved.admins.map((a) => a.personId)).toContain(it);
    expect(approved.adminChanges[0]?.approval?.approverName).toBe('Morgan Ellis');
    expect(kinds(x.id)).not.toContain('REG-5:admin_not_approved');
  });

  it('[REG-5] removal also waits for approval, and a cancelled request never takes effect', () => {
    const x = xSite();
    const cm = t.personId(CM);
    requestAdminChange(t.as(CM), { siteId: x.id, personId: cm, action: 'remove' });
    expect(getSiteDetail(t.as(CM), x.id).admins.map((a) => a.personId)).toContain(cm);
    approveChange(x.id, cm);
    expect(getSiteDetail(t.as(CM), x.id).admins.map((a) => a.personId)).not.toContain(cm);

    const dir = t.personId(PW_DIRECTOR);
    const detail = requestAdminChange(t.as(CM), { siteId: x.id, personId: dir, action: 'add' });
    const change = detail.adminChanges.find((c) => c.personId === dir);
    if (!change) throw new Error('missing change');
    cancelAdminChange(t.as(CM), change.id);
    expect(() => recordApproval(t.as(CM), { subject: 'admin_change', subjectId: change.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-31', evidence: memo() }))
      .toThrow(/cancelled/);
    expect(getSiteDetail(t.as(CM), x.id).admins.map((a) => a.personId)).not.toContain(dir);
  });

  it('[REG-5] refuses duplicate or impossible requests and requests from other roles', () => {
    const x = xSite();
    expect(() => requestAdminChange(t.as(CM), { siteId: x.id, personId: t.personId(CM), action: 'add' })).toThrow(/already an administrator/);
    expect(() => requestAdminChange(t.as(CM), { siteId: x.id, personId: t.personId(EMPLOYEE), action: 'remove' })).toThrow(/is not an administrator/);
    requestAdminChange(t.as(CM), { siteId: x.id, personId: t.personId(EMPLOYEE), action: 'add' });
    expect(() => requestAdminChange(t.as(CM), { siteId: x.id, personId: t.personId(EMPLOYEE), action: 'add' })).toThrow(/already waiting/);
    expect(() => requestAdminChange(t.as(IT_DIRECTOR), { siteId: x.id, personId: t.personId(IT_DIRECTOR), action: 'add' })).toThrow(/may not change site administrators/);
  });
});

describe('compliance findings', () => {
  it('[REG-6] a site without the IT Director as an approved administrator is out of compliance until the change is approved', () => {
    const x = xSite();
    expect(kinds(x.id)).toContain('REG-6:it_director_not_admin');
    requestAdminChange(t.as(CM), { siteId: x.id, personId: t.personId(IT_DIRECTOR), action: 'add' });
    expect(kinds(x.id)).toContain('REG-6:it_director_not_admin');
    approveChange(x.id, t.personId(IT_DIRECTOR));
    expect(kinds(x.id)).not.toContain('REG-6:it_director_not_admin');
  });

  it('[REG-2] a proposed site is reported as not approved, and only that until it is approved', () => {
    const site = createSite(t.as(CM), { platform: 'youtube', handle: 'kalispell', name: 'Kalispell on YouTube' });
    expect(kinds(site.id)).toEqual(['REG-2:site_not_approved']);
    recordApproval(t.as(CM), { subject: 'site', subjectId: site.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-30', evidence: memo() });
    expect(kinds(site.id)).toEqual(['REG-6:it_director_not_admin', 'SEC-2:twofa_off', 'SEC-1:terms_not_reviewed', 'CMT-1:policy_not_linked']);
  });

  it('[SEC-2] two-factor authentication off is a finding while the platform offers it', () => {
    const x = xSite();
    expect(kinds(x.id)).toContain('SEC-2:twofa_off');
    updateSite(t.as(CM), x.id, { twofaEnabled: true });
    expect(kinds(x.id)).not.toContain('SEC-2:twofa_off');
    updateSite(t.as(CM), x.id, { twofaEnabled: false });
    t.ws.db.prepare("UPDATE platforms SET offers_2fa = 0 WHERE key = 'x'").run();
    expect(kinds(x.id)).not.toContain('SEC-2:twofa_off');
  });

  it('[SEC-1] terms of service not reviewed in the last 12 months are a finding; a fresh review clears it', () => {
    const x = xSite();
    expect(kinds(x.id)).not.toContain('SEC-1:terms_not_reviewed');
    t.setNow(new Date('2027-05-03T12:00:00Z'));
    expect(kinds(x.id)).toContain('SEC-1:terms_not_reviewed');
    expect(complianceFindings(t.as(CM)).find((f) => f.kind === 'terms_not_reviewed' && f.siteId === x.id)?.message).toMatch(/over 12 months ago/);
    recordTermsReview(t.as(CM), { siteId: x.id, reviewedOn: '2027-05-02', reviewerId: t.personId(CM), outcome: 'it_consulted', note: 'IT reviewed data sharing terms.' });
    expect(kinds(x.id)).not.toContain('SEC-1:terms_not_reviewed');
    expect(() => recordTermsReview(t.as(CM), { siteId: x.id, reviewedOn: '2027-05-02', reviewerId: t.personId(CM), outcome: 'it_consulted' })).toThrow(/what IT advised/);
  });

  it('[CMT-1] a site that does not link the Civility and Acceptable Use Policy is a finding', () => {
    const x = xSite();
    expect(kinds(x.id)).toContain('CMT-1:policy_not_linked');
    updateSite(t.as(CM), x.id, { policyLinked: true, policyUrl: 'https://x.com/CityKalispell' });
    expect(kinds(x.id)).not.toContain('CMT-1:policy_not_linked');
  });

  it('[REG-4] a designee who may submit but whose director is gone is a finding', () => {
    expect(kinds(null)).toEqual([]);
    updatePerson(t.as(CM), t.personId(PW_DIRECTOR), { active: false });
    expect(kinds(null)).toEqual(['REG-4:designee_without_director']);
  });

  it('a retired site has no findings, and the demo Facebook Page is fully compliant', () => {
    const fb = listSites(t.as(CM)).find((s) => s.platform === 'facebook');
    expect(fb && kinds(fb.id)).toEqual([]);
    const x = xSite();
    setSiteStatus(t.as(CM), x.id, 'retired', 'Account closed');
    expect(kinds(x.id)).toEqual([]);
  });

  it('[REG-6] new people can be added and a whole compliant site built through the registry', () => {
    const it2 = createPerson(t.as(CM), { name: 'Pat Quinn', role: 'it_director', email: 'pquinn@kalispell.example' });
    const x = xSite();
    requestAdminChange(t.as(CM), { siteId: x.id, personId: it2.id, action: 'add' });
    approveChange(x.id, it2.id);
    updateSite(t.as(CM), x.id, { twofaEnabled: true, policyLinked: true, policyUrl: 'https://x.com/CityKalispell' });
    expect(kinds(x.id)).toEqual([]);
    setSiteStatus(t.as(CM), x.id, 'suspended', 'Test');
    expect(kinds(x.id)).toEqual([]);
  });
});
