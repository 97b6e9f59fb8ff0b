import type { Db } from '../db/connection';
import { recordApproval } from './approvals';
import { requestAdminChange } from './admins';
import { KALISPELL_ROLES } from './capabilities';
import type { DomainContext } from './context';
import { createPerson } from './people';
import { createSite, setSiteStatus, updateSite } from './sites';
import { recordTermsReview } from './terms';

const PLATFORMS = [
  { key: 'facebook', name: 'Facebook Page', offers2fa: true, urlPrefix: 'https://www.facebook.com/' },
  { key: 'x', name: 'X account', offers2fa: true, urlPrefix: 'https://x.com/' },
  { key: 'instagram', name: 'Instagram account', offers2fa: true, urlPrefix: 'https://www.instagram.com/' },
  { key: 'youtube', name: 'YouTube channel', offers2fa: true, urlPrefix: 'https://www.youtube.com/@' },
  { key: 'nextdoor', name: 'Nextdoor agency account', offers2fa: true, urlPrefix: 'https://nextdoor.com/agency/' },
];

/** Kalispell's departments; contacts are the city's to fill in (the Clerk's is in the policy). */
const DEPARTMENTS: { name: string; email?: string }[] = [
  { name: "City Manager's Office" }, { name: 'City Clerk', email: 'cityclerk@kalispell.com' }, { name: 'City Attorney' },
  { name: 'Information Technology' }, { name: 'Police' }, { name: 'Fire' }, { name: 'Public Works' },
  { name: 'Parks and Recreation' }, { name: 'Development Services' }, { name: 'Finance' },
];

/** Roles, platforms and departments: what every workspace starts with, demo or not. */
export function seedReferenceData(db: Db): void {
  const role = db.prepare('INSERT OR IGNORE INTO roles (key, name, capabilities, sort) VALUES (?, ?, ?, ?)');
  KALISPELL_ROLES.forEach((r, i) => role.run(r.key, r.name, JSON.stringify(r.capabilities), i));
  const platform = db.prepare('INSERT OR IGNORE INTO platforms (key, name, offers_2fa, url_prefix) VALUES (?, ?, ?, ?)');
  for (const p of PLATFORMS) platform.run(p.key, p.name, p.offers2fa ? 1 : 0, p.urlPrefix);
  const dept = db.prepare('INSERT OR IGNORE INTO departments (name, contact_email, contact_url) VALUES (?, ?, ?)');
  for (const d of DEPARTMENTS) dept.run(d.name, d.email ?? null, 'https://www.kalispell.com/');
}

function departmentId(db: Db, name: string): number {
  return (db.prepare('SELECT id FROM departments WHERE name = ?').get(name) as { id: number }).id;
}

/** The demo's people; names are invented, roles and departments are Kalispell's. */
export const DEMO_PEOPLE = [
  { key: 'cm', name: 'Jordan Avery', role: 'communications_manager', dept: "City Manager's Office", email: 'javery@kalispell.example' },
  { key: 'manager', name: 'Morgan Ellis', role: 'city_manager', dept: "City Manager's Office", email: 'mellis@kalispell.example' },
  { key: 'attorney', name: 'Riley Chen', role: 'city_attorney', dept: 'City Attorney', email: 'rchen@kalispell.example' },
  { key: 'it', name: 'Sam Okafor', role: 'it_director', dept: 'Information Technology', email: 'sokafor@kalispell.example' },
  { key: 'clerk', name: 'Taylor Brooks', role: 'city_clerk', dept: 'City Clerk', email: 'tbrooks@kalispell.example' },
  { key: 'pw', name: 'Casey Lindqvist', role: 'department_director', dept: 'Public Works', email: 'clindqvist@kalispell.example' },
  { key: 'parks', name: 'Avery Nakamura', role: 'department_director', dept: 'Parks and Recreation', email: 'anakamura@kalispell.example' },
  { key: 'pwDesignee', name: 'Jamie Ortiz', role: 'designee', dept: 'Public Works', email: 'jortiz@kalispell.example' },
  { key: 'employee', name: 'Drew Patel', role: 'employee', dept: 'Finance', email: 'dpatel@kalispell.example' },
] as const;

function memo(title: string, body: string): { fileName: string; mediaType: string; bytes: Uint8Array } {
  const text = `MEMORANDUM (demo workspace)\n\n${title}\n\n${body}\n`;
  return { fileName: `${title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.txt`, mediaType: 'text/plain', bytes: new TextEncoder().encode(text) };
}

function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The Kalispell demo, built through the same domain functions a person uses, so the demo shows
 * real approvals, real audit rows and real findings: the Facebook Page is in order; the X account
 * lacks the IT Director as admin, 2FA and the policy link, which the compliance panel shows.
 */
export function seedKalispellDemo(asPerson: (personId: number) => DomainContext, bootstrap: DomainContext): Record<string, number> {
  const db = bootstrap.db;
  const ids: Record<string, number> = {};
  const insert = db.prepare(
    `INSERT INTO people (name, role, department_id, email, may_submit, approver_id, active, created_at) VALUES (?, ?, ?, ?, 0, NULL, 1, ?)`,
  );
  // The first person has to exist before anyone can act; it is the only row written outside the domain functions.
  const cm = DEMO_PEOPLE[0];
  ids.cm = Number(insert.run(cm.name, cm.role, departmentId(db, cm.dept), cm.email, bootstrap.now().toISOString()).lastInsertRowid);
  const ctx = asPerson(ids.cm);
  for (const p of DEMO_PEOPLE.slice(1)) {
    if (p.key === 'pwDesignee') continue;
    ids[p.key] = createPerson(ctx, { name: p.name, role: p.role, email: p.email, departmentId: departmentId(db, p.dept),
      maySubmit: p.role === 'department_director' }).id;
  }
  const d = DEMO_PEOPLE.find((p) => p.key === 'pwDesignee') as (typeof DEMO_PEOPLE)[number];
  ids.pwDesignee = createPerson(ctx, { name: d.name, role: d.role, email: d.email, departmentId: departmentId(db, d.dept),
    maySubmit: true, approverId: ids.pw }).id;

  const now = ctx.now();
  const fb = createSite(ctx, { platform: 'facebook', handle: 'CityofKalispell', name: 'City of Kalispell (Facebook)',
    url: 'https://www.facebook.com/CityofKalispell', purpose: 'City news, events, service notices and emergency information.',
    departmentId: departmentId(db, "City Manager's Office") });
  const x = createSite(ctx, { platform: 'x', handle: 'CityKalispell', name: 'City of Kalispell (X)',
    url: 'https://x.com/CityKalispell', purpose: 'Short city notices: road closures, meetings, emergencies.',
    departmentId: departmentId(db, "City Manager's Office") });
  ids.facebookSite = fb.id;
  ids.xSite = x.id;
  for (const site of [fb, x]) {
    recordApproval(ctx, { subject: 'site', subjectId: site.id, approverId: ids.manager as number, approvedOn: daysAgo(now, 400),
      evidence: memo(`Approval of ${site.name}`, `The City Manager approves ${site.name} as an official city site.`) });
    setSiteStatus(ctx, site.id, 'active', 'Launched');
    const admins = site.id === fb.id ? [ids.cm, ids.it] : [ids.cm];
    for (const personId of admins) {
      const detail = requestAdminChange(ctx, { siteId: site.id, personId: personId as number, action: 'add', reason: 'Initial administrators' });
      const change = detail.adminChanges.find((c) => c.personId === personId && c.state === 'pending');
      if (change) {
        recordApproval(ctx, { subject: 'admin_change', subjectId: change.id, approverId: ids.manager as number, approvedOn: daysAgo(now, 399),
          evidence: memo(`Administrators of ${site.name}`, 'The City Manager approves the administrators named in the request.') });
      }
    }
    recordTermsReview(ctx, { siteId: site.id, reviewedOn: daysAgo(now, site.id === fb.id ? 60 : 30), reviewerId: ids.cm,
      outcome: 'acceptable', note: 'Terms of service and privacy terms read.' });
  }
  updateSite(ctx, fb.id, { twofaEnabled: true, policyLinked: true, policyUrl: 'https://www.kalispell.com/civility-policy' });
  return ids;
}
