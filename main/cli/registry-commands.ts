import { withWorkspace } from './with-workspace';
import { complianceFindings } from '../registry/compliance';
import { listSites } from '../registry/site-read';
import { createSite } from '../registry/sites';
import { listPeople } from '../registry/people';
import { AppError } from '../shared/errors';
import { rmSync } from 'node:fs';
import { contextFor, initWorkspace, setupFirstPerson } from '../workspace/workspace';
import type { Command } from './main';
import { printJson, printTable } from './output';


function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new AppError('invalid_input', `--${name} is required.`);
  return v;
}

export const registryCommands: Command[] = [
  {
    words: ['init'],
    usage: 'init [--demo] [--name N --email E [--role R]] --data-dir DIR [--json]   create a workspace (--demo: the Kalispell demo; --name/--email: its owner)',
    options: { demo: { type: 'boolean' }, name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
    run({ values, dataDir, io }) {
      if (values.demo && (values.name || values.email)) throw new AppError('invalid_input', 'The demo workspace belongs to its Communications Manager; leave out --name and --email.');
      if (Boolean(values.name) !== Boolean(values.email)) throw new AppError('invalid_input', '--name and --email go together.');
      const ws = initWorkspace(dataDir, { demo: Boolean(values.demo) });
      if (typeof values.name === 'string' && typeof values.email === 'string') {
        try {
          setupFirstPerson(ws, { name: values.name, email: values.email, role: typeof values.role === 'string' ? values.role : 'communications_manager' });
        } catch (err) {
          ws.close();
          rmSync(ws.file, { force: true });
          rmSync(`${ws.file}-wal`, { force: true });
          rmSync(`${ws.file}-shm`, { force: true });
          throw err;
        }
      }
      const summary = { dataDir: ws.dataDir, file: ws.file, workspaceId: ws.id, demo: ws.demo };
      ws.close();
      if (values.json) printJson(io, summary);
      else io.out(`Created ${ws.demo ? 'the Kalispell demo ' : ''}workspace in ${summary.file}`);
      return 0;
    },
  },
  {
    words: ['registry', 'sites'],
    usage: 'registry sites [--json]   list the approved and proposed sites (REG-3)',
    options: {},
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, (ws) => {
        const sites = listSites(contextFor(ws));
        if (values.json) printJson(io, sites);
        else if (sites.length === 0) io.out('No sites in the registry yet. Add one with: civicdesk registry add-site');
        else printTable(io, ['ID', 'PLATFORM', 'HANDLE', 'NAME', 'STATUS', 'ADMINS'],
          sites.map((s) => [s.id, s.platformName, s.handle, s.name, s.status, s.admins.map((a) => a.name).join(', ')]));
        return 0;
      });
    },
  },
  {
    words: ['registry', 'add-site'],
    usage: 'registry add-site --platform facebook|x|... --handle H --name N [--url U] [--purpose P] [--json]   propose a site (REG-2)',
    options: { platform: { type: 'string' }, handle: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, purpose: { type: 'string' } },
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, (ws) => {
        const site = createSite(contextFor(ws), {
          platform: required(values, 'platform'), handle: required(values, 'handle'), name: required(values, 'name'),
          url: typeof values.url === 'string' ? values.url : null, purpose: typeof values.purpose === 'string' ? values.purpose : '',
        });
        if (values.json) printJson(io, site);
        else io.out(`Proposed site ${site.id}: ${site.name} (${site.platformName} @${site.handle}). It takes effect once the City Manager's approval is recorded.`);
        return 0;
      });
    },
  },
  {
    words: ['registry', 'people'],
    usage: 'registry people [--json]   list people, roles and the content submitters (REG-4)',
    options: {},
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, (ws) => {
        const people = listPeople(contextFor(ws));
        if (values.json) printJson(io, people);
        else printTable(io, ['ID', 'NAME', 'ROLE', 'DEPARTMENT', 'SUBMITS', 'EMAIL'],
          people.map((p) => [p.id, p.name, p.roleName, p.departmentName, p.maySubmit ? (p.approverName ? `via ${p.approverName}` : 'yes') : '', p.email]));
        return 0;
      });
    },
  },
  {
    words: ['compliance'],
    usage: 'compliance [--json]   list compliance findings; exits 1 when there are any',
    options: {},
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, (ws) => {
        const findings = complianceFindings(contextFor(ws));
        if (values.json) printJson(io, findings.map((f) => ({ requirement: f.requirement, ...(f.siteId !== null ? { siteId: f.siteId } : {}), kind: f.kind, message: f.message })));
        else if (findings.length === 0) io.out('No compliance findings.');
        else printTable(io, ['REQ', 'SITE', 'FINDING'], findings.map((f) => [f.requirement, f.siteName ?? '', f.message]));
        return findings.length > 0 ? 1 : 0;
      });
    },
  },
];
