import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/ipc/handlers';
import { clearAlert, isPublishingBlocked, listAlerts, type MonitorAlert } from '../../main/monitor';
import { setSiteStatus } from '../../main/registry/sites';
import { chooseOwner } from '../../main/workspace/workspace';
import { CM, EMPLOYEE, IT_DIRECTOR } from '../helpers/workspace';
import { FB, monitorRig, X, type MonitorRig } from './setup';

let rig: MonitorRig;
beforeEach(async () => {
  rig = await monitorRig();
});
afterEach(async () => {
  await rig.close();
});

const lastAudit = (action: string) => rig.t.ws.db.prepare(
  'SELECT actor_id AS actorId, actor_role AS actorRole, before, after FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1',
).get(action) as { actorId: number; actorRole: string; before: string; after: string } | undefined;

async function vandalizedAt(step: number): Promise<MonitorAlert[]> {
  await rig.captureAndCheck();
  rig.advanceTo(step);
  const reports = await rig.captureAndCheck();
  return [...(reports[FB]?.raised ?? []), ...(reports[X]?.raised ?? [])];
}

describe('vandalism watch: clearing', () => {
  it('[SEC-7] only the IT Director clears an alert, with a note; the site returns to active when its last alert is cleared', async () => {
    const alerts = await vandalizedAt(6);
    const fb = alerts.filter((a) => a.siteId === FB);
    expect(fb.map((a) => a.evidence.item).sort()).toEqual(['about', 'cover', 'name']);
    expect(() => clearAlert(rig.t.as(CM), { alertId: fb[0]?.id ?? 0, note: 'Looks fine to me.' })).toThrow(/Communications Managers may not clear vandalism alerts/);
    expect(() => clearAlert(rig.t.as(IT_DIRECTOR), { alertId: fb[0]?.id ?? 0, note: '   ' })).toThrow(/a note is required/);
    expect(listAlerts(rig.t.as(CM)).open.filter((a) => a.siteId === FB)).toHaveLength(3);

    const it = rig.t.as(IT_DIRECTOR);
    for (const [i, alert] of fb.entries()) {
      const r = clearAlert(it, { alertId: alert.id, note: `Restored from the brand kit and reset the Page password (${i + 1}).` });
      expect(r.alert).toMatchObject({ clearedBy: { name: 'Sam Okafor' }, note: expect.stringMatching(/brand kit/) });
      expect(r.openOnSite).toBe(fb.length - i - 1);
      const last = i === fb.length - 1;
      expect(r).toMatchObject({ reactivated: last, siteStatus: last ? 'active' : 'suspended' });
      expect(isPublishingBlocked(rig.t.ws.db, FB)).toBe(!last);
    }
    // The registry lets only the CM make a suspended site active; the watch records the IT Director's move itself.
    const reactivation = lastAudit('site.active');
    expect(reactivation).toMatchObject({ actorId: rig.t.personId(IT_DIRECTOR), actorRole: 'it_director' });
    expect(JSON.parse(reactivation?.after ?? '{}')).toMatchObject({ status: 'active', via: 'monitor.clear', clearedBy: 'Sam Okafor' });
    expect(lastAudit('monitor.clear')).toMatchObject({ actorRole: 'it_director' });
    expect(rig.status(X)).toBe('suspended');
    expect(() => clearAlert(it, { alertId: fb[0]?.id ?? 0, note: 'again' })).toThrow(/already cleared/);
    expect(listAlerts(rig.t.as(CM)).recent.map((a) => a.id).sort()).toEqual(fb.map((a) => a.id).sort());

    // Cleared changes are approved as captured: the next capture is quiet and the site stays active.
    const next = await rig.captureAndCheck();
    expect(next[FB]?.raised).toEqual([]);
    expect(rig.status(FB)).toBe('active');
  });

  it('[SEC-7] a site someone suspended by hand stays suspended when its alerts are cleared', async () => {
    await rig.captureAndCheck();
    setSiteStatus(rig.t.as(CM), FB, 'suspended', 'Password rotation in progress.');
    rig.advanceTo(5);
    const alert = (await rig.captureAndCheck())[FB]?.raised[0];
    expect(alert?.suspension).toBe('already_suspended');
    const r = clearAlert(rig.t.as(IT_DIRECTOR), { alertId: alert?.id ?? 0, note: 'Cover change was ours.' });
    expect(r).toMatchObject({ reactivated: false, siteStatus: 'suspended', openOnSite: 0 });
    expect(isPublishingBlocked(rig.t.ws.db, FB)).toBe(true);
  });

  it('[SEC-7] open alerts block publishing even if someone makes the site active again by hand', async () => {
    await vandalizedAt(5);
    setSiteStatus(rig.t.as(CM), FB, 'active', 'Back to normal.');
    expect(isPublishingBlocked(rig.t.ws.db, FB)).toBe(true);
  });
});

describe('vandalism watch: channels', () => {
  it('[SEC-7] the monitor channels check the acting role in main and audit', async () => {
    const services: Services = { workspace: rig.t.ws, now: () => rig.t.now };
    const [alert] = await vandalizedAt(5);
    const alerts = await dispatch(services, 'monitor.alerts', {});
    expect(alerts).toMatchObject({ ok: true, value: { open: expect.arrayContaining([expect.objectContaining({ id: alert?.id })]) } });

    const email = await dispatch(services, 'monitor.email', { alertId: alert?.id });
    expect(email).toMatchObject({ ok: true, value: { mailto: expect.stringMatching(/^mailto:sokafor%40kalispell\.example\?/), eml: expect.stringMatching(/^To: "Sam Okafor"/) } });
    expect(lastAudit('monitor.email')).toBeDefined();

    expect(await dispatch(services, 'monitor.clear', { alertId: alert?.id, note: 'ok' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(services, 'monitor.recordManualPost', { siteId: FB, externalId: '123', note: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    chooseOwner(rig.t.ws, rig.t.personId(IT_DIRECTOR));
    expect(await dispatch(services, 'monitor.clear', { alertId: alert?.id, note: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(services, 'monitor.recordManualPost', { siteId: FB, externalId: '123', note: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(services, 'monitor.clear', { alertId: alert?.id, note: 'Checked with Parks: their new cover.' }))
      .toMatchObject({ ok: true, value: { alert: { id: alert?.id, clearedBy: { name: 'Sam Okafor' } } } });

    chooseOwner(rig.t.ws, rig.t.personId(EMPLOYEE));
    expect(await dispatch(services, 'monitor.alerts', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(services, 'monitor.email', { alertId: alert?.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('[SEC-7] alerts are never removed and only clearing changes them, once', async () => {
    const [alert] = await vandalizedAt(5);
    const db = rig.t.ws.db;
    expect(() => db.prepare('DELETE FROM monitor_alerts WHERE id = ?').run(alert?.id)).toThrow(/never removed/);
    expect(() => db.prepare("UPDATE monitor_alerts SET evidence = '{}' WHERE id = ?").run(alert?.id)).toThrow(/only ever cleared/);
    clearAlert(rig.t.as(IT_DIRECTOR), { alertId: alert?.id ?? 0, note: 'Ours.' });
    expect(() => db.prepare("UPDATE monitor_alerts SET note = 'changed' WHERE id = ?").run(alert?.id)).toThrow(/only ever cleared/);
  });
});
