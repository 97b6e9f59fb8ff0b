import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { handlers, type Services } from '../../main/ipc/handlers';
import { chooseOwner, initWorkspace } from '../../main/workspace/workspace';
import { createApi } from '../../preload/api';
import { CHANNELS } from '../../preload/contract';
import { countRows, demoWorkspace, EMPLOYEE, tempDir, type TestWorkspace } from '../helpers/workspace';
import { join } from 'node:path';

let t: TestWorkspace;
let services: Services;
beforeEach(() => {
  t = demoWorkspace();
  services = { workspace: t.ws, now: () => t.now };
});
afterEach(() => t.cleanup());

describe('dispatch', () => {
  it('has a handler for every channel in the contract and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers with a Result and never throws, whatever it is sent', async () => {
    expect(await dispatch(services, 'nope', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Unknown channel/) } });
    expect(await dispatch(services, 42, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(services, 'registry.sites.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^id:/) } });
    expect(await dispatch(services, 'registry.sites.get', { id: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(services, 'registry.sites.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(services, 'registry.sites.list', null)).toMatchObject({ ok: true });
  });

  it('[REG-1] takes the acting person from the workspace, never from the request, and enforces the role in main', async () => {
    chooseOwner(t.ws, t.personId(EMPLOYEE));
    const before = countRows(t.ws, 'sites');
    const r = await dispatch(services, 'registry.sites.create', { platform: 'x', handle: 'sneaky', name: 'Sneaky', actor: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const r2 = await dispatch(services, 'registry.sites.create', { platform: 'x', handle: 'sneaky', name: 'Sneaky' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Employees may not propose new sites.' } });
    expect(countRows(t.ws, 'sites')).toBe(before);
  });

  it('refuses everything but reference data until someone owns the workspace', async () => {
    const dir = tempDir();
    const ws = initWorkspace(join(dir, 'ws'));
    const s: Services = { workspace: ws, now: () => new Date() };
    expect(await dispatch(s, 'registry.sites.list', undefined)).toMatchObject({ ok: false, error: { code: 'no_actor' } });
    expect(await dispatch(s, 'registry.roles', undefined)).toMatchObject({ ok: true });
    const setup = await dispatch(s, 'session.setup', { name: 'Lee Grant', email: 'lgrant@example.org', role: 'communications_manager' });
    expect(setup).toMatchObject({ ok: true, value: { owner: { name: 'Lee Grant', roleName: 'Communications Manager' } } });
    expect(await dispatch(s, 'session.setup', { name: 'Other', email: 'o@example.org', role: 'employee' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch(s, 'session.choose', { personId: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(s, 'registry.sites.list', undefined)).toMatchObject({ ok: true, value: [] });
    ws.close();
  });

  it('carries approval evidence as base64 and gives the same bytes back', async () => {
    const site = await dispatch(services, 'registry.sites.create', { platform: 'youtube', handle: 'kal', name: 'Kalispell TV' }) as { ok: true; value: { id: number } };
    const bytes = Buffer.from('%PDF-1.4 memo \u00e9 \u2603', 'utf8');
    const r = await dispatch(services, 'registry.approvals.record', {
      subject: 'site', subjectId: site.value.id, approverId: t.personId('mellis'), approvedOn: '2026-05-01',
      evidence: { fileName: 'memo.pdf', mediaType: 'application/pdf', dataBase64: bytes.toString('base64') },
    }) as { ok: true; value: { approval: { evidence: { id: number } } } };
    expect(r.ok).toBe(true);
    const back = await dispatch(services, 'registry.evidence.get', { id: r.value.approval.evidence.id }) as { ok: true; value: { dataBase64: string } };
    expect(Buffer.from(back.value.dataBase64, 'base64').equals(bytes)).toBe(true);
    const bad = await dispatch(services, 'registry.approvals.record', {
      subject: 'site', subjectId: site.value.id, approverId: 2, approvedOn: '2026-05-01', evidence: { fileName: 'x', mediaType: 'x', dataBase64: '<script>' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/base64/) } });
  });
});

describe('preload createApi', () => {
  it('exposes one function per contract channel and turns transport failures into a Result', async () => {
    const calls: string[] = [];
    const api = createApi(async (channel) => {
      calls.push(channel);
      if (channel === 'audit.list') throw new Error('main went away');
      return { ok: true, value: channel };
    });
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(await api['registry.sites.list']()).toEqual({ ok: true, value: 'registry.sites.list' });
    expect(await api['audit.list']()).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/main went away/) } });
    expect(calls).toEqual(['registry.sites.list', 'audit.list']);
  });
});
