/** The registry's records as every layer sees them (the contract re-exports these types). */
export type SiteStatus = 'proposed' | 'approved' | 'active' | 'suspended' | 'retired';
export type SiteScope = 'official' | 'non_city_official_use';

export interface Role {
  key: string;
  name: string;
  capabilities: string[];
}

export interface Department {
  id: number;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  contactUrl: string | null;
}

export interface Person {
  id: number;
  name: string;
  role: string;
  roleName: string;
  departmentId: number | null;
  departmentName: string | null;
  email: string;
  maySubmit: boolean;
  approverId: number | null;
  approverName: string | null;
  active: boolean;
}

export interface Platform {
  key: string;
  name: string;
  offers2fa: boolean;
}

export interface Approval {
  id: number;
  approverId: number;
  approverName: string;
  approvedOn: string;
  evidence: { id: number; fileName: string; mediaType: string; sha256: string; size: number };
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface AdminChange {
  id: number;
  siteId: number;
  personId: number;
  personName: string;
  personRole: string;
  action: 'add' | 'remove';
  reason: string;
  requestedBy: string;
  requestedAt: string;
  state: 'pending' | 'approved' | 'cancelled';
  approval: Approval | null;
}

export interface TermsReview {
  id: number;
  reviewedOn: string;
  reviewerName: string;
  outcome: 'acceptable' | 'it_consulted';
  note: string;
}

export interface Site {
  id: number;
  platform: string;
  platformName: string;
  handle: string;
  name: string;
  url: string | null;
  purpose: string;
  departmentId: number | null;
  departmentName: string | null;
  scope: SiteScope;
  status: SiteStatus;
  twofaEnabled: boolean;
  policyLinked: boolean;
  policyUrl: string | null;
  createdAt: string;
  lastTermsReview: TermsReview | null;
  admins: { personId: number; name: string; role: string }[];
}

export interface SiteDetail extends Site {
  approval: Approval | null;
  adminChanges: AdminChange[];
  termsReviews: TermsReview[];
}

export interface Finding {
  requirement: string;
  siteId: number | null;
  siteName: string | null;
  kind: 'site_not_approved' | 'it_director_not_admin' | 'twofa_off' | 'terms_not_reviewed' | 'policy_not_linked' | 'admin_not_approved' | 'designee_without_director';
  message: string;
}

export interface ViolationReport {
  id: number;
  reportedBy: string;
  reportedAt: string;
  siteId: number | null;
  siteName: string | null;
  summary: string;
  details: string;
  status: 'open' | 'in_progress' | 'closed';
  closedAt: string | null;
  steps: { id: number; actor: string; at: string; step: string }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}
