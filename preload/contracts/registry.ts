import { z } from 'zod';
import type {
  AuditEntry, Department, Finding, Person, Platform, Role, Site, SiteDetail, ViolationReport,
} from '../../main/registry/types';
import { day, email, id, nothing, returns, text, url } from './kit';

export interface SessionPerson { personId: number; name: string; role: string; roleName: string; capabilities: string[] }
export interface SessionInfo {
  workspace: { id: string; demo: boolean; dataDir: string };
  owner: SessionPerson | null;
}
export interface EvidenceFile { fileName: string; mediaType: string; dataBase64: string; sha256: string }
export interface KeychainStatus { available: boolean; message: string }

/** Evidence travels as base64 so the same contract serves IPC and the HTTP test bridge. */
const MAX_EVIDENCE_BASE64 = Math.ceil((25 * 1024 * 1024) / 3) * 4;

const personFields = {
  name: text(200).trim().min(1, 'A name is required.'),
  role: text(60).min(1),
  departmentId: id.nullable().optional(),
  email,
  maySubmit: z.boolean().optional(),
  approverId: id.nullable().optional(),
  active: z.boolean().optional(),
};

const sitePatch = z.object({
  name: text(200).optional(),
  url,
  purpose: text(2000).optional(),
  departmentId: id.nullable().optional(),
  scope: z.enum(['official', 'non_city_official_use']).optional(),
  twofaEnabled: z.boolean().optional(),
  policyLinked: z.boolean().optional(),
  policyUrl: url,
}).strict();

/** Session, registry, compliance, violations, audit and keychain status (issue: foundation). */
export const registryContract = {
  'session.get': { input: nothing, result: returns<SessionInfo>() },
  'session.people': { input: nothing, result: returns<Person[]>() },
  'session.choose': { input: z.object({ personId: id }).strict(), result: returns<SessionInfo>() },
  'session.setup': {
    input: z.object({ name: personFields.name, email, role: text(60).min(1), departmentId: id.nullable().optional() }).strict(),
    result: returns<SessionInfo>(),
  },

  'registry.roles': { input: nothing, result: returns<Role[]>() },
  'registry.departments': { input: nothing, result: returns<Department[]>() },
  'registry.platforms': { input: nothing, result: returns<Platform[]>() },
  'registry.people.list': { input: nothing, result: returns<Person[]>() },
  'registry.people.create': { input: z.object(personFields).strict(), result: returns<Person>() },
  'registry.people.update': {
    input: z.object({ id, patch: z.object(personFields).partial().strict() }).strict(),
    result: returns<Person>(),
  },

  'registry.sites.list': { input: nothing, result: returns<Site[]>() },
  'registry.sites.get': { input: z.object({ id }).strict(), result: returns<SiteDetail>() },
  'registry.sites.create': {
    input: z.object({
      platform: text(40).min(1),
      handle: text(200).trim().min(1, 'A handle is required.'),
      name: text(200).trim().min(1, 'A name is required.'),
      url,
      purpose: text(2000).optional(),
      departmentId: id.nullable().optional(),
      scope: z.enum(['official', 'non_city_official_use']).optional(),
    }).strict(),
    result: returns<Site>(),
  },
  'registry.sites.update': { input: z.object({ id, patch: sitePatch }).strict(), result: returns<SiteDetail>() },
  'registry.sites.setStatus': {
    input: z.object({ id, status: z.enum(['proposed', 'approved', 'active', 'suspended', 'retired']), note: text(2000) }).strict(),
    result: returns<SiteDetail>(),
  },
  'registry.approvals.record': {
    input: z.object({
      subject: z.enum(['site', 'admin_change']),
      subjectId: id,
      approverId: id,
      approvedOn: day,
      evidence: z.object({
        fileName: text(255).trim().min(1, 'The evidence file needs a name.'),
        mediaType: text(200),
        dataBase64: z.string().max(MAX_EVIDENCE_BASE64, 'The evidence file is larger than 25 MB.').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Evidence must be base64.'),
      }).strict(),
      note: text(4000).optional(),
    }).strict(),
    result: returns<SiteDetail>(),
  },
  'registry.evidence.get': { input: z.object({ id }).strict(), result: returns<EvidenceFile>() },
  'registry.admins.request': {
    input: z.object({ siteId: id, personId: id, action: z.enum(['add', 'remove']), reason: text(2000).optional() }).strict(),
    result: returns<SiteDetail>(),
  },
  'registry.admins.cancel': { input: z.object({ changeId: id }).strict(), result: returns<SiteDetail>() },
  'registry.terms.record': {
    input: z.object({ siteId: id, reviewedOn: day, reviewerId: id, outcome: z.enum(['acceptable', 'it_consulted']), note: text(4000).optional() }).strict(),
    result: returns<SiteDetail>(),
  },

  'compliance.findings': { input: nothing, result: returns<Finding[]>() },

  'violations.list': { input: nothing, result: returns<ViolationReport[]>() },
  'violations.report': {
    input: z.object({ siteId: id.nullable().optional(), summary: text(500), details: text(10_000).optional() }).strict(),
    result: returns<ViolationReport>(),
  },
  'violations.step': {
    input: z.object({ reportId: id, step: text(4000), close: z.boolean().optional() }).strict(),
    result: returns<ViolationReport>(),
  },

  'audit.list': {
    input: z.object({ entity: text(60).optional(), entityId: text(60).optional(), limit: z.number().int().min(1).max(500).optional(), before: id.optional() }).strict().optional(),
    result: returns<AuditEntry[]>(),
  },

  'keychain.status': { input: nothing, result: returns<KeychainStatus>() },
} as const;
