import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordApproval } from '../../main/registry/approvals';
import { listSites } from '../../main/registry/site-read';
import { createSite, listPlatforms, setSiteStatus, updateSite } from '../../main/registry/sites';
import { CITY_MANAGER, CM, countRows, demoWorkspace, EMPLOYEE, IT_DIRECTOR, memo, type TestWorkspace } from '../helpers/workspace';

let t: TestWorkspace;
beforeEach(() => { t = demoWorkspace(); });
afterEach(() => t.cleanup());

function propose(handle = 'KalispellParks') {
  return createSite(t.as(CM), { platform: 'instagram', handle: `@${handle}`, name: 'Kalispell Parks', url: 'https://www.instagram.com/kalispellparks' });
}

describe('sites', () => {
  it('[REG-2] a new site starts proposed and takes effect only when the City Manager\u2019s approval is recorded', () => {
    const site = propose();
    expect(site.status).toBe('proposed');
    expect(site.handle).toBe('KalispellParks');
    expect(() => setSiteStatus(t.as(CM), site.id, 'active', '')).toThrow(/Record the City Manager.s approval first/);

    const detail = recordApproval(t.as(CM), { subject: 'site', subjectId: site.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-30', evidence: memo() });
    expect(detail.status).toBe('approved');
    expect(detail.approval).toMatchObject({ approverName: 'Morgan Ellis', approvedOn: '2026-05-30', recordedBy: 'Jordan Avery' });
    expect(detail.approval?.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(setSiteStatus(t.as(CM), site.id, 'active', '').status).toBe('active');
  });

  it('[REG-2] refuses an approval from anyone but the City Manager, without evidence, or dated in the future, and changes nothing', () => {
    const site = propose();
    const before = countRows(t.ws, 'approvals');
    const base = { subject: 'site' as const, subjectId: site.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-30', evidence: memo() };
    expect(() => recordApproval(t.as(CM), { ...base, approverId: t.personId(IT_DIRECTOR) })).toThrow(/cannot approve sites/);
    expect(() => recordApproval(t.as(CM), { ...base, evidence: { fileName: 'empty.txt', mediaType: 'text/plain', bytes: new Uint8Array() } })).toThrow(/is empty/);
    expect(() => recordApproval(t.as(CM), { ...base, approvedOn: '2026-06-02' })).toThrow(/future/);
    expect(() => recordApproval(t.as(CM), { ...base, approvedOn: '2026-02-30' })).toThrow(/not a date/);
    expect(() => recordApproval(t.as(EMPLOYEE), base)).toThrow(/may not record approvals/);
    expect(countRows(t.ws, 'approvals')).toBe(before);
    expect(countRows(t.ws, 'evidence')).toBe(before);
    expect(listSites(t.as(CM)).find((s) => s.id === site.id)?.status).toBe('proposed');
  });

  it('[REG-2] an approval is recorded once; a second one for the same site is refused', () => {
    const site = propose();
    const input = { subject: 'site' as const, subjectId: site.id, approverId: t.personId(CITY_MANAGER), approvedOn: '2026-05-30', evidence: memo() };
    recordApproval(t.as(CM), input);
    expect(() => recordApproval(t.as(CM), input)).toThrow(/already recorded/);
  });

  it('[REG-1] only the Communications Manager manages the registry; other roles are refused in main', () => {
    for (const who of [EMPLOYEE, IT_DIRECTOR, CITY_MANAGER]) {
      expect(() => createSite(t.as(who), { platform: 'x', handle: 'other', name: 'Other' })).toThrow(/may not propose new sites/);
    }
    expect(listSites(t.as(EMPLOYEE))).toHaveLength(2);
  });

  it('[REG-3] keeps the list of sites and the platforms they run on, platforms being workspace data', () => {
    propose();
    const sites = listSites(t.as(CM));
    expect(sites.map((s) => [s.platform, s.handle, s.status])).toEqual([
      ['facebook', 'CityofKalispell', 'active'],
      ['x', 'CityKalispell', 'active'],
      ['instagram', 'KalispellParks', 'proposed'],
    ]);
    t.ws.db.prepare("INSERT INTO platforms (key, name, offers_2fa) VALUES ('mastodon', 'Mastodon account', 1)").run();
    expect(listPlatforms(t.as(CM)).map((p) => p.key)).toContain('mastodon');
    expect(createSite(t.as(CM), { platform: 'mastodon', handle: 'kalispell', name: 'Kalispell on Mastodon' }).platformName).toBe('Mastodon account');
  });

  it('[SCOPE-1] records a non-city site used in official duties with its scope', () => {
    const site = createSite(t.as(CM), { platform: 'nextdoor', handle: 'kalispell-pd', name: 'Police on Nextdoor', scope: 'non_city_official_use' });
    expect(site.scope).toBe('non_city_official_use');
  });

  it('refuses duplicates, unknown platforms and bad addresses with clear errors', () => {
    propose();
    expect(() => propose()).toThrow(/already in the registry/);
    expect(() => createSite(t.as(CM), { platform: 'myspace', handle: 'k', name: 'K' })).toThrow(/Unknown platform/);
    expect(() => createSite(t.as(CM), { platform: 'x', handle: 'k', name: 'K', url: 'javascript:alert(1)' })).toThrow(/https:\/\//);
    expect(() => createSite(t.as(CM), { platform: 'x', handle: '  ', name: 'K' })).toThrow(/needs a handle/);
  });

  it('suspending a site needs a reason; the IT Director may suspend but not reactivate', () => {
    const x = listSites(t.as(CM)).find((s) => s.platform === 'x');
    if (!x) throw new Error('demo X site missing');
    expect(() => setSiteStatus(t.as(IT_DIRECTOR), x.id, 'suspended', '')).toThrow(/Say why/);
    expect(setSiteStatus(t.as(IT_DIRECTOR), x.id, 'suspended', 'Unapproved post found').status).toBe('suspended');
    expect(() => setSiteStatus(t.as(IT_DIRECTOR), x.id, 'active', '')).toThrow(/may not make a site active/);
    expect(setSiteStatus(t.as(CM), x.id, 'active', 'Cleared').status).toBe('active');
  });

  it('[CMT-1] marking the policy as linked needs the address where it is linked', () => {
    const x = listSites(t.as(CM)).find((s) => s.platform === 'x');
    if (!x) throw new Error('demo X site missing');
    expect(() => updateSite(t.as(CM), x.id, { policyLinked: true })).toThrow(/Say where/);
    expect(updateSite(t.as(CM), x.id, { policyLinked: true, policyUrl: 'https://x.com/CityKalispell/status/1' }).policyLinked).toBe(true);
  });
});
