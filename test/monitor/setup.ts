/**
 * A demo workspace connected to a real simulator over HTTP with its tokens in the real keychain,
 * as test/capture does, plus what the watch needs: the Page's Facebook admins entered in the
 * registry as approved administrators (their Facebook names differ from the demo registry's
 * people), a clock that moves on every read, and capture followed by the checks, as the app does.
 */
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { captureNow } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { runChecksAfterCapture, type CheckReport, type Notice } from '../../main/monitor';
import { recordApproval } from '../../main/registry/approvals';
import { requestAdminChange } from '../../main/registry/admins';
import { createPerson } from '../../main/registry/people';
import { getSite } from '../../main/registry/site-read';
import { startSimulator, type Simulator } from '../../main/simulator';
import { CITY_MANAGER, CM, demoWorkspace, memo, type TestWorkspace } from '../helpers/workspace';

export const FB = 1;
export const X = 2;
const noWait = { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 2 };

export interface MonitorRig {
  t: TestWorkspace;
  sim: Simulator;
  store: CredentialStore;
  notices: Notice[];
  clock(): Date;
  /** Captures every site, then runs the checks for each, as captureNow's caller will. */
  captureAndCheck(): Promise<Record<number, CheckReport>>;
  /** Only the checks, on what is archived already. */
  check(siteId: number): Promise<CheckReport>;
  /** Applies timeline steps until `step` have been applied. */
  advanceTo(step: number): void;
  status(siteId: number): string;
  close(): Promise<void>;
}

/** Approves a person with this (Facebook) name as an administrator of the Page, as REG-5 has it. */
export function approveAdmin(t: TestWorkspace, name: string, email: string): void {
  const cm = t.as(CM);
  const person = createPerson(cm, { name, role: 'employee', email, departmentId: null });
  const detail = requestAdminChange(cm, { siteId: FB, personId: person.id, action: 'add', reason: 'Page admin' });
  const change = detail.adminChanges.find((c) => c.personId === person.id && c.state === 'pending');
  if (!change) throw new Error('no pending admin change');
  const yesterday = new Date(t.now.getTime() - 86_400_000).toISOString().slice(0, 10);
  recordApproval(cm, { subject: 'admin_change', subjectId: change.id, approverId: t.personId(CITY_MANAGER), approvedOn: yesterday, evidence: memo() });
}

export async function monitorRig(options: { registerPageAdmins?: boolean } = {}): Promise<MonitorRig> {
  const t = demoWorkspace(new Date());
  const sim = await startSimulator({ seed: 7 });
  const store = await openCredentialStore(t.ws.id);
  setConnection(t.as(CM), { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId });
  setConnection(t.as(CM), { siteId: X, baseUrl: sim.xBaseUrl, accountId: sim.xUserId });
  await store.set(apiTokenAccount(FB), sim.tokens.facebookPage);
  await store.set(apiTokenAccount(X), sim.tokens.xUser);
  if (options.registerPageAdmins !== false) {
    // Case and spacing differ from Facebook's on purpose: the match ignores them.
    approveAdmin(t, 'JORDAN REYES', 'jreyes@kalispell.example');
    approveAdmin(t, 'pat  lindqvist', 'plindqvist@kalispell.example');
  }
  let ms = Date.now();
  const clock = () => new Date((ms += 1000));
  const notices: Notice[] = [];
  const check = (siteId: number) => runChecksAfterCapture(t.ws, { siteId, now: clock, store, http: noWait, notify: (n) => notices.push(n) });
  return {
    t, sim, store, notices, clock, check,
    async captureAndCheck() {
      const results = await captureNow(t.ws, { store, http: noWait, now: clock, checks: false });
      const reports: Record<number, CheckReport> = {};
      for (const r of results) {
        if (!r.ok) throw new Error(`capture of ${r.siteName} failed: ${r.error}`);
        reports[r.siteId] = await check(r.siteId);
      }
      return reports;
    },
    advanceTo(step) {
      while (sim.control.step < step) {
        if (!sim.control.advance()) throw new Error(`the timeline has no step ${step}`);
      }
    },
    status: (siteId) => getSite(t.as(CM), siteId).status,
    async close() {
      for (const a of await store.accounts()) await store.delete(a);
      await sim.close();
      t.cleanup();
    },
  };
}

/** Decodes a quoted-printable body (RFC 2045 6.7), independently of the code under test. */
export function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] as string;
    if (c === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/** The .eml split into its headers and decoded body. */
export function parseEml(eml: string): { headers: Record<string, string>; body: string } {
  const at = eml.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of eml.slice(0, at).split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: decodeQuotedPrintable(eml.slice(at + 4)) };
}
