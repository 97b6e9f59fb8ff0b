import type { SessionInfo } from '../../preload/contract';
import type { registryContract } from '../../preload/contracts/registry';
import { keychainStatus } from '../credentials/store';
import { recordApproval, getEvidence } from '../registry/approvals';
import { cancelAdminChange, requestAdminChange } from '../registry/admins';
import { readAudit } from '../registry/audit-read';
import { complianceFindings } from '../registry/compliance';
import { requireCapability, type DomainContext } from '../registry/context';
import { createPerson, listDepartments, listPeople, listRoles, updatePerson } from '../registry/people';
import { getSiteDetail, listSites } from '../registry/site-read';
import { createSite, listPlatforms, setSiteStatus, updateSite } from '../registry/sites';
import { recordTermsReview } from '../registry/terms';
import { addViolationStep, listViolations, reportViolation } from '../registry/violations';
import { chooseOwner, contextFor, setupFirstPerson } from '../workspace/workspace';
import type { HandlersFor, Services } from './services';



function session(services: Services, ctx: DomainContext): SessionInfo {
  const { workspace } = services;
  const a = ctx.actor;
  return {
    workspace: { id: workspace.id, demo: workspace.demo, dataDir: workspace.dataDir },
    owner: a ? { personId: a.personId, name: a.name, role: a.role, roleName: a.roleName, capabilities: [...a.capabilities].sort() } : null,
  };
}

/** Each handler is a line: the domain functions do the checking, main never trusts the renderer. */
export const registryHandlers: HandlersFor<typeof registryContract> = {
  'session.get': (ctx, _i, s) => session(s, ctx),
  // Before first start has chosen an owner there is nobody to check, and the chooser needs names.
  'session.people': (ctx) => listPeople(ctx).filter((p) => p.active),
  'session.choose': (_ctx, i, s) => {
    chooseOwner(s.workspace, i.personId, s.now);
    return session(s, contextFor(s.workspace, s.now));
  },

  'session.setup': (_ctx, i, s) => {
    setupFirstPerson(s.workspace, i, s.now);
    return session(s, contextFor(s.workspace, s.now));
  },

  // Roles and departments are reference data the first-start form needs before anyone is chosen.
  'registry.roles': (ctx) => listRoles(ctx),
  'registry.departments': (ctx) => listDepartments(ctx),
  'registry.platforms': (ctx) => (requireCapability(ctx, 'registry.read', 'read the registry'), listPlatforms(ctx)),
  'registry.people.list': (ctx) => (requireCapability(ctx, 'registry.read', 'read the registry'), listPeople(ctx)),
  'registry.people.create': (ctx, i) => createPerson(ctx, i),
  'registry.people.update': (ctx, i) => updatePerson(ctx, i.id, i.patch),

  'registry.sites.list': (ctx) => (requireCapability(ctx, 'registry.read', 'read the registry'), listSites(ctx)),
  'registry.sites.get': (ctx, i) => (requireCapability(ctx, 'registry.read', 'read the registry'), getSiteDetail(ctx, i.id)),
  'registry.sites.create': (ctx, i) => createSite(ctx, i),
  'registry.sites.update': (ctx, i) => updateSite(ctx, i.id, i.patch),
  'registry.sites.setStatus': (ctx, i) => setSiteStatus(ctx, i.id, i.status, i.note),
  'registry.approvals.record': (ctx, i) => recordApproval(ctx, {
    ...i,
    evidence: { fileName: i.evidence.fileName, mediaType: i.evidence.mediaType, bytes: Buffer.from(i.evidence.dataBase64, 'base64') },
  }),
  'registry.evidence.get': (ctx, i) => {
    const e = getEvidence(ctx, i.id);
    return { fileName: e.fileName, mediaType: e.mediaType, sha256: e.sha256, dataBase64: Buffer.from(e.bytes).toString('base64') };
  },
  'registry.admins.request': (ctx, i) => requestAdminChange(ctx, i),
  'registry.admins.cancel': (ctx, i) => cancelAdminChange(ctx, i.changeId),
  'registry.terms.record': (ctx, i) => recordTermsReview(ctx, i),

  'compliance.findings': (ctx) => complianceFindings(ctx),

  'violations.list': (ctx) => listViolations(ctx),
  'violations.report': (ctx, i) => reportViolation(ctx, i),
  'violations.step': (ctx, i) => addViolationStep(ctx, i),

  'audit.list': (ctx, i) => readAudit(ctx, i ?? {}),

  'keychain.status': (_ctx, _i, s) => keychainStatus(s.workspace.id),
};
