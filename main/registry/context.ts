import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';
import type { Capability } from './capabilities';

export interface Actor {
  personId: number;
  name: string;
  role: string;
  roleName: string;
  capabilities: ReadonlySet<string>;
}

/** Everything a domain function needs: the workspace, who is acting, and the clock. */
export interface DomainContext {
  db: Db;
  actor: Actor | null;
  now(): Date;
}

export function requireActor(ctx: DomainContext): Actor {
  if (!ctx.actor) throw new AppError('no_actor', 'Choose who you are in this workspace first (Settings, or the first-start screen).');
  return ctx.actor;
}

export function requireCapability(ctx: DomainContext, capability: Capability, what: string): Actor {
  const actor = requireActor(ctx);
  if (!actor.capabilities.has(capability)) {
    throw new AppError('forbidden', `${actor.roleName}s may not ${what}.`);
  }
  return actor;
}

export function isoNow(ctx: DomainContext): string {
  return ctx.now().toISOString();
}

/** Writes one audit row; callers do it inside the same transaction as the change it describes. */
export function audit(
  ctx: DomainContext,
  action: string,
  entity: string,
  entityId: string | number | null,
  before: unknown,
  after: unknown,
): void {
  ctx.db
    .prepare(
      `INSERT INTO audit_log (at, actor_id, actor_role, action, entity, entity_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      isoNow(ctx),
      ctx.actor?.personId ?? null,
      ctx.actor?.role ?? null,
      action,
      entity,
      entityId === null ? null : String(entityId),
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
    );
}
