import { requireCapability, type DomainContext } from './context';
import type { AuditEntry } from './types';

export interface AuditQuery { entity?: string; entityId?: string; limit?: number; before?: number }

/** Newest first, in pages keyed by id so that new rows never shift a page being read. */
export function readAudit(ctx: DomainContext, query: AuditQuery = {}): AuditEntry[] {
  requireCapability(ctx, 'audit.read', 'read the audit log');
  const rows = ctx.db.prepare(
    `SELECT a.id, a.at, p.name AS actor_name, a.actor_role, a.action, a.entity, a.entity_id, a.before, a.after
       FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
      WHERE (? IS NULL OR a.entity = ?) AND (? IS NULL OR a.entity_id = ?) AND (? IS NULL OR a.id < ?)
      ORDER BY a.id DESC LIMIT ?`,
  ).all(query.entity ?? null, query.entity ?? null, query.entityId ?? null, query.entityId ?? null,
    query.before ?? null, query.before ?? null, Math.min(Math.max(query.limit ?? 100, 1), 500)) as {
    id: number; at: string; actor_name: string | null; actor_role: string | null; action: string; entity: string;
    entity_id: string | null; before: string | null; after: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id, at: r.at, actorName: r.actor_name, actorRole: r.actor_role, action: r.action, entity: r.entity,
    entityId: r.entity_id, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null,
  }));
}
