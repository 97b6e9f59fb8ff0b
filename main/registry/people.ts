import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import type { Department, Person, Role } from './types';

interface PersonRow {
  id: number; name: string; role: string; role_name: string; department_id: number | null;
  department_name: string | null; email: string; may_submit: number; approver_id: number | null;
  approver_name: string | null; active: number;
}

const PERSON_SELECT = `
  SELECT p.id, p.name, p.role, r.name AS role_name, p.department_id, d.name AS department_name, p.email,
         p.may_submit, p.approver_id, a.name AS approver_name, p.active
    FROM people p
    JOIN roles r ON r.key = p.role
    LEFT JOIN departments d ON d.id = p.department_id
    LEFT JOIN people a ON a.id = p.approver_id`;

function toPerson(r: PersonRow): Person {
  return {
    id: r.id, name: r.name, role: r.role, roleName: r.role_name, departmentId: r.department_id,
    departmentName: r.department_name, email: r.email, maySubmit: r.may_submit === 1,
    approverId: r.approver_id, approverName: r.approver_name, active: r.active === 1,
  };
}

export function listRoles(ctx: DomainContext): Role[] {
  const rows = ctx.db.prepare('SELECT key, name, capabilities FROM roles ORDER BY sort').all() as
    { key: string; name: string; capabilities: string }[];
  return rows.map((r) => ({ key: r.key, name: r.name, capabilities: JSON.parse(r.capabilities) as string[] }));
}

export function listDepartments(ctx: DomainContext): Department[] {
  const rows = ctx.db.prepare('SELECT id, name, contact_email, contact_phone, contact_url FROM departments ORDER BY name').all() as
    { id: number; name: string; contact_email: string | null; contact_phone: string | null; contact_url: string | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, contactEmail: r.contact_email, contactPhone: r.contact_phone, contactUrl: r.contact_url }));
}

export interface DepartmentInput { name: string; contactEmail?: string | null; contactPhone?: string | null; contactUrl?: string | null }

export function createDepartment(ctx: DomainContext, input: DepartmentInput): Department {
  requireCapability(ctx, 'registry.manage', 'add departments');
  return inTransaction(ctx.db, () => {
    const id = Number(ctx.db.prepare('INSERT INTO departments (name, contact_email, contact_phone, contact_url) VALUES (?, ?, ?, ?)')
      .run(input.name.trim(), input.contactEmail ?? null, input.contactPhone ?? null, input.contactUrl ?? null).lastInsertRowid);
    const dept = listDepartments(ctx).find((d) => d.id === id) as Department;
    audit(ctx, 'department.create', 'department', id, null, dept);
    return dept;
  });
}

export function listPeople(ctx: DomainContext): Person[] {
  return (ctx.db.prepare(`${PERSON_SELECT} ORDER BY p.active DESC, p.name`).all() as PersonRow[]).map(toPerson);
}

export function getPerson(ctx: DomainContext, id: number): Person {
  const row = ctx.db.prepare(`${PERSON_SELECT} WHERE p.id = ?`).get(id) as PersonRow | undefined;
  if (!row) throw new AppError('not_found', `No person with id ${id}.`);
  return toPerson(row);
}

export interface PersonInput {
  name: string;
  role: string;
  departmentId?: number | null;
  email: string;
  maySubmit?: boolean;
  approverId?: number | null;
  active?: boolean;
}

function roleCapabilities(ctx: DomainContext, role: string): string[] {
  const row = ctx.db.prepare('SELECT capabilities FROM roles WHERE key = ?').get(role) as { capabilities: string } | undefined;
  if (!row) throw new AppError('invalid_input', `Unknown role "${role}".`);
  return JSON.parse(row.capabilities) as string[];
}

/**
 * CNT-1/REG-4: only people whose role submits content can be on the submitters' list, and a
 * designee must name the director who approves for them.
 */
function checkPersonRules(ctx: DomainContext, input: PersonInput, selfId: number | null): void {
  const caps = roleCapabilities(ctx, input.role);
  if (input.maySubmit && !caps.includes('content.submit')) {
    throw new AppError('invalid_input', 'Only Department Directors and Designees can be on the list of content submitters.');
  }
  if (input.departmentId != null && !ctx.db.prepare('SELECT 1 FROM departments WHERE id = ?').get(input.departmentId)) {
    throw new AppError('invalid_input', `No department with id ${input.departmentId}.`);
  }
  if (input.role === 'designee') {
    if (input.approverId == null) throw new AppError('invalid_input', 'A Designee must be linked to the Department Director who approves for them.');
    const approver = getPerson(ctx, input.approverId);
    if (approver.role !== 'department_director') throw new AppError('invalid_input', `${approver.name} is not a Department Director.`);
    if (approver.id === selfId) throw new AppError('invalid_input', 'A person cannot approve for themselves.');
  } else if (input.approverId != null) {
    throw new AppError('invalid_input', 'Only a Designee has an approving director.');
  }
}

export function createPerson(ctx: DomainContext, input: PersonInput): Person {
  requireCapability(ctx, 'registry.manage', 'add people to the registry');
  return inTransaction(ctx.db, () => {
    checkPersonRules(ctx, input, null);
    const id = Number(ctx.db.prepare(
      `INSERT INTO people (name, role, department_id, email, may_submit, approver_id, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.name.trim(), input.role, input.departmentId ?? null, input.email.trim(), input.maySubmit ? 1 : 0,
      input.approverId ?? null, input.active === false ? 0 : 1, isoNow(ctx)).lastInsertRowid);
    const person = getPerson(ctx, id);
    audit(ctx, 'person.create', 'person', id, null, person);
    return person;
  });
}

export function updatePerson(ctx: DomainContext, id: number, patch: Partial<PersonInput>): Person {
  requireCapability(ctx, 'registry.manage', 'change people in the registry');
  return inTransaction(ctx.db, () => {
    const before = getPerson(ctx, id);
    const next: PersonInput = {
      name: patch.name ?? before.name,
      role: patch.role ?? before.role,
      departmentId: patch.departmentId !== undefined ? patch.departmentId : before.departmentId,
      email: patch.email ?? before.email,
      maySubmit: patch.maySubmit ?? before.maySubmit,
      approverId: patch.approverId !== undefined ? patch.approverId : before.approverId,
      active: patch.active ?? before.active,
    };
    checkPersonRules(ctx, next, id);
    ctx.db.prepare(
      `UPDATE people SET name = ?, role = ?, department_id = ?, email = ?, may_submit = ?, approver_id = ?, active = ? WHERE id = ?`,
    ).run(next.name.trim(), next.role, next.departmentId ?? null, next.email.trim(), next.maySubmit ? 1 : 0,
      next.approverId ?? null, next.active === false ? 0 : 1, id);
    const after = getPerson(ctx, id);
    audit(ctx, 'person.update', 'person', id, before, after);
    return after;
  });
}
