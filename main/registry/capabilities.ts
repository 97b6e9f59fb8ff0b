/**
 * What a role may do. The assignment of capabilities to roles is workspace data (the roles table,
 * seeded from the policy); this list is only the vocabulary main checks against.
 */
export const CAPABILITIES = [
  'registry.read',
  'registry.manage',
  'approval.record',
  'approval.grant',
  'site.suspend',
  'violation.report',
  'violation.manage',
  'audit.read',
  'content.submit',
  'content.publish',
  'comment.moderate',
  'comment.reply',
  'comment.flag',
  'records.export',
  'vault.use',
  'monitor.clear',
  'archive.read',
  'archive.capture',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(value: string): value is Capability {
  return (CAPABILITIES as readonly string[]).includes(value);
}

/** Kalispell's roles (Resolution 5716). Each line cites the clause that grants the capability. */
export const KALISPELL_ROLES: readonly { key: string; name: string; capabilities: Capability[] }[] = [
  {
    key: 'communications_manager',
    name: 'Communications Manager',
    // REG-1..REG-5: all use is routed through the CM; CNT-3 only the CM publishes; CMT-2 replies.
    capabilities: ['registry.read', 'registry.manage', 'approval.record', 'site.suspend', 'violation.report',
      'violation.manage', 'audit.read', 'content.publish', 'comment.moderate', 'comment.reply', 'comment.flag',
      'records.export', 'vault.use', 'archive.read', 'archive.capture'],
  },
  {
    key: 'city_manager',
    name: 'City Manager',
    // REG-2: approves sites and administrative changes; VIO-1 receives reports; CMT-2 may respond.
    capabilities: ['registry.read', 'approval.record', 'approval.grant', 'violation.report', 'violation.manage',
      'audit.read', 'comment.moderate', 'comment.reply', 'comment.flag', 'archive.read'],
  },
  {
    key: 'city_attorney',
    name: 'City Attorney',
    capabilities: ['registry.read', 'violation.report', 'audit.read', 'comment.moderate', 'comment.reply', 'comment.flag', 'archive.read'],
  },
  {
    key: 'it_director',
    name: 'IT Director',
    // REG-6 admin of every site; SEC-7 clears a vandalized channel.
    capabilities: ['registry.read', 'site.suspend', 'violation.report', 'audit.read', 'comment.flag', 'vault.use', 'monitor.clear',
      'archive.read', 'archive.capture'],
  },
  {
    key: 'city_clerk',
    name: 'City Clerk',
    // REC-5 receives records requests.
    capabilities: ['registry.read', 'violation.report', 'audit.read', 'comment.flag', 'records.export', 'archive.read'],
  },
  {
    key: 'department_director',
    name: 'Department Director',
    capabilities: ['registry.read', 'violation.report', 'content.submit', 'comment.flag', 'archive.read'],
  },
  {
    key: 'designee',
    name: 'Designee',
    // CNT-1: submits only with the director's prior approval, checked per submission.
    capabilities: ['registry.read', 'violation.report', 'content.submit', 'comment.flag', 'archive.read'],
  },
  {
    key: 'employee',
    name: 'Employee',
    // CMT-4: may only report.
    capabilities: ['registry.read', 'violation.report', 'comment.flag', 'archive.read'],
  },
];
